// Connects the stores to the main process: loads the first workspace state and applies the
// events main sends afterwards. Returns the function that undoes it.
import { useConnectionStore } from './connection.ts';
import { useAgentsStore, useOrganizationsStore, useSpacesStore } from './lists.ts';
import { useWorkspaceStore } from './workspace.ts';

/** Back online: lists that failed while offline (e.g. a profile opened offline) load again. */
function retryFailedLists(): void {
  for (const store of [useOrganizationsStore, useSpacesStore, useAgentsStore]) {
    if (store.getState().status === 'error') void store.getState().retry();
  }
}

export function startSync(): () => void {
  const unsubscribers = [
    window.unpod.on('workspace.changed', (state) => useWorkspaceStore.getState().apply(state)),
    window.unpod.on('connection.changed', (connection) =>
      useConnectionStore.getState().setConnection(connection),
    ),
    useConnectionStore.subscribe((now, before) => {
      if (now.connection?.state === 'online' && before.connection?.state === 'offline') retryFailedLists();
    }),
  ];
  void useWorkspaceStore.getState().load();
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
