// A store for one list fetched through the bridge (organizations, spaces, agents).
// Each load is tied to a key (what the list belongs to, e.g. the organization): a new key
// clears the old items so one organization's data never shows under another, and a slow
// answer to an older load never overwrites a newer one.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { IpcError, IpcResult } from '../../src-main/ipc/contract.ts';
import { settle } from '../lib/ipc.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface RemoteList<T> {
  key: string | null;
  status: LoadStatus;
  items: T[];
  error: IpcError | null;
  /** Loads (or reloads) the list for `key`. */
  load(key: string): Promise<void>;
  /** Loads again for the current key (the Retry button). */
  retry(): Promise<void>;
  reset(): void;
}

export function createRemoteListStore<T>(fetchList: () => Promise<IpcResult<T[]>>): StoreApi<RemoteList<T>> {
  let latestRequest = 0;
  return createStore<RemoteList<T>>()((set, get) => ({
    key: null,
    status: 'idle',
    items: [],
    error: null,
    async load(key) {
      const request = ++latestRequest;
      const sameKey = get().key === key;
      set({ key, status: 'loading', error: null, items: sameKey ? get().items : [] });
      const result = await settle(fetchList);
      if (request !== latestRequest) return; // superseded by a newer load or a reset
      if (result.ok) set({ status: 'ready', items: result.data });
      else set({ status: 'error', error: result.error });
    },
    async retry() {
      const { key } = get();
      if (key !== null) await get().load(key);
    },
    reset() {
      latestRequest++;
      set({ key: null, status: 'idle', items: [], error: null });
    },
  }));
}
