// What the desktop shell handed the window: a CSV opened with the app (staged by main, waiting
// for the Import page to show it), a menu command for the Import page, and whether the keyboard-shortcuts list is open
// (Help → Keyboard shortcuts).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { IpcResult, UnpodApi } from '../../src-main/ipc/contract.ts';
import type { StagedFile } from '../../src-main/ipc/contract-import-files.ts';
import type { RendererGoneReason } from '../../src-main/shared/crash-notice.ts';
import { settle } from '../lib/ipc.ts';

/** What a menu command asks of the Import page: its file chooser, or the New call dialog. */
export type ImportPageRequest = 'choose-file' | 'new-call';

export interface DesktopStore {
  /**
   * The CSV last opened with the app, as main staged it (or why it could not), until the Import
   * page takes it (once a workspace is open: the welcome screen has no Import page).
   */
  offeredFile: IpcResult<StagedFile> | null;
  /** A menu command for the Import page, until the page acts on it (it may not be shown yet). */
  importRequest: ImportPageRequest | null;
  shortcutsOpen: boolean;
  /** Why main reloaded the window (its page process died), until the user dismisses the notice. */
  recovered: RendererGoneReason | null;
  /** Asks main for a file offered and not yet taken (at start, and when main says one arrived). */
  takeOfferedFile(): Promise<IpcResult<StagedFile> | null>;
  /** Hands the taken file to the Import page, once: later calls give null until another is taken. */
  claimOfferedFile(): IpcResult<StagedFile> | null;
  requestOnImport(request: ImportPageRequest): void;
  /** True once for a pending `request` (the page acts on it), clearing it. */
  claimImportRequest(request: ImportPageRequest): boolean;
  setShortcutsOpen(open: boolean): void;
  setRecovered(reason: RendererGoneReason | null): void;
}

export const createDesktopStore = (api: Pick<UnpodApi, 'desktop'>): StoreApi<DesktopStore> =>
  createStore<DesktopStore>()((set, get) => ({
    offeredFile: null,
    importRequest: null,
    shortcutsOpen: false,
    recovered: null,
    async takeOfferedFile() {
      const result = await settle(() => api.desktop.takeOfferedFile());
      let offered: IpcResult<StagedFile>;
      if (!result.ok) offered = result;
      // Nothing offered: a file taken earlier and not yet shown stays.
      else if (result.data === null) return null;
      else offered = { ok: true, data: result.data };
      set({ offeredFile: offered });
      return offered;
    },
    claimOfferedFile() {
      const offered = get().offeredFile;
      if (offered !== null) set({ offeredFile: null });
      return offered;
    },
    requestOnImport: (request) => set({ importRequest: request }),
    claimImportRequest(request) {
      if (get().importRequest !== request) return false;
      set({ importRequest: null });
      return true;
    },
    setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
    setRecovered: (reason) => set({ recovered: reason }),
  }));
