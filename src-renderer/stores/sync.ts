// Connects the stores to the main process: loads the first workspace state and applies the
// events main sends afterwards, and tells main which page is shown. Returns the function that
// undoes it.
import type { UnpodApi } from '../../src-main/ipc/contract.ts';
import { settle } from '../lib/ipc.ts';
import type { ListStores } from './lists.ts';
import type { AppStores } from './registry.ts';
import { tasksSessionKey } from './tasks.ts';

/**
 * Back online (or a token accepted again): every list loads again. Lists that failed, and lists
 * shown from the copies saved for offline use (which look loaded), may both be out of date.
 */
function reloadLists(lists: ListStores): void {
  for (const store of [lists.organizations, lists.spaces, lists.agents]) {
    const { key, load } = store.getState();
    if (key !== null) void load(key);
  }
}

export function startSync(stores: AppStores, api: Pick<UnpodApi, 'on' | 'workspace'>): () => void {
  const { workspace, connection, navigation, tasks, lists } = stores;
  const unsubscribers = [
    api.on('workspace.changed', (state) => workspace.getState().apply(state)),
    api.on('connection.changed', (now) => connection.getState().setConnection(now)),
    connection.subscribe((now, before) => {
      const was = before.connection?.state;
      if (now.connection?.state === 'online' && was !== undefined && was !== 'online') reloadLists(lists);
    }),
    // The task list belongs to a workspace and organization: another one empties it at once,
    // whichever page is shown, so nothing of the previous one can be listed, counted or exported.
    workspace.subscribe((now) => tasks.getState().reset(tasksSessionKey(now.state))),
    // Main remembers the page per workspace, so the workspace reopens on it.
    navigation.subscribe((now, before) => {
      if (now.page !== before.page) void settle(() => api.workspace.rememberPage({ page: now.page }));
    }),
  ];
  void workspace.getState().load();
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
