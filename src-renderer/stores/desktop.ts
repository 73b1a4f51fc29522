// What the desktop shell handed the window: a CSV opened with the app (waiting for the Import
// page), and whether the keyboard-shortcuts list is open (Help → Keyboard shortcuts).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OfferedFile } from '../../src-main/ipc/desktop-contract.ts';
import type { UnpodApi } from '../../src-main/ipc/contract.ts';
import type { RendererGoneReason } from '../../src-main/shared/crash-notice.ts';
import { settle } from '../lib/ipc.ts';

export interface DesktopStore {
  /**
   * The CSV last opened with the app. The Import page takes it from here (lead import stages it
   * by its path); until then the page says it arrived.
   */
  offeredFile: OfferedFile | null;
  shortcutsOpen: boolean;
  /** Why main reloaded the window (its page process died), until the user dismisses the notice. */
  recovered: RendererGoneReason | null;
  /** Asks main for a file offered and not yet taken (at start, and when main says one arrived). */
  takeOfferedFile(): Promise<OfferedFile | null>;
  clearOfferedFile(): void;
  setShortcutsOpen(open: boolean): void;
  setRecovered(reason: RendererGoneReason | null): void;
}

export const createDesktopStore = (api: Pick<UnpodApi, 'desktop'>): StoreApi<DesktopStore> =>
  createStore<DesktopStore>()((set) => ({
    offeredFile: null,
    shortcutsOpen: false,
    recovered: null,
    async takeOfferedFile() {
      const result = await settle(() => api.desktop.takeOfferedFile());
      if (!result.ok || result.data === null) return null;
      set({ offeredFile: result.data });
      return result.data;
    },
    clearOfferedFile: () => set({ offeredFile: null }),
    setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
    setRecovered: (reason) => set({ recovered: reason }),
  }));
