// Connects the stores to the main process: loads the first workspace state and applies the
// events main sends afterwards. Returns the function that undoes it.
import { useConnectionStore } from './connection.ts';
import { useWorkspaceStore } from './workspace.ts';

export function startSync(): () => void {
  const unsubscribers = [
    window.unpod.on('workspace.changed', (state) => useWorkspaceStore.getState().apply(state)),
    window.unpod.on('connection.changed', (connection) =>
      useConnectionStore.getState().setConnection(connection),
    ),
  ];
  void useWorkspaceStore.getState().load();
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
