// Saved profiles (never their tokens: only whether one is stored and its "…a1b2" hint) and
// switching between them. Sign-in, token replacement and sign-out have their own screens with
// their own progress; they report here by calling `load()` and applying the workspace state main
// returns.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  IpcError,
  Profile,
  ProfileList,
  UnpodApi,
  WorkspaceState,
} from '../../src-main/ipc/contract.ts';
import { settle } from '../lib/ipc.ts';
import type { WorkspaceStore } from './workspace.ts';

export interface ProfileFailure {
  /** What failed, from the user's side: "Could not open Production". */
  title: string;
  error: IpcError;
  profileId: string;
}

export interface AuthStore {
  status: 'idle' | 'loading' | 'ready' | 'error';
  list: ProfileList | null;
  loadError: IpcError | null;
  /** The profile being opened by the switcher or the welcome screen. */
  opening: string | null;
  failure: ProfileFailure | null;
  /** The outcome of the last replace-token or sign-out, announced where the user lands. */
  notice: string | null;
  load(): Promise<void>;
  /** Opens a saved profile; resolves true when it is the open workspace. */
  open(profile: Profile): Promise<boolean>;
  dismissFailure(): void;
  setNotice(notice: string | null): void;
  /** Shows a workspace state main returned, and refreshes the profile list (last used, tokens). */
  applyWorkspace(state: WorkspaceState): void;
}

export function createAuthStore(
  api: Pick<UnpodApi, 'profiles'>,
  workspace: StoreApi<Pick<WorkspaceStore, 'apply'>>,
): StoreApi<AuthStore> {
  // Counts list requests, so a slow answer cannot overwrite a newer list.
  let latestLoad = 0;

  return createStore<AuthStore>()((set, get) => ({
    status: 'idle',
    list: null,
    loadError: null,
    opening: null,
    failure: null,
    notice: null,

    async load() {
      const request = ++latestLoad;
      set({ status: 'loading', loadError: null });
      const result = await settle(() => api.profiles.list());
      if (request !== latestLoad) return;
      if (result.ok) set({ status: 'ready', list: result.data });
      else set({ status: 'error', loadError: result.error });
    },

    async open(profile) {
      if (get().opening !== null) return false;
      set({ opening: profile.id, failure: null, notice: null });
      const result = await settle(() => api.profiles.switch({ id: profile.id }));
      set({ opening: null });
      if (result.ok) {
        get().applyWorkspace(result.data);
        return true;
      }
      set({
        failure: { title: `Could not open ${profile.name}`, error: result.error, profileId: profile.id },
      });
      // A failed open may have closed the previous workspace; main's event says so, the list may too.
      void get().load();
      return false;
    },

    dismissFailure: () => set({ failure: null }),
    setNotice: (notice) => set({ notice }),

    applyWorkspace(state) {
      workspace.getState().apply(state);
      void get().load();
    },
  }));
}

const NO_PROFILES: Profile[] = [];
/** The saved profiles, or an empty list while they load (one constant, so selectors stay stable). */
export const selectProfiles = (s: AuthStore): Profile[] => s.list?.profiles ?? NO_PROFILES;
