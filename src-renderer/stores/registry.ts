// The app's stores, made once at start-up over one API (window.unpod in the app, a fake
// transport in unit tests) and handed to the components through StoresProvider. Nothing here
// is module state: two registries (two tests) share nothing.
import type { StoreApi } from 'zustand/vanilla';
import type { UnpodApi } from '../../src-main/ipc/contract.ts';
import { createAgentFiltersStore, type AgentFiltersStore } from './agentFilters.ts';
import { createAuthStore, type AuthStore } from './auth.ts';
import { createConnectionStore, type ConnectionStore } from './connection.ts';
import { createDesktopStore, type DesktopStore } from './desktop.ts';
import { createImportDraftStore, type ImportDraftStore } from './importDraft.ts';
import { createReadingPort, type ReadingPort } from './importReading.ts';
import { createImportsStore, followImports, importsWorkspaceKey, type ImportsStore } from './imports.ts';
import { createListStores, type ListStores } from './lists.ts';
import { createNavigationStore, type NavigationStore, type PageAddress } from './navigation.ts';
import { createPreferencesStore, type PreferencesStore } from './preferences.ts';
import { startSync } from './sync.ts';
import { createTasksStore, tasksSessionKey, type TasksStoreApi } from './tasks.ts';
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
  imports: StoreApi<ImportsStore>;
  importDraft: StoreApi<ImportDraftStore>;
  /** Loads the first workspace state and follows main's events; returns the undo. */
  connect(): () => void;
}

export function createStores(
  api: UnpodApi,
  address: PageAddress,
  /** How files reach main: the host's bridge (none in unit tests). */
  reading: ReadingPort = createReadingPort(api, null),
): AppStores {
  const connection = createConnectionStore();
  const navigation = createNavigationStore(address);
  const lists = createListStores(api);
  const workspace = createWorkspaceStore(api, { connection, lists, navigation });
  const imports = createImportsStore(api);
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
    imports,
    importDraft: createImportDraftStore(api, reading, {
      onStarted: (summary) => imports.getState().follow(summary),
    }),
    connect: () => {
      const stopSync = startSync(stores, api);
      const workspaceKey = importsWorkspaceKey(workspace);
      const stopImports = followImports(imports, api, workspaceKey);
      // The file being prepared, its agent and its space belong to the organization it was chosen in.
      let draftKey = tasksSessionKey(workspace.getState().state);
      const stopDraft = workspace.subscribe((now) => {
        if (tasksSessionKey(now.state) === draftKey) return;
        draftKey = tasksSessionKey(now.state);
        stores.importDraft.getState().reset();
      });
      return () => {
        stopDraft();
        stopImports();
        stopSync();
      };
    },
  };
  return stores;
}
