// The connection state shown in the top bar. Fed by the workspace state and by the
// `connection.changed` event (see sync.ts).
import { create } from 'zustand';
import type { ConnectionState } from '../../src-main/ipc/contract.ts';

interface ConnectionStore {
  connection: ConnectionState | null;
  setConnection(connection: ConnectionState): void;
}

export const useConnectionStore = create<ConnectionStore>()((set) => ({
  connection: null,
  setConnection: (connection) => set({ connection }),
}));
