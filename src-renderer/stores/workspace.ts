// The open workspace (none / demo / profile), its organization and space, and the actions that
// change them. The main process is the source of truth: every action applies the state it
// returns, and `workspace.changed` events (see sync.ts) apply changes made elsewhere.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { IpcError, IpcResult, UnpodApi, WorkspaceState } from '../../src-main/ipc/contract.ts';
import { settle } from '../lib/ipc.ts';
import { requestHeadingFocus } from '../lib/pageFocus.ts';
import type { ConnectionStore } from './connection.ts';
import type { ListStores } from './lists.ts';
import { defaultPage, type NavigationStore } from './navigation.ts';

export type WorkspaceAction = 'openDemo' | 'close' | 'organization' | 'space';

export interface ActionFailure {
  action: WorkspaceAction;
  error: IpcError;
  retry(): Promise<void>;
}

export interface WorkspaceStore {
  /** The first `workspace.getState` call: until it answers we do not know which screen to show. */
  status: 'loading' | 'ready' | 'error';
  state: WorkspaceState | null;
  loadError: IpcError | null;
  busy: WorkspaceAction | null;
  /** The choice shown in a picker while the main process switches to it. */
  pendingOrganization: string | null;
  pendingSpace: string | null;
  failure: ActionFailure | null;
  load(): Promise<void>;
  apply(state: WorkspaceState): void;
  openDemo(): Promise<void>;
  close(): Promise<void>;
  selectOrganization(domainHandle: string): Promise<void>;
  selectSpace(token: string): Promise<void>;
  dismissFailure(): void;
}

export type WorkspaceApi = Pick<UnpodApi, 'workspace' | 'organizations' | 'spaces'>;

/** The stores a workspace change updates besides its own. */
export interface WorkspaceDeps {
  connection: StoreApi<ConnectionStore>;
  lists: Pick<ListStores, 'reset'>;
  navigation: StoreApi<NavigationStore>;
}

export function createWorkspaceStore(api: WorkspaceApi, deps: WorkspaceDeps): StoreApi<WorkspaceStore> {
  // Counts applied states, so a slow getState answer cannot overwrite a newer event.
  let appliedVersion = 0;
  // Counts action starts, so only the latest of several quick picker changes settles the UI.
  let latestAction = 0;

  return createStore<WorkspaceStore>()((set, get) => {
    async function run(
      action: WorkspaceAction,
      call: () => Promise<IpcResult<WorkspaceState>>,
      pending: Partial<Pick<WorkspaceStore, 'pendingOrganization' | 'pendingSpace'>>,
    ): Promise<void> {
      const id = ++latestAction;
      set({ busy: action, failure: null, ...pending });
      const result = await settle(call);
      if (id !== latestAction) return;
      set({ busy: null, pendingOrganization: null, pendingSpace: null });
      if (result.ok) get().apply(result.data);
      else set({ failure: { action, error: result.error, retry: () => run(action, call, pending) } });
    }

    return {
      status: 'loading',
      state: null,
      loadError: null,
      busy: null,
      pendingOrganization: null,
      pendingSpace: null,
      failure: null,

      async load() {
        const versionAtStart = appliedVersion;
        set({ status: 'loading', loadError: null });
        const result = await settle(() => api.workspace.getState());
        if (!result.ok) {
          if (get().state === null) set({ status: 'error', loadError: result.error });
          return;
        }
        if (appliedVersion === versionAtStart) get().apply(result.data);
        set({ status: 'ready' });
      },

      apply(state) {
        appliedVersion++;
        const previous = get().state;
        const previousKind = previous?.kind;
        // Another profile is another account: none of the previous one's lists may stay on screen.
        const otherWorkspace =
          previousKind !== undefined &&
          (previousKind !== state.kind || previous?.profileId !== state.profileId);
        if (state.kind === 'none' || otherWorkspace) deps.lists.reset();
        // Moving between the welcome screen and a workspace: focus the new screen's heading.
        if (otherWorkspace) requestHeadingFocus();
        if (state.kind !== 'none' && (previous === null || otherWorkspace)) {
          // A workspace opens on the page last used in it (Tasks at first); a reload of the page
          // stays where the address says.
          const navigation = deps.navigation.getState();
          const kept = previous === null ? navigation.pageInAddress() : null;
          const page = kept ?? state.lastPage ?? defaultPage;
          navigation.showOpeningPage(page);
          if (page !== state.lastPage) void settle(() => api.workspace.rememberPage({ page }));
        }
        set({ state, status: 'ready', loadError: null });
        deps.connection.getState().setConnection(state.connection);
      },

      openDemo: () => run('openDemo', () => api.workspace.openDemo(), {}),
      close: () => run('close', () => api.workspace.close(), {}),
      selectOrganization: (domainHandle) =>
        run('organization', () => api.organizations.select({ domainHandle }), {
          pendingOrganization: domainHandle,
        }),
      selectSpace: (token) => run('space', () => api.spaces.select({ token }), { pendingSpace: token }),
      dismissFailure: () => set({ failure: null }),
    };
  });
}
