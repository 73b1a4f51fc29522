// The open workspace (none / demo / profile), its organization and space, and the actions that
// change them. The main process is the source of truth: every action applies the state it
// returns, and `workspace.changed` events (see sync.ts) apply changes made elsewhere.
import { create } from 'zustand';
import type { IpcError, IpcResult, WorkspaceState } from '../../src-main/ipc/contract.ts';
import { settle } from '../lib/ipc.ts';
import { requestHeadingFocus } from '../lib/pageFocus.ts';
import { useConnectionStore } from './connection.ts';
import { resetLists } from './lists.ts';
import { defaultPage, pageInHash, showOpeningPage } from './navigation.ts';

export type WorkspaceAction = 'openDemo' | 'close' | 'organization' | 'space';

export interface ActionFailure {
  action: WorkspaceAction;
  error: IpcError;
  retry(): Promise<void>;
}

interface WorkspaceStore {
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

// Counts applied states, so a slow getState answer cannot overwrite a newer event.
let appliedVersion = 0;
// Counts action starts, so only the latest of several quick picker changes settles the UI.
let latestAction = 0;

export const useWorkspaceStore = create<WorkspaceStore>()((set, get) => {
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
      const result = await settle(() => window.unpod.workspace.getState());
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
      if (state.kind === 'none' || otherWorkspace) resetLists();
      // Moving between the welcome screen and a workspace: focus the new screen's heading.
      if (otherWorkspace) requestHeadingFocus();
      if (state.kind !== 'none' && (previous === null || otherWorkspace)) {
        // A workspace opens on the page last used in it (Tasks at first); a reload of the page
        // stays where the address says.
        const kept = previous === null ? pageInHash(window.location.hash) : null;
        const page = kept ?? state.lastPage ?? defaultPage;
        showOpeningPage(page);
        if (page !== state.lastPage) void settle(() => window.unpod.workspace.rememberPage({ page }));
      }
      set({ state, status: 'ready', loadError: null });
      useConnectionStore.getState().setConnection(state.connection);
    },

    openDemo: () => run('openDemo', () => window.unpod.workspace.openDemo(), {}),
    close: () => run('close', () => window.unpod.workspace.close(), {}),
    selectOrganization: (domainHandle) =>
      run('organization', () => window.unpod.organizations.select({ domainHandle }), {
        pendingOrganization: domainHandle,
      }),
    selectSpace: (token) =>
      run('space', () => window.unpod.spaces.select({ token }), { pendingSpace: token }),
    dismissFailure: () => set({ failure: null }),
  };
});
