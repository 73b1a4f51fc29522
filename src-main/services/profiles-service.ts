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
import type { Logger } from '../log/index.ts';
import { UnpodError } from '../unpod/index.ts';
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

/** An open of a profile that is still loading (its organizations, spaces) when sign-out comes. */
interface OpenInFlight {
  /** Cancels the open's requests; the open then fails as `cancelled`. */
  dispose(): void;
  /** Settles when the workspace has either opened the session or given up on it. */
  settled: Promise<unknown>;
}

const signedOutWhileOpening = () =>
  new UnpodError('cancelled', 'This profile was signed out while it was opening, so it was not opened.');

const isCancelled = (error: unknown): boolean => toIpcError(error).error.code === 'cancelled';

export function createProfilesService(options: ProfilesServiceOptions): ProfilesService {
  const { auth, workspace, logger } = options;
  const profilesRoot = join(options.dataDir, 'profiles');
  let restoreProblem: RestoreProblem = null;

  // A profile only counts as open once its open has finished (the workspace state says so), and
  // an open can take long (a slow start-up restore, a hanging server). Sign-out therefore cancels
  // the opens in flight itself: otherwise one would finish afterwards with the token it already
  // holds, and recreate the profile's folder (last space, task cache) after it was deleted.
  const opening = new Map<string, Set<OpenInFlight>>();
  // Sign-outs are numbered; an open notes the number when it starts, so one that was still
  // reading its token when the profile was signed out does not go on to open it.
  let signOuts = 0;
  const signedOutAt = new Map<string, number>();
  const signedOutSince = (id: string, mark: number) => (signedOutAt.get(id) ?? 0) > mark;

  const isOpen = (id: string): boolean => {
    const state = workspace.getState();
    return state.kind === 'profile' && state.profileId === id;
  };

  /**
   * Opens the session as the workspace; the workspace disposes its client when it closes.
   * `mark` is the sign-out number from before the session's token was read.
   */
  async function open(
    session: AuthSession,
    mark: number,
    preferredSpaceToken?: string,
  ): Promise<WorkspaceState> {
    const { profile } = session;
    if (signedOutSince(profile.id, mark)) throw signedOutWhileOpening();
    const { client, dispose } = createDisposableClient(session.client);
    restoreProblem = null;
    const opened = workspace.openSession({
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
    const inFlight: OpenInFlight = { dispose, settled: opened.catch(() => undefined) };
    let ofProfile = opening.get(profile.id);
    if (!ofProfile) opening.set(profile.id, (ofProfile = new Set()));
    ofProfile.add(inFlight);
    try {
      return await opened;
    } finally {
      ofProfile.delete(inFlight);
      if (ofProfile.size === 0 && opening.get(profile.id) === ofProfile) opening.delete(profile.id);
    }
  }

  /** Cancels the profile's opens in flight and waits until the workspace is done with them. */
  async function cancelOpens(id: string): Promise<void> {
    signedOutAt.set(id, ++signOuts);
    const inFlight = [...(opening.get(id) ?? [])];
    for (const o of inFlight) o.dispose();
    // An open whose answers had all arrived may still finish: waiting lets signOut's isOpen check
    // see it and close it, before any folder is deleted.
    await Promise.all(inFlight.map((o) => o.settled));
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
      const mark = signOuts;
      const session = await auth.completeSignIn(input);
      return open(session, mark);
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
      const mark = signOuts;
      return open(await auth.switchProfile(id), mark);
    },

    async replaceToken(id, token) {
      logger.registerSecret(token.trim());
      const mark = signOuts;
      const session = await auth.replaceToken(id, token);
      if (isOpen(id)) {
        // The open session still holds the old token: reopen it with the new one, same space.
        await open(session, mark, workspace.getState().space?.token);
      }
      return toProfileView(session.profile);
    },

    async signOut({ id, deleteCachedData, forgetProfile = false }) {
      // The token goes first: if the keychain refuses, nothing else has changed.
      const result = await auth.signOut(id, { deleteProfile: forgetProfile });
      await cancelOpens(id);
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
      const mark = signOuts;
      try {
        const session = await auth.restoreLastProfile();
        if (session === null) return null;
        return await open(session, mark);
      } catch (error) {
        if (isCancelled(error)) {
          // Signed out while it was reopening: what the user asked for, not a problem to show on
          // the welcome screen.
          logger.info('reopening the last profile was cancelled', { error });
          return null;
        }
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
