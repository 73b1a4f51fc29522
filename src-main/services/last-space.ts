// What a workspace remembers between runs, kept in its data folder (profiles/<id>/workspace.json,
// or demo/workspace.json): the space last used in each organization, so switching back to an
// organization (or the next start, online or not) selects it again, and the page last used, so
// the app reopens on it. The cached tasks are per space, which is what lets a profile open
// offline with its last space. Only view-model fields, never a token.
//
// Written atomically (write-json-file.ts); read back through zod. The first version of the file
// held one space (`{version: 1, orgHandle, space}`) and is read as that organization's entry.
// Anything that matches neither counts as "nothing saved" (it only preselects, so losing it is
// harmless).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonFile } from './write-json-file.ts';
import { pageIdSchema, spaceSchema, type PageId, type Space } from '../ipc/contract.ts';

export const LAST_SPACE_FILE_NAME = 'workspace.json';

const savedAt = z.iso.datetime();

const versionOneSchema = z.object({
  version: z.literal(1),
  /** The organization the space belongs to. */
  orgHandle: z.string().min(1),
  space: spaceSchema,
  savedAt,
});

const versionTwoSchema = z.object({
  version: z.literal(2),
  /** The last space used in each organization (a profile may switch organizations). */
  spaces: z.array(z.object({ orgHandle: z.string().min(1), space: spaceSchema })),
  /** A page this version does not know (a newer app wrote it) reads as none. */
  lastPage: pageIdSchema.nullable().catch(null),
  savedAt,
});

const fileSchema = z.discriminatedUnion('version', [versionOneSchema, versionTwoSchema]);

export interface WorkspaceMemory {
  /** Organization handle → the space last used in it. */
  spaces: Map<string, Space>;
  lastPage: PageId | null;
}

export const emptyMemory = (): WorkspaceMemory => ({ spaces: new Map(), lastPage: null });

/** What the workspace whose data folder is `dir` remembers; empty when nothing (readable) is saved. */
export async function readWorkspaceMemory(dir: string): Promise<WorkspaceMemory> {
  let text: string;
  try {
    text = await readFile(join(dir, LAST_SPACE_FILE_NAME), 'utf8');
  } catch {
    return emptyMemory();
  }
  let parsed;
  try {
    parsed = fileSchema.safeParse(JSON.parse(text));
  } catch {
    return emptyMemory(); // not JSON
  }
  if (!parsed.success) return emptyMemory();
  const file = parsed.data;
  if (file.version === 1) return { spaces: new Map([[file.orgHandle, file.space]]), lastPage: null };
  return { spaces: new Map(file.spaces.map((e) => [e.orgHandle, e.space])), lastPage: file.lastPage };
}

/** Saves what the workspace remembers (creates the data folder if needed). */
export async function writeWorkspaceMemory(dir: string, memory: WorkspaceMemory): Promise<void> {
  const file = versionTwoSchema.parse({
    version: 2,
    spaces: [...memory.spaces].map(([orgHandle, space]) => ({ orgHandle, space })),
    lastPage: memory.lastPage,
    savedAt: new Date().toISOString(),
  });
  await writeJsonFile(join(dir, LAST_SPACE_FILE_NAME), file);
}
