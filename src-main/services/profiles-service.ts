// Sign-in and saved profiles, as the renderer uses them: the auth service (tokens, keychain,
// profiles.json) joined to the workspace (the open session). Every result is a view model from
// the contract; a token comes in through beginSignIn or replaceToken and never goes back out.
import { rm } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type {
  ChannelInput,
  KeychainStatus,
  PendingSignIn,
  Profile,
  ProfileList,
  SignOutResult,
  WorkspaceState,
} from '../ipc/contract.ts';
import { toIpcError } from '../ipc/errors.ts';
import type { Handlers } from '../ipc/router.ts';
import type { Logger } from '../log/index.ts';
import type { AuthService, AuthSession, ProfileSummary } from './auth/index.ts';
import { createDisposableClient } from './session-client.ts';
import type { WorkspaceService } from './workspace.ts';

export interface ProfilesServiceOptions {
  /** The app's data folder; per-profile data lives under <dataDir>/profiles/<id>. */
  dataDir: string;
  auth: AuthService;
  workspace: WorkspaceService;
  logger: Logger;
}

export interface SignOutInput {
  id: string;
  deleteCachedData: boolean;
  forgetProfile?: boolean;
}

export interface ProfilesService {
  probeKeychain(): Promise<KeychainStatus>;
  beginSignIn(input: ChannelInput<'auth.beginSignIn'>): Promise<PendingSignIn>;
  /** Saves the profile with its token and opens it as the workspace. */
  completeSignIn(input: ChannelInput<'auth.completeSignIn'>): Promise<WorkspaceState>;
  cancelSignIn(pendingId: string): null;
  list(): Promise<ProfileList>;
  /** Opens a saved profile with the token from its store. */
  switchTo(id: string): Promise<WorkspaceState>;
  /** Validates and stores a new token; reopens the workspace when it is this profile's. */
  replaceToken(id: string, token: string): Promise<Profile>;
  /** Removes the token (closing the workspace if it is this profile's), optionally the cache. */
  signOut(input: SignOutInput): Promise<SignOutResult>;
  /**
   * Reopens the last used profile without asking for its token (start-up). Never throws: a
   * failure is logged and kept for the welcome screen (profiles.list → restoreProblem).
   */
  restoreLastProfile(): Promise<WorkspaceState | null>;
  close(): void;
}

type RestoreProblem = ProfileList['restoreProblem'];

export const toProfileView = (profile: ProfileSummary): Profile => ({
  id: profile.id,
  name: profile.name,
  baseUrl: profile.baseUrl,
  orgHandle: profile.orgHandle,
  orgName: profile.orgName,
  tokenHint: profile.tokenHint,
  hasToken: profile.hasToken,
  storage: profile.secretStorage,
  lastUsedAt: profile.lastUsedAt,
});

/** True when `path` lies strictly inside `folder` (a guard before deleting anything). */
function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export function createProfilesService(options: ProfilesServiceOptions): ProfilesService {
  const { auth, workspace, logger } = options;
  const profilesRoot = join(options.dataDir, 'profiles');
  let restoreProblem: RestoreProblem = null;

  const isOpen = (id: string): boolean => {
    const state = workspace.getState();
    return state.kind === 'profile' && state.profileId === id;
  };

  /** Opens the session as the workspace; the workspace disposes its client when it closes. */
  function open(session: AuthSession, preferredSpaceToken?: string): Promise<WorkspaceState> {
    const { profile } = session;
    const { client, dispose } = createDisposableClient(session.client);
    restoreProblem = null;
    return workspace.openSession({
      kind: 'profile',
      profileId: profile.id,
      profileName: profile.name,
      dataDir: auth.profileDataDir(profile.id),
      client,
      preferredOrgHandle: profile.orgHandle,
      preferredSpaceToken,
      // Offline at open (start-up on a plane): the profile opens with its saved organization
      // and last space, so its cached tasks stay readable.
      knownOrganization: { domainHandle: profile.orgHandle, name: profile.orgName, role: null },
      dispose: async () => dispose(),
    });
  }

  return {
    async probeKeychain() {
      const availability = await auth.probeKeychain();
      return availability.available
        ? { available: true, reason: null, hint: null }
        : { available: false, reason: availability.reason, hint: availability.hint };
    },

    async beginSignIn(input) {
      // The service registers the cleaned token; the raw text (with blanks or "Token ") too.
      logger.registerSecret(input.token.trim());
      const pending = await auth.beginSignIn({
        baseUrl: input.baseUrl,
        token: input.token,
        profileName: input.profileName,
        storage: input.storage,
      });
      return {
        pendingId: pending.pendingId,
        baseUrl: pending.baseUrl,
        tokenHint: pending.tokenHint,
        storage: pending.storage,
        organizations: pending.organizations.map((o) => ({
          name: o.name,
          domainHandle: o.domainHandle,
          role: o.role,
        })),
        expiresAt: pending.expiresAt,
      };
    },

    async completeSignIn(input) {
      const session = await auth.completeSignIn(input);
      return open(session);
    },

    cancelSignIn(pendingId) {
      auth.cancelSignIn(pendingId);
      return null;
    },

    async list() {
      const list = await auth.listProfiles();
      return {
        profiles: list.profiles.map(toProfileView),
        lastProfileId: list.lastProfileId,
        fileProblem: list.problem?.message ?? null,
        keychainProblem: list.keychainProblem,
        restoreProblem,
      };
    },

    async switchTo(id) {
      return open(await auth.switchProfile(id));
    },

    async replaceToken(id, token) {
      logger.registerSecret(token.trim());
      const session = await auth.replaceToken(id, token);
      if (isOpen(id)) {
        // The open session still holds the old token: reopen it with the new one, same space.
        await open(session, workspace.getState().space?.token);
      }
      return toProfileView(session.profile);
    },

    async signOut({ id, deleteCachedData, forgetProfile = false }) {
      // The token goes first: if the keychain refuses, nothing else has changed.
      const result = await auth.signOut(id, { deleteProfile: forgetProfile });
      const state = isOpen(id) ? await workspace.close() : workspace.getState();
      if (restoreProblem?.profileId === id) restoreProblem = null;
      let cachedDataDeleted = false;
      if (deleteCachedData) {
        for (const path of result.dataPaths) {
          if (!isInside(profilesRoot, path)) {
            logger.error('refused to delete a folder outside the profiles folder', { path });
            continue;
          }
          await rm(path, { recursive: true, force: true });
        }
        cachedDataDeleted = true;
      }
      logger.info('profile signed out', { profileId: id, cachedDataDeleted, forgetProfile });
      return {
        tokenRemoved: result.tokenRemoved,
        cachedDataDeleted,
        profileForgotten: result.profileDeleted,
        workspace: state,
      };
    },

    async restoreLastProfile() {
      try {
        const session = await auth.restoreLastProfile();
        if (session === null) return null;
        return await open(session);
      } catch (error) {
        logger.warn('could not reopen the last profile', { error });
        const list = await auth.listProfiles().catch(() => null);
        const last = list?.profiles.find((p) => p.id === list.lastProfileId);
        if (last) {
          restoreProblem = {
            profileId: last.id,
            profileName: last.name,
            message: toIpcError(error).error.message,
          };
        }
        return null;
      }
    },

    close() {
      auth.close();
    },
  };
}

/**
 * Start-up (both hosts, unless --demo): reopens the last profile, waiting at most `waitMs` so a
 * slow or unreachable server cannot hold the window or the web host back. A restore still
 * running then finishes in the background and announces itself with `workspace.changed`.
 */
export async function restoreAtStart(profiles: ProfilesService, waitMs = 8_000): Promise<void> {
  await Promise.race([profiles.restoreLastProfile(), delay(waitMs, undefined, { ref: false })]);
}

/** The contract channels this service answers. */
export function createProfileHandlers(
  profiles: ProfilesService,
): Pick<
  Handlers,
  | 'auth.probeKeychain'
  | 'auth.beginSignIn'
  | 'auth.completeSignIn'
  | 'auth.cancelSignIn'
  | 'profiles.list'
  | 'profiles.switch'
  | 'profiles.replaceToken'
  | 'profiles.signOut'
> {
  return {
    'auth.probeKeychain': () => profiles.probeKeychain(),
    'auth.beginSignIn': (input) => profiles.beginSignIn(input),
    'auth.completeSignIn': (input) => profiles.completeSignIn(input),
    'auth.cancelSignIn': ({ pendingId }) => profiles.cancelSignIn(pendingId),
    'profiles.list': () => profiles.list(),
    'profiles.switch': ({ id }) => profiles.switchTo(id),
    'profiles.replaceToken': ({ id, token }) => profiles.replaceToken(id, token),
    'profiles.signOut': (input) => profiles.signOut(input),
  };
}
