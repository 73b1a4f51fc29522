// Signing in, keeping profiles, and handing out ready-to-use API clients.
//
// Sign-in is two steps because a token can open several organizations: beginSignIn proves the
// token with a real call and returns the organizations to choose from; completeSignIn stores the
// token and saves the profile for the chosen one. Between the two the token sits only in this
// module's memory (dropped after `pendingTtlMs`).
//
// The token never leaves the auth and secrets modules except inside an UnpodClient: results
// carry the profile metadata (with a "…a1b2" hint) and a client, never the token itself.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createSilentLogger, type Logger } from '../../log/logger.ts';
import { createUnpodClient, type UnpodClient, type UnpodClientOptions } from '../../unpod/index.ts';
import {
  createKeychainStore,
  createSessionStore,
  isKeychainUnavailable,
  KeychainUnavailableError,
  type SecretStorageKind,
  type SecretStore,
  type SecretStoreAvailability,
} from '../secrets/index.ts';
import { validateBaseUrl } from '../../shared/base-url.ts';
import { authError } from './errors.ts';
import { ProfileRepository } from './profile-repository.ts';
import { profileIdSchema, type Profile, type ProfilesFile, type ProfilesFileProblem } from './profiles.ts';
import { cleanToken, tokenHintOf } from './token.ts';
import { fetchOrganizations, type OrganizationChoice } from './validate-token.ts';

/** Client settings the auth service does not decide itself (timeouts, retries, request log). */
export type ClientDefaults = Omit<UnpodClientOptions, 'baseUrl' | 'token' | 'orgHandle'>;

export interface AuthServiceOptions {
  /** The app's data folder: profiles.json lives here, per-profile data under profiles/<id>/. */
  dataDir: string;
  /** Builds API clients. Default createUnpodClient. */
  createClient?: (options: UnpodClientOptions) => UnpodClient;
  /** Settings for every client handed out in a session. */
  clientDefaults?: ClientDefaults;
  /** The OS keychain. Default createKeychainStore() (service "Unpod Desk"). */
  keychain?: SecretStore;
  /** The session-only store. Default a fresh createSessionStore(). */
  session?: SecretStore;
  /** Tokens are registered here as secrets the moment the service holds them. */
  logger?: Logger;
  now?: () => Date;
  /** How long a begun sign-in keeps its token in memory. Default 15 minutes. */
  pendingTtlMs?: number;
  /** Per-attempt timeout of the validating call. Default 20 s. */
  validationTimeoutMs?: number;
}

export interface BeginSignInInput {
  /** Empty or missing: https://unpod.dev. */
  baseUrl?: string;
  token: string;
  /** Missing or empty: the organization's name. */
  profileName?: string;
  storage: SecretStorageKind;
}

export interface PendingSignIn {
  pendingId: string;
  /** The normalised origin the token was validated against. */
  baseUrl: string;
  tokenHint: string;
  storage: SecretStorageKind;
  organizations: OrganizationChoice[];
  /** ISO time after which completeSignIn fails with sign_in_expired. */
  expiresAt: string;
}

export interface CompleteSignInInput {
  pendingId: string;
  domainHandle: string;
  /** Overrides the storage chosen in beginSignIn (e.g. the keychain failed: keep for this session). */
  storage?: SecretStorageKind;
}

export interface ProfileSummary extends Profile {
  /** Whether the profile's store holds a token right now (false after a session-only run ended). */
  hasToken: boolean;
}

export interface ProfileList {
  profiles: ProfileSummary[];
  lastProfileId: string | null;
  /** A corrupt profiles file found (and set aside) during this run. */
  problem: ProfilesFileProblem | null;
  /** Set when the keychain could not be asked whether tokens exist (their hasToken is false). */
  keychainProblem: { reason: string; hint: string } | null;
}

export interface AuthSession {
  profile: ProfileSummary;
  /** A client for the profile's server and organization, carrying its token. */
  client: UnpodClient;
}

export interface SignOutOptions {
  /** Also forget the profile itself (name, server, organization). Default false. */
  deleteProfile?: boolean;
}

export interface SignOutResult {
  profileId: string;
  /** False when the store held no token (already removed, or a past session). */
  tokenRemoved: boolean;
  profileDeleted: boolean;
  /** Folders with this profile's cached data (tasks, recordings) that the caller should delete. */
  dataPaths: string[];
}

export interface AuthService {
  /** Whether the OS keychain works right now; the sign-in screen offers session-only otherwise. */
  probeKeychain(): Promise<SecretStoreAvailability>;
  beginSignIn(input: BeginSignInInput, options?: { signal?: AbortSignal }): Promise<PendingSignIn>;
  completeSignIn(input: CompleteSignInInput): Promise<AuthSession>;
  /** Forgets a begun sign-in and its token. Unknown ids are ignored. */
  cancelSignIn(pendingId: string): void;
  listProfiles(): Promise<ProfileList>;
  /** Opens a saved profile with the token from its store (no network call, works offline). */
  switchProfile(id: string): Promise<AuthSession>;
  /** switchProfile for the last used profile; null when there is none. */
  restoreLastProfile(): Promise<AuthSession | null>;
  /** Validates `newToken` against the profile's server and organization, then stores it. */
  replaceToken(id: string, newToken: string, options?: { signal?: AbortSignal }): Promise<AuthSession>;
  signOut(id: string, options?: SignOutOptions): Promise<SignOutResult>;
  /** The folder for one profile's cached data. */
  profileDataDir(id: string): string;
  /** Drops all begun sign-ins (their tokens) and timers. */
  close(): void;
}

interface Pending {
  token: string;
  baseUrl: string;
  profileName: string | null;
  storage: SecretStorageKind;
  organizations: OrganizationChoice[];
  timer: NodeJS.Timeout;
}

/** Where a profile's cached data lives; the id is validated as path-safe by the profile schema. */
export function profileDataDir(dataDir: string, profileId: string): string {
  profileIdSchema.parse(profileId);
  return join(dataDir, 'profiles', profileId);
}

const MAX_NAME_LENGTH = 200;

function cleanProfileName(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const name = raw.replace(/\s+/g, ' ').trim();
  if (name === '') return null;
  if (name.length > MAX_NAME_LENGTH) {
    throw authError(
      'invalid_profile_name',
      `The profile name is too long (at most ${MAX_NAME_LENGTH} characters).`,
    );
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw authError('invalid_profile_name', 'The profile name contains characters that cannot be shown.');
  }
  return name;
}

function checkStorage(storage: unknown): SecretStorageKind {
  if (storage === 'keychain' || storage === 'session') return storage;
  throw new TypeError(`storage must be 'keychain' or 'session'`);
}

export function createAuthService(options: AuthServiceOptions): AuthService {
  const now = options.now ?? (() => new Date());
  const createClient = options.createClient ?? createUnpodClient;
  const clientDefaults = options.clientDefaults ?? {};
  const keychain = options.keychain ?? createKeychainStore();
  const session = options.session ?? createSessionStore();
  const logger = (options.logger ?? createSilentLogger()).child({ component: 'auth' });
  const pendingTtlMs = options.pendingTtlMs ?? 15 * 60_000;
  const validationTimeoutMs = options.validationTimeoutMs ?? 20_000;
  const repo = new ProfileRepository(options.dataDir, now);
  const pending = new Map<string, Pending>();

  const storeFor = (kind: SecretStorageKind): SecretStore => (kind === 'keychain' ? keychain : session);

  /** A client used only to validate a token: quick to give up, one retry. */
  const validationClient = (baseUrl: string, token: string): UnpodClient =>
    createClient({ ...clientDefaults, baseUrl, token, timeoutMs: validationTimeoutMs, retry: { limit: 1 } });

  const sessionFor = (profile: Profile, token: string): AuthSession => ({
    profile: { ...profile, hasToken: true },
    client: createClient({
      ...clientDefaults,
      baseUrl: profile.baseUrl,
      token,
      orgHandle: profile.orgHandle,
    }),
  });

  const findProfile = (data: ProfilesFile, id: string): Profile => {
    const profile = data.profiles.find((p) => p.id === id);
    if (!profile)
      throw authError(
        'profile_not_found',
        'This profile no longer exists. Choose another one or sign in again.',
      );
    return profile;
  };

  const dropPending = (pendingId: string): void => {
    const entry = pending.get(pendingId);
    if (!entry) return;
    clearTimeout(entry.timer);
    pending.delete(pendingId);
  };

  const readToken = async (profile: Profile): Promise<string> => {
    const token = await storeFor(profile.secretStorage).get(profile.id);
    if (token === null || token === '') {
      throw authError(
        'token_missing',
        profile.secretStorage === 'session'
          ? `The API token of "${profile.name}" was kept for one session only, and that session has ended. Enter the token again to sign in.`
          : `No API token is saved for "${profile.name}" (it may have been removed from the keychain). Enter the token again to sign in.`,
        { profileId: profile.id },
      );
    }
    logger.registerSecret(token);
    return token;
  };

  /** Marks a profile as the one in use: the next start restores it. */
  const markUsed = (id: string): Promise<Profile> =>
    repo.update((data) => {
      const profile = findProfile(data, id);
      profile.lastUsedAt = now().toISOString();
      data.lastProfileId = id;
      return { ...profile };
    });

  const service: AuthService = {
    probeKeychain: () => keychain.probe(),

    async beginSignIn(input, callOptions) {
      const checked = validateBaseUrl(input.baseUrl);
      if (!checked.ok) throw authError('invalid_base_url', checked.message);
      const baseUrl = checked.baseUrl;
      const token = cleanToken(input.token);
      const profileName = cleanProfileName(input.profileName);
      const storage = checkStorage(input.storage);
      logger.registerSecret(token);

      // Fail before the network call if the chosen store cannot take the token.
      const availability = await storeFor(storage).probe();
      if (!availability.available) throw new KeychainUnavailableError(availability.reason, availability.hint);

      const organizations = await fetchOrganizations(
        validationClient(baseUrl, token),
        baseUrl,
        callOptions?.signal,
      );
      const pendingId = randomUUID();
      const expires = new Date(now().getTime() + pendingTtlMs);
      const timer = setTimeout(() => pending.delete(pendingId), pendingTtlMs);
      timer.unref();
      pending.set(pendingId, { token, baseUrl, profileName, storage, organizations, timer });
      logger.info('sign-in validated', { baseUrl, organizations: organizations.length, storage });
      return {
        pendingId,
        baseUrl,
        tokenHint: tokenHintOf(token),
        storage,
        organizations: organizations.map((o) => ({ ...o })),
        expiresAt: expires.toISOString(),
      };
    },

    async completeSignIn(input) {
      const entry = pending.get(input.pendingId);
      if (!entry) {
        throw authError(
          'sign_in_expired',
          'This sign-in has expired or was already completed. Enter the API token again.',
        );
      }
      const organization = entry.organizations.find((o) => o.domainHandle === input.domainHandle);
      if (!organization) {
        throw authError('organization_not_found', 'Choose one of the organizations listed for this token.', {
          domainHandle: input.domainHandle,
        });
      }
      const storage = checkStorage(input.storage ?? entry.storage);
      const store = storeFor(storage);
      const id = randomUUID();
      const createdAt = now().toISOString();
      const profile: Profile = {
        id,
        name: entry.profileName ?? organization.name,
        baseUrl: entry.baseUrl,
        orgHandle: organization.domainHandle,
        orgName: organization.name,
        tokenHint: tokenHintOf(entry.token),
        secretStorage: storage,
        createdAt,
        lastUsedAt: createdAt,
      };

      // Token first: a profile without its token would be a broken entry in the list. If the
      // keychain refuses, the pending sign-in stays so the user can retry or pick session-only.
      await store.set(id, entry.token);
      try {
        await repo.update((data) => {
          data.profiles.push(profile);
          data.lastProfileId = id;
        });
      } catch (error) {
        await store.delete(id).catch(() => undefined);
        throw error;
      }
      const token = entry.token;
      dropPending(input.pendingId);
      logger.info('signed in', {
        profileId: id,
        baseUrl: profile.baseUrl,
        orgHandle: profile.orgHandle,
        storage,
      });
      return sessionFor(profile, token);
    },

    cancelSignIn(pendingId) {
      dropPending(pendingId);
    },

    async listProfiles() {
      const data = await repo.read();
      let keychainProblem: ProfileList['keychainProblem'] = null;
      const profiles: ProfileSummary[] = [];
      for (const profile of data.profiles) {
        let hasToken = false;
        // One keychain failure is enough: asking again per profile could wait a timeout each.
        if (profile.secretStorage === 'keychain' && keychainProblem !== null) {
          profiles.push({ ...profile, hasToken });
          continue;
        }
        try {
          const token = await storeFor(profile.secretStorage).get(profile.id);
          hasToken = token !== null && token !== '';
          if (token) logger.registerSecret(token);
        } catch (error) {
          if (!isKeychainUnavailable(error)) throw error;
          keychainProblem = { reason: error.reason, hint: error.hint };
        }
        profiles.push({ ...profile, hasToken });
      }
      return { profiles, lastProfileId: data.lastProfileId, problem: repo.problem, keychainProblem };
    },

    async switchProfile(id) {
      const profile = findProfile(await repo.read(), id);
      const token = await readToken(profile);
      const used = await markUsed(id);
      logger.info('profile opened', { profileId: id });
      return sessionFor(used, token);
    },

    async restoreLastProfile() {
      const data = await repo.read();
      if (data.lastProfileId === null) return null;
      return service.switchProfile(data.lastProfileId);
    },

    async replaceToken(id, newToken, callOptions) {
      const token = cleanToken(newToken);
      const profile = findProfile(await repo.read(), id);
      logger.registerSecret(token);
      const organizations = await fetchOrganizations(
        validationClient(profile.baseUrl, token),
        profile.baseUrl,
        callOptions?.signal,
      );
      const organization = organizations.find((o) => o.domainHandle === profile.orgHandle);
      if (!organization) {
        throw authError(
          'organization_not_accessible',
          `This API token works, but it has no access to the organization "${profile.orgName}" of this profile. Use a key from that organization, or sign in with it as a new profile.`,
          { orgHandle: profile.orgHandle },
        );
      }
      // Rotate: keytar's set replaces the entry in place, so there is never a moment without one.
      await storeFor(profile.secretStorage).set(id, token);
      const updated = await repo.update((data) => {
        const current = findProfile(data, id);
        current.tokenHint = tokenHintOf(token);
        current.orgName = organization.name;
        return { ...current };
      });
      logger.info('token replaced', { profileId: id });
      return sessionFor(updated, token);
    },

    async signOut(id, signOutOptions = {}) {
      const deleteProfile = signOutOptions.deleteProfile === true;
      const profile = findProfile(await repo.read(), id);
      // If the keychain cannot be reached this throws and nothing else changes: forgetting the
      // profile while its token stays behind in the keychain would orphan the secret.
      const tokenRemoved = await storeFor(profile.secretStorage).delete(id);
      await repo.update((data) => {
        if (deleteProfile) data.profiles = data.profiles.filter((p) => p.id !== id);
        if (data.lastProfileId === id) data.lastProfileId = null;
      });
      logger.info('signed out', { profileId: id, deleteProfile, tokenRemoved });
      return {
        profileId: id,
        tokenRemoved,
        profileDeleted: deleteProfile,
        dataPaths: [profileDataDir(options.dataDir, id)],
      };
    },

    profileDataDir: (id) => profileDataDir(options.dataDir, id),

    close() {
      for (const id of [...pending.keys()]) dropPending(id);
    },
  };
  return service;
}
