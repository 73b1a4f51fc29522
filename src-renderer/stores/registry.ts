// The app's stores, made once at start-up over one API (window.unpod in the app, a fake
// transport in unit tests) and handed to the components through StoresProvider. Nothing here
// is module state: two registries (two tests) share nothing.
import type { StoreApi } from 'zustand/vanilla';
import type { UnpodApi } from '../../src-main/ipc/contract.ts';
import { createAgentFiltersStore, type AgentFiltersStore } from './agentFilters.ts';
import { createAuthStore, type AuthStore } from './auth.ts';
import { createConnectionStore, type ConnectionStore } from './connection.ts';
import { createDesktopStore, type DesktopStore } from './desktop.ts';
import { createListStores, type ListStores } from './lists.ts';
import { createNavigationStore, type NavigationStore, type PageAddress } from './navigation.ts';
import { createPreferencesStore, type PreferencesStore } from './preferences.ts';
import { startSync } from './sync.ts';
import { createTasksStore, type TasksStoreApi } from './tasks.ts';
import { createWorkspaceStore, type WorkspaceStore } from './workspace.ts';

export interface AppStores {
  workspace: StoreApi<WorkspaceStore>;
  auth: StoreApi<AuthStore>;
  connection: StoreApi<ConnectionStore>;
  navigation: StoreApi<NavigationStore>;
  lists: ListStores;
  tasks: TasksStoreApi;
  preferences: StoreApi<PreferencesStore>;
  agentFilters: StoreApi<AgentFiltersStore>;
  /** What the desktop shell handed the window (a CSV opened with the app, the shortcuts list). */
  desktop: StoreApi<DesktopStore>;
  /** Loads the first workspace state and follows main's events; returns the undo. */
  connect(): () => void;
}

export function createStores(api: UnpodApi, address: PageAddress): AppStores {
  const connection = createConnectionStore();
  const navigation = createNavigationStore(address);
  const lists = createListStores(api);
  const workspace = createWorkspaceStore(api, { connection, lists, navigation });
  const stores: AppStores = {
    workspace,
    auth: createAuthStore(api, workspace),
    connection,
    navigation,
    lists,
    tasks: createTasksStore(api),
    preferences: createPreferencesStore(api),
    agentFilters: createAgentFiltersStore(),
    desktop: createDesktopStore(api),
    connect: () => startSync(stores, api),
  };
  return stores;
}
