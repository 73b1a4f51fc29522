// Connects the stores to the main process: loads the first workspace state and applies the
// events main sends afterwards, and tells main which page is shown. Returns the function that
// undoes it.
import { settle } from '../lib/ipc.ts';
import { useConnectionStore } from './connection.ts';
import { useAgentsStore, useOrganizationsStore, useSpacesStore } from './lists.ts';
import { useNavigationStore } from './navigation.ts';
import { tasksSessionKey, useTasksStore } from './tasks.ts';
import { useWorkspaceStore } from './workspace.ts';

/**
 * Back online (or a token accepted again): every list loads again. Lists that failed, and lists
 * shown from the copies saved for offline use (which look loaded), may both be out of date.
 */
function reloadLists(): void {
  for (const store of [useOrganizationsStore, useSpacesStore, useAgentsStore]) {
    const { key, load } = store.getState();
    if (key !== null) void load(key);
  }
}

export function startSync(): () => void {
  const unsubscribers = [
    window.unpod.on('workspace.changed', (state) => useWorkspaceStore.getState().apply(state)),
    window.unpod.on('connection.changed', (connection) =>
      useConnectionStore.getState().setConnection(connection),
    ),
    useConnectionStore.subscribe((now, before) => {
      const was = before.connection?.state;
      if (now.connection?.state === 'online' && was !== undefined && was !== 'online') reloadLists();
    }),
    // The task list belongs to a workspace and organization: another one empties it at once,
    // whichever page is shown, so nothing of the previous one can be listed, counted or exported.
    useWorkspaceStore.subscribe((now) => useTasksStore.getState().reset(tasksSessionKey(now.state))),
    // Main remembers the page per workspace, so the workspace reopens on it.
    useNavigationStore.subscribe((now, before) => {
      if (now.page !== before.page)
        void settle(() => window.unpod.workspace.rememberPage({ page: now.page }));
    }),
  ];
  void useWorkspaceStore.getState().load();
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
