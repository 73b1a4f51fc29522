// Signing out of a profile while it is still opening: a start-up restore that outlived its wait,
// or a switch against a server that answers slowly. The open must not finish afterwards with the
// token it already holds: the workspace stays closed, the stored token is gone, and a deleted
// data folder is not recreated (last space, task cache). Real sandbox over HTTP, real files; the
// slow server is a `latency` fault on the organizations request.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  PendingSignIn,
  ProfileList,
  SignOutResult,
  SyncStatus,
  WorkspaceState,
} from '../../src-main/ipc/contract.ts';
import type { Sandbox } from '../../src-main/sandbox/index.ts';
import { createSessionStore, type SecretStore } from '../../src-main/services/secrets/index.ts';
import { cleanupsAfterEach, removeDir, sandboxStarter, startTestApp, waitFor } from './sync-helpers.ts';

const addCleanup = cleanupsAfterEach();
const sandboxOn = sandboxStarter(addCleanup);

/** Far longer than the test needs to sign out, far shorter than the client's timeout. */
const SLOW_MS = 4_000;

/** One app start on `dataDir`; `keychain` and `session` stand in for the two token stores. */
function startApp(dataDir: string, keychain: SecretStore, session: SecretStore) {
  const orgRequests: string[] = [];
  const app = startTestApp(dataDir, {
    auth: {
      keychain,
      session,
      clientDefaults: {
        timeoutMs: 20_000,
        retry: { limit: 0 },
        onRequest: (info) => {
          if (info.url.includes('/organizations/')) orgRequests.push(info.url);
        },
      },
    },
  });
  const openedStates = () =>
    app.emitted.filter((e) => e.event === 'workspace.changed' && e.payload.kind === 'profile');
  addCleanup(async () => {
    await app.close();
    // No handler bug, and no error code its channel does not declare (a cancelled switch).
    expect(app.unexpected).toEqual([]);
  });
  return { ...app, orgRequests, openedStates };
}

type App = ReturnType<typeof startApp>;

/** Signs in, selects the space and downloads it, so the profile folder has a last space and a cache. */
async function signInAndSync(app: App, sandbox: Sandbox, storage: 'keychain' | 'session') {
  const { token, orgHandle, spaceToken } = sandbox.credentials;
  const pending = await app.call<PendingSignIn>('auth.beginSignIn', {
    baseUrl: sandbox.baseUrl,
    token,
    profileName: 'Slow',
    storage,
  });
  const state = await app.call<WorkspaceState>('auth.completeSignIn', {
    pendingId: pending.pendingId,
    domainHandle: orgHandle,
  });
  await app.call('spaces.select', { token: spaceToken });
  const scope = { kind: 'space', spaceToken };
  await app.call<SyncStatus>('sync.start', { scope });
  expect((await app.services.tasks.whenIdle(scope as never)).phase).toBe('done');
  return state.profileId!;
}

async function newDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'unpod-sign-out-opening-'));
  addCleanup(() => removeDir(dataDir));
  return dataDir;
}

describe('signing out while the profile is still opening', () => {
  it('a start-up restore still waiting on the server does not reopen the signed-out profile', async () => {
    const sandbox = await sandboxOn();
    const dataDir = await newDataDir();
    const keychain = createSessionStore();

    const first = startApp(dataDir, keychain, createSessionStore());
    const profileId = await signInAndSync(first, sandbox, 'keychain');
    const profileDir = join(dataDir, 'profiles', profileId);
    expect(existsSync(join(profileDir, 'workspace.json'))).toBe(true);
    await first.services.close();

    // Restart against a server that takes its time to list the organizations. restoreAtStart
    // stops waiting after 8 s and leaves this restore running in the background.
    sandbox.faults.add({ kind: 'latency', path: '/organizations/', latencyMs: SLOW_MS, times: 1 });
    const second = startApp(dataDir, keychain, createSessionStore());
    const restoring = second.services.profiles.restoreLastProfile();
    await waitFor(() => second.orgRequests.length > 0, 'the restore to ask for the organizations');
    expect(second.services.workspace.getState().kind).toBe('none');

    const signedOut = await second.call<SignOutResult>('profiles.signOut', {
      id: profileId,
      deleteCachedData: true,
    });
    expect(signedOut).toMatchObject({
      tokenRemoved: true,
      cachedDataDeleted: true,
      workspace: { kind: 'none' },
    });

    // The restore gives up instead of finishing with the token it had read.
    expect(await restoring).toBeNull();
    expect(second.services.workspace.getState().kind).toBe('none');
    expect(second.openedStates()).toEqual([]);
    expect(await keychain.get(profileId)).toBeNull();
    expect(existsSync(profileDir)).toBe(false);
    // Cancelled by the user, so not a "could not reopen" problem on the welcome screen.
    const list = await second.call<ProfileList>('profiles.list');
    expect(list.restoreProblem).toBeNull();
    expect(list.profiles.find((p) => p.id === profileId)?.hasToken).toBe(false);
  });

  it('a switch to the profile against a slow server is cancelled by signing out', async () => {
    const sandbox = await sandboxOn();
    const dataDir = await newDataDir();
    const sessionStore = createSessionStore();
    const app = startApp(dataDir, createSessionStore(), sessionStore);
    const profileId = await signInAndSync(app, sandbox, 'session');
    const profileDir = join(dataDir, 'profiles', profileId);
    await app.call('workspace.close');
    expect(existsSync(join(profileDir, 'tasks-cache.sqlite'))).toBe(true);
    const openedBefore = app.openedStates().length;

    sandbox.faults.add({ kind: 'latency', path: '/organizations/', latencyMs: SLOW_MS, times: 1 });
    const requestsBefore = app.orgRequests.length;
    const switching = app.router.dispatch('profiles.switch', { id: profileId });
    await waitFor(() => app.orgRequests.length > requestsBefore, 'the switch to ask for the organizations');

    const signedOut = await app.call<SignOutResult>('profiles.signOut', {
      id: profileId,
      deleteCachedData: true,
    });
    expect(signedOut).toMatchObject({
      tokenRemoved: true,
      cachedDataDeleted: true,
      workspace: { kind: 'none' },
    });

    const switched = await switching;
    expect(switched.ok).toBe(false);
    expect(switched.ok ? null : switched.error.code).toBe('cancelled');
    expect(app.services.workspace.getState().kind).toBe('none');
    expect(app.openedStates().length).toBe(openedBefore);
    expect(await sessionStore.get(profileId)).toBeNull();
    // Nothing writes into the deleted folder afterwards, not even once the slow answer is due.
    expect(existsSync(profileDir)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS + 200));
    expect(existsSync(profileDir)).toBe(false);
    expect(app.services.workspace.getState().kind).toBe('none');
  });
});
