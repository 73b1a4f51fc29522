// The user's preferences as the screens use them (for now: the task list's column widths). Main
// keeps them in the data folder; a change shows at once and is saved once the user pauses (a drag
// or held arrow key makes many changes). Should main not answer, the defaults and the changes of
// this session still apply: a layout is not worth an error message.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Preferences, TaskColumnId, UnpodApi } from '../../src-main/ipc/contract.ts';
import { settle } from '../lib/ipc.ts';

const SAVE_DELAY_MS = 300;

export interface PreferencesStore extends Preferences {
  status: 'idle' | 'loading' | 'ready';
  /** Reads the saved preferences once (later calls do nothing). */
  load(): void;
  /** A width in px, or null for "size it to the space" again. */
  setTaskColumnWidth(id: TaskColumnId, width: number | null): void;
}

export function createPreferencesStore(api: Pick<UnpodApi, 'preferences'>): StoreApi<PreferencesStore> {
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Whether the user changed something before the saved preferences arrived (theirs win). */
  let changedBeforeLoad = false;

  return createStore<PreferencesStore>()((set, get) => {
    function scheduleSave(): void {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        saveTimer = null;
        void settle(() => api.preferences.set({ taskColumnWidths: get().taskColumnWidths }));
      }, SAVE_DELAY_MS);
    }

    return {
      status: 'idle',
      taskColumnWidths: {},

      load() {
        if (get().status !== 'idle') return;
        set({ status: 'loading' });
        void settle(() => api.preferences.get()).then((result) => {
          if (result.ok && !changedBeforeLoad) set({ ...result.data, status: 'ready' });
          else set({ status: 'ready' });
        });
      },

      setTaskColumnWidth(id, width) {
        const widths = Object.fromEntries(
          Object.entries({ ...get().taskColumnWidths, [id]: width }).filter(([, w]) => w !== null),
        ) as Preferences['taskColumnWidths'];
        if (get().status !== 'ready') changedBeforeLoad = true;
        set({ taskColumnWidths: widths });
        scheduleSave();
      },
    };
  });
}
