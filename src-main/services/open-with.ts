// Files the operating system hands to the app ("Open with Unpod Desk", a CSV on the command
// line, a second launch, macOS open-file). Both hosts and every way in meet here, in
// `offerImportFile`: it keeps the file until the window takes it and tells the window to show
// Import. The Import page (lead import) stages the file from its path when it takes it.
import { basename, extname, isAbsolute } from 'node:path';
import type { OfferedFile } from '../ipc/desktop-contract.ts';
import type { Handlers } from '../ipc/router.ts';
import type { Emit } from './emit.ts';

export interface OpenWithService {
  /**
   * Offers a CSV to the Import page. Returns false (and offers nothing) for a path that is not an
   * absolute path to a .csv file: the callers' parsers have already filtered, this is the last check.
   */
  offerImportFile(path: string): boolean;
  /** The file offered last and not yet taken; taking it clears it. */
  takeOffered(): OfferedFile | null;
}

export function createOpenWithService(options: { emit: Emit; now?: () => Date }): OpenWithService {
  const now = options.now ?? (() => new Date());
  // Only the latest: two files opened before the window took one mean the user wants the last.
  let pending: OfferedFile | null = null;
  return {
    offerImportFile(path) {
      if (!isAbsolute(path) || extname(path).toLowerCase() !== '.csv') return false;
      pending = { path, name: basename(path), at: now().toISOString() };
      options.emit('desktop.fileOffered', pending);
      return true;
    },
    takeOffered() {
      const taken = pending;
      pending = null;
      return taken;
    },
  };
}

export function createOpenWithHandlers(openWith: OpenWithService): Pick<Handlers, 'desktop.takeOfferedFile'> {
  return { 'desktop.takeOfferedFile': () => openWith.takeOffered() };
}
