// What a session remembers between runs (the last space per organization, the last page): where
// it is kept, and saving it one write at a time (the file format is last-space.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PageId } from '../../ipc/contract.ts';
import type { Logger } from '../../log/index.ts';
import { readWorkspaceMemory, writeWorkspaceMemory } from '../last-space.ts';
import type { Session, SessionSpec } from './session.ts';

export interface SessionMemory {
  /** Where a session keeps what it remembers: a profile's folder, or the demo's under the app's. */
  dirOf(spec: SessionSpec): string | null;
  /** Reads what the session's folder remembers into the session. */
  read(s: Session): Promise<void>;
  /** Saves what the session remembers, one save at a time. */
  save(s: Session): Promise<void>;
  /** Remembers the selected space as its organization's last, so the next visit (or start) selects it. */
  rememberSpace(s: Session): Promise<void>;
  rememberPage(s: Session, page: PageId): Promise<void>;
}

export function createSessionMemory({
  dataDir,
  logger,
}: {
  /** The app's data folder (the demo's memory goes in <dataDir>/demo). */
  dataDir?: string;
  logger: Logger;
}): SessionMemory {
  function save(s: Session): Promise<void> {
    const dir = s.memoryDir;
    if (dir === null) return Promise.resolve();
    s.memorySaved = s.memorySaved.then(async () => {
      if (s.closed) return; // sign-out may be deleting the folder
      try {
        await writeWorkspaceMemory(dir, s.memory);
      } catch (error) {
        logger.warn('the last space and page could not be saved', { error });
      }
    });
    return s.memorySaved;
  }

  return {
    dirOf(spec) {
      if (spec.kind === 'profile') return spec.dataDir ?? null;
      // Only inside an existing app folder (the hosts create it), never a stray path.
      return dataDir !== undefined && existsSync(dataDir) ? join(dataDir, 'demo') : null;
    },
    async read(s) {
      if (s.memoryDir !== null) s.memory = await readWorkspaceMemory(s.memoryDir);
    },
    save,
    rememberSpace(s) {
      if (s.organization === null || s.space === null) return Promise.resolve();
      s.memory.spaces.set(s.organization.domainHandle, s.space);
      return save(s);
    },
    async rememberPage(s, page) {
      if (s.memory.lastPage === page) return;
      s.memory.lastPage = page;
      await save(s);
    },
  };
}
