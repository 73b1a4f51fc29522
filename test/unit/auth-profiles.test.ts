// The sign-in and profile channels, through the router as both hosts call them, against the real
// sandbox over HTTP and real files in a temp data folder. The OS keychain is stood in for by an
// in-memory store (its real behaviour is tested in test/integration/auth.test.ts, token-leak and
// the e2e tests), so these run anywhere; one store that fails like a missing Secret Service
// checks the "no keychain" path.
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  EventName,
  EventPayload,
  IpcError,
  IpcResult,
  PendingSignIn,
  Profile,
  ProfileList,
  SignOutResult,
  WorkspaceState,
} from '../../src-main/ipc/contract.ts';
import { createRouter, type Router } from '../../src-main/ipc/router.ts';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import { createAppServices, type AppServices } from '../../src-main/services/app-services.ts';
import { restoreAtStart } from '../../src-main/services/profiles-service.ts';
import {
  createSessionStore,
  KeychainUnavailableError,
  type SecretStore,
} from '../../src-main/services/secrets/index.ts';

type Emitted = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

let sandbox: Sandbox;
let dataDir: string;
let keychain: SecretStore;
const running: AppServices[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'unpod-auth-profiles-'));
  keychain = createSessionStore(); // stands in for the OS keychain; survives "restarts" below
});
afterEach(async () => {
  for (const services of running.splice(0)) await services.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** One app start on the test's data folder; `store` replaces the keychain. */
function start(store: SecretStore = keychain) {
  const emitted: Emitted[] = [];
  const services = createAppServices({
    dataDir,
    emit: (event, payload) => emitted.push({ event, payload } as Emitted),
    host: 'web',
    version: '0.0.0-test',
    auth: { keychain: store, clientDefaults: { retry: { limit: 0 }, timeoutMs: 5_000 } },
  });
  running.push(services);
  const router: Router = createRouter(services.handlers, { validateOutput: true });
  const call = async <T>(channel: string, input: unknown = {}): Promise<T> => {
    const result = (await router.dispatch(channel, input)) as IpcResult<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
    return result.data;
  };
  const failure = async (channel: string, input: unknown = {}): Promise<IpcError> => {
    const result = await router.dispatch(channel, input);
    if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return result.error;
  };
  const states = () =>
    emitted.filter((e) => e.event === 'workspace.changed').map((e) => e.payload as WorkspaceState);
  return { services, call, failure, states };
}

type App = ReturnType<typeof start>;

async function signIn(app: App, name: string, org: 'main' | 'other' = 'main', server = sandbox) {
  const pending = await app.call<PendingSignIn>('auth.beginSignIn', {
    baseUrl: server.baseUrl,
    token: server.credentials.token,
    profileName: name,
    storage: 'keychain',
  });
  const choice = pending.organizations.find((o) =>
    org === 'main'
      ? o.domainHandle === server.credentials.orgHandle
      : o.domainHandle !== server.credentials.orgHandle,
  )!;
  return app.call<WorkspaceState>('auth.completeSignIn', {
    pendingId: pending.pendingId,
    domainHandle: choice.domainHandle,
  });
}

describe('sign-in channels', () => {
  it('beginSignIn lists the organizations; completeSignIn saves the profile and opens it', async () => {
    const app = start();
    const pending = await app.call<PendingSignIn>('auth.beginSignIn', {
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      profileName: 'Production',
      storage: 'keychain',
    });
    expect(pending).toMatchObject({
      baseUrl: sandbox.baseUrl,
      tokenHint: `…${sandbox.credentials.token.slice(-4)}`,
      storage: 'keychain',
    });
    expect(pending.organizations.map((o) => o.domainHandle)).toContain(sandbox.credentials.orgHandle);

    const state = await app.call<WorkspaceState>('auth.completeSignIn', {
      pendingId: pending.pendingId,
      domainHandle: sandbox.credentials.orgHandle,
    });
    expect(state).toMatchObject({
      kind: 'profile',
      profileName: 'Production',
      organization: { domainHandle: sandbox.credentials.orgHandle },
      connection: { state: 'online' },
    });
    expect(app.states().at(-1)).toEqual(state);
    expect((await app.call<unknown[]>('agents.list')).length).toBeGreaterThan(0);

    const list = await app.call<ProfileList>('profiles.list');
    expect(list.lastProfileId).toBe(state.profileId);
    expect(list.profiles).toEqual([
      expect.objectContaining({
        id: state.profileId,
        name: 'Production',
        orgHandle: sandbox.credentials.orgHandle,
        hasToken: true,
        storage: 'keychain',
        tokenHint: pending.tokenHint,
      }),
    ]);
    expect(await keychain.get(state.profileId!)).toBe(sandbox.credentials.token);
  });

  it('says why a token is refused: 401 and 403 with their failure', async () => {
    const app = start();
    const wrong = await app.failure('auth.beginSignIn', {
      baseUrl: sandbox.baseUrl,
      token: 'a'.repeat(40),
      storage: 'keychain',
    });
    expect(wrong).toMatchObject({ code: 'unauthorized', details: { failure: 'token_rejected' } });
    const expired = await app.failure('auth.beginSignIn', {
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.expiredToken,
      storage: 'keychain',
    });
    expect(expired).toMatchObject({ code: 'forbidden', details: { failure: 'token_expired' } });
    const http = await app.failure('auth.beginSignIn', {
      baseUrl: 'http://unpod.example.com',
      token: sandbox.credentials.token,
      storage: 'keychain',
    });
    expect(http).toMatchObject({ code: 'invalid_input', details: { failure: 'invalid_base_url' } });
    expect(app.services.workspace.getState().kind).toBe('none');
  });

  it('a cancelled sign-in cannot be completed', async () => {
    const app = start();
    const pending = await app.call<PendingSignIn>('auth.beginSignIn', {
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      storage: 'keychain',
    });
    expect(await app.call('auth.cancelSignIn', { pendingId: pending.pendingId })).toBeNull();
    const error = await app.failure('auth.completeSignIn', {
      pendingId: pending.pendingId,
      domainHandle: sandbox.credentials.orgHandle,
    });
    expect(error).toMatchObject({ code: 'not_found', details: { failure: 'sign_in_expired' } });
  });

  it('without a keychain: probe says what to do, keychain storage is refused, session-only works', async () => {
    const broken: SecretStore = {
      kind: 'keychain',
      probe: async () => ({ available: false, reason: 'Could not connect', hint: 'Install gnome-keyring.' }),
      get: async () => {
        throw new KeychainUnavailableError('Could not connect', 'Install gnome-keyring.');
      },
      set: async () => {
        throw new KeychainUnavailableError('Could not connect', 'Install gnome-keyring.');
      },
      delete: async () => {
        throw new KeychainUnavailableError('Could not connect', 'Install gnome-keyring.');
      },
    };
    const app = start(broken);
    expect(await app.call('auth.probeKeychain')).toEqual({
      available: false,
      reason: 'Could not connect',
      hint: 'Install gnome-keyring.',
    });
    const refused = await app.failure('auth.beginSignIn', {
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      storage: 'keychain',
    });
    expect(refused).toMatchObject({
      code: 'keychain_unavailable',
      details: { reason: 'Could not connect', hint: 'Install gnome-keyring.' },
    });
    const pending = await app.call<PendingSignIn>('auth.beginSignIn', {
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      profileName: 'Laptop',
      storage: 'session',
    });
    const state = await app.call<WorkspaceState>('auth.completeSignIn', {
      pendingId: pending.pendingId,
      domainHandle: sandbox.credentials.orgHandle,
    });
    expect(state.kind).toBe('profile');
    const [profile] = (await app.call<ProfileList>('profiles.list')).profiles;
    expect(profile).toMatchObject({ name: 'Laptop', storage: 'session', hasToken: true });
  });
});

describe('profiles', () => {
  it('switches between two profiles and back', async () => {
    const app = start();
    const production = await signIn(app, 'Production', 'main');
    const staging = await signIn(app, 'Staging', 'other');
    expect(staging.organization?.domainHandle).not.toBe(sandbox.credentials.orgHandle);
    const back = await app.call<WorkspaceState>('profiles.switch', { id: production.profileId });
    expect(back).toMatchObject({
      kind: 'profile',
      profileId: production.profileId,
      profileName: 'Production',
    });
    expect(back.organization?.domainHandle).toBe(sandbox.credentials.orgHandle);
    expect((await app.call<ProfileList>('profiles.list')).lastProfileId).toBe(production.profileId);
  });

  it('a profile whose server cannot be reached opens offline with its saved organization', async () => {
    const app = start();
    const other = await startSandbox({ port: 0, seed: 2 });
    const away = await signIn(app, 'Away', 'main', other);
    await signIn(app, 'Here');
    await other.close(); // Away's server is gone
    const opened = await app.call<WorkspaceState>('profiles.switch', { id: away.profileId });
    expect(opened).toMatchObject({
      kind: 'profile',
      profileId: away.profileId,
      profileName: 'Away',
      organization: { domainHandle: other.credentials.orgHandle },
      connection: { state: 'offline' },
    });
    expect(app.states().at(-1)).toMatchObject({ kind: 'profile', profileId: away.profileId });
  });

  it('a profile that fails to open (token refused) leaves no stale workspace on screen', async () => {
    const app = start();
    const away = await signIn(app, 'Away');
    const here = await signIn(app, 'Here');
    // Away's token has expired since: the server answers 403, which never opens offline.
    await keychain.set(away.profileId!, sandbox.credentials.expiredToken);
    const error = await app.failure('profiles.switch', { id: away.profileId });
    expect(error.code).toBe('forbidden');
    // The previous workspace was closed to open the other one; the renderer is told.
    expect(app.states().at(-1)).toMatchObject({ kind: 'none', profileId: null });
    expect(here.kind).toBe('profile');
  });

  it('replacing the token of the open profile keeps it open, with the new hint', async () => {
    const app = start();
    const opened = await signIn(app, 'Production');
    const space = (await app.call<{ token: string }[]>('spaces.list'))[0]!;
    await app.call('spaces.select', { token: space.token });
    const refused = await app.failure('profiles.replaceToken', {
      id: opened.profileId,
      token: 'b'.repeat(40),
    });
    expect(refused.code).toBe('unauthorized');
    const profile = await app.call<Profile>('profiles.replaceToken', {
      id: opened.profileId,
      token: sandbox.credentials.token,
    });
    expect(profile).toMatchObject({ id: opened.profileId, hasToken: true });
    expect(app.services.workspace.getState()).toMatchObject({
      kind: 'profile',
      profileId: opened.profileId,
      space: { token: space.token },
    });
  });

  it('signing out of the open profile closes it, removes the token and, when asked, the cached data', async () => {
    const app = start();
    const kept = await signIn(app, 'Kept', 'other');
    const opened = await signIn(app, 'Production');
    const cacheOf = (id: string) => join(dataDir, 'profiles', id);
    for (const id of [kept.profileId!, opened.profileId!]) {
      await mkdir(cacheOf(id), { recursive: true });
      await writeFile(join(cacheOf(id), 'tasks.sqlite'), 'cache');
    }

    // Signing out of a profile that is not open keeps the workspace and (unasked) the cache.
    const first = await app.call<SignOutResult>('profiles.signOut', {
      id: kept.profileId,
      deleteCachedData: false,
    });
    expect(first).toMatchObject({
      tokenRemoved: true,
      cachedDataDeleted: false,
      workspace: { kind: 'profile' },
    });
    expect((await stat(cacheOf(kept.profileId!))).isDirectory()).toBe(true);

    const second = await app.call<SignOutResult>('profiles.signOut', {
      id: opened.profileId,
      deleteCachedData: true,
    });
    expect(second).toMatchObject({ tokenRemoved: true, cachedDataDeleted: true, profileForgotten: false });
    expect(second.workspace.kind).toBe('none');
    expect(app.states().at(-1)?.kind).toBe('none');
    await expect(stat(cacheOf(opened.profileId!))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await keychain.get(opened.profileId!)).toBeNull();

    const list = await app.call<ProfileList>('profiles.list');
    expect(list.lastProfileId).toBeNull();
    expect(list.profiles.map((p) => [p.name, p.hasToken])).toEqual([
      ['Kept', false],
      ['Production', false],
    ]);
    expect((await app.failure('profiles.switch', { id: opened.profileId })).details).toMatchObject({
      failure: 'token_missing',
    });

    // "Also remove the profile from the list".
    await app.call('profiles.signOut', { id: kept.profileId, deleteCachedData: true, forgetProfile: true });
    expect((await app.call<ProfileList>('profiles.list')).profiles.map((p) => p.name)).toEqual([
      'Production',
    ]);
  });

  it('the next start reopens the last profile with its stored token', async () => {
    const first = start();
    const opened = await signIn(first, 'Production');
    await first.services.close();

    const next = start();
    await restoreAtStart(next.services.profiles);
    expect(next.services.workspace.getState()).toMatchObject({
      kind: 'profile',
      profileId: opened.profileId,
      organization: { domainHandle: sandbox.credentials.orgHandle },
    });
    expect((await next.call<ProfileList>('profiles.list')).restoreProblem).toBeNull();
  });

  it('when the last profile cannot be reopened, the next start says why and stays on the welcome screen', async () => {
    const first = start();
    const opened = await signIn(first, 'Production');
    await first.services.close();

    const next = start(createSessionStore()); // as if the keychain entry had vanished
    await restoreAtStart(next.services.profiles);
    expect(next.services.workspace.getState().kind).toBe('none');
    const list = await next.call<ProfileList>('profiles.list');
    expect(list.restoreProblem).toMatchObject({ profileId: opened.profileId, profileName: 'Production' });
    expect(list.restoreProblem?.message).toMatch(/Enter the token again/);
  });
});
