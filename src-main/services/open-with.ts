// Files the operating system hands to the app ("Open with Unpod Desk", a CSV on the command
// line, a second launch, macOS open-file). Both hosts and every way in meet here, in
// `offerImportFile`: it keeps the path until the window takes the file and tells the window to
// show Import. Taking it stages the file for lead import here in main: main trusts a path the
// operating system gave it, so the window never needs the path (and the web host's page, which
// may not name paths, can take it too).
import { basename, extname, isAbsolute } from 'node:path';
import type { StagedFile } from '../ipc/contract-import-files.ts';
import type { OfferedFile } from '../ipc/desktop-contract.ts';
import type { Handlers } from '../ipc/router.ts';
import type { Emit } from './emit.ts';

export interface OpenWithService {
  /**
   * Offers a CSV to the Import page. Returns false (and offers nothing) for a path that is not an
   * absolute path to a .csv file: the callers' parsers have already filtered, this is the last check.
   */
  offerImportFile(path: string): boolean;
  /**
   * Stages the file offered last and not yet taken (null: none); taking it clears it. Rejects with
   * the staging's error for a file that is gone, unreadable or too big.
   */
  takeOffered(): Promise<StagedFile | null>;
}

export function createOpenWithService(options: {
  emit: Emit;
  /** Lead import's staging of a path (ImportsService.stagePath). */
  stage: (path: string) => Promise<StagedFile>;
  now?: () => Date;
}): OpenWithService {
  const now = options.now ?? (() => new Date());
  // Only the latest: two files opened before the window took one mean the user wants the last.
  let pending: string | null = null;
  return {
    offerImportFile(path) {
      if (!isAbsolute(path) || extname(path).toLowerCase() !== '.csv') return false;
      pending = path;
      const offered: OfferedFile = { name: basename(path), at: now().toISOString() };
      options.emit('desktop.fileOffered', offered);
      return true;
    },
    async takeOffered() {
      const path = pending;
      pending = null;
      return path === null ? null : options.stage(path);
    },
  };
}

export function createOpenWithHandlers(openWith: OpenWithService): Pick<Handlers, 'desktop.takeOfferedFile'> {
  return { 'desktop.takeOfferedFile': () => openWith.takeOffered() };
}
