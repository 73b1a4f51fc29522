// The connection state shown in the top bar. Fed by the workspace state and by the
// `connection.changed` event (see sync.ts).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionState } from '../../src-main/ipc/contract.ts';

export interface ConnectionStore {
  connection: ConnectionState | null;
  setConnection(connection: ConnectionState): void;
}

export const createConnectionStore = (): StoreApi<ConnectionStore> =>
  createStore<ConnectionStore>()((set) => ({
    connection: null,
    setConnection: (connection) => set({ connection }),
  }));
