// Restarting the app with no connection (a supervisor on a plane): the signed-in profile
// reopens offline with its saved organization and last selected space, every read works from
// the cache, and when the platform is back (same address) it comes online by itself. A rejected
// token at start is still a failure, never an offline open.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  Organization,
  ProfileList,
  Space,
  SyncStatus,
  TaskDetail,
  TaskPage,
  WorkspaceState,
} from '../../src-main/ipc/contract.ts';
import { LAST_SPACE_FILE_NAME } from '../../src-main/services/last-space.ts';
import { restoreAtStart } from '../../src-main/services/profiles-service.ts';
import type { SecretStore } from '../../src-main/services/secrets/index.ts';
import {
  cleanupsAfterEach,
  folderForRuns,
  sandboxStarter,
  signInWithToken,
  startAppRun,
  type TestApp,
  waitFor,
} from './sync-helpers.ts';

const addCleanup = cleanupsAfterEach();
const sandboxOn = sandboxStarter(addCleanup);

interface App extends TestApp {
  state(): WorkspaceState;
}

/**
 * One run of the app on `dataDir`, as a host starts it. `keychain` stands in for the OS keychain:
 * the same object across runs, so the token survives the "restart" as it would in the keychain.
 */
function startApp(dataDir: string, keychain: SecretStore): App {
  const app = startAppRun(dataDir, keychain, addCleanup);
  return { ...app, state: () => app.services.workspace.getState() };
}

describe('restarting the app while the platform is unreachable', () => {
  it('reopens the profile offline from its saved organization and space, and comes online by itself', async () => {
    const sandbox = await sandboxOn();
    const port = Number(new URL(sandbox.baseUrl).port);
    const { token, orgHandle, spaceToken } = sandbox.credentials;
    const { dataDir, keychain } = await folderForRuns(addCleanup, 'unpod-offline-restart-');

    // First run: sign in, choose the space, download it.
    const first = startApp(dataDir, keychain);
    const pending = await first.call<{ pendingId: string; organizations: Organization[] }>(
      'auth.beginSignIn',
      { baseUrl: sandbox.baseUrl, token, profileName: 'On a plane', storage: 'keychain' },
    );
    const org = pending.organizations.find((o) => o.domainHandle === orgHandle)!;
    const signedIn = await first.call<WorkspaceState>('auth.completeSignIn', {
      pendingId: pending.pendingId,
      domainHandle: orgHandle,
    });
    expect(signedIn.organization?.domainHandle).toBe(orgHandle);
    const selected = await first.call<WorkspaceState>('spaces.select', { token: spaceToken });
    const space = selected.space!;
    const profileId = signedIn.profileId!;
    const scope = { kind: 'space', spaceToken };
    expect((await first.call<SyncStatus>('sync.start', { scope })).phase).toBe('running');
    const synced = await first.services.tasks.whenIdle(scope as never);
    expect(synced.phase).toBe('done');
    const online = await first.call<TaskPage>('tasks.query', { scope, facets: true, limit: 20 });
    expect(online.total).toBe(synced.total);
    expect(online.total).toBeGreaterThan(0);

    // The saved space is plain metadata: no token in it.
    const saved = readFileSync(join(dataDir, 'profiles', profileId, LAST_SPACE_FILE_NAME), 'utf8');
    expect(saved).toContain(spaceToken);
    expect(saved).not.toContain(token);

    // The app quits; the platform goes away; the app starts again on the same data folder.
    await first.close();
    await sandbox.close();
    const second = startApp(dataDir, keychain);
    await restoreAtStart(second.services.profiles);

    const reopened = second.state();
    expect(reopened).toMatchObject({
      kind: 'profile',
      profileId,
      profileName: 'On a plane',
      organization: { domainHandle: orgHandle, name: org.name },
      space: { token: spaceToken, name: space.name },
      connection: { state: 'offline' },
    });
    expect((await second.call<ProfileList>('profiles.list')).restoreProblem).toBeNull();
    expect(second.emitted.some((e) => e.event === 'workspace.changed')).toBe(true);

    // Lists, counts, search, detail and overview answer from the cache.
    const offline = await second.call<TaskPage>('tasks.query', { scope, facets: true, limit: 20 });
    expect(offline.total).toBe(online.total);
    expect(offline.rows).toEqual(online.rows);
    expect(offline.facets).toEqual(online.facets);
    expect(offline.lastSyncedAt).toBe(synced.lastSyncedAt);
    const name = online.rows.find((r) => r.name)!.name!;
    const searched = await second.call<TaskPage>('tasks.query', { scope, filters: { search: name } });
    expect(searched.rows.some((r) => r.name === name)).toBe(true);
    const detail = await second.call<{ status: string; task: TaskDetail }>('tasks.get', {
      id: online.rows[0]!.id,
    });
    expect(detail.task.id).toBe(online.rows[0]!.id);
    expect((await second.call<{ total: number }>('tasks.overview', { scope })).total).toBe(online.total);
    // The pickers show the lists saved when they last loaded (see offline-lists.test.ts).
    expect((await second.call<Space[]>('spaces.list')).map((s) => s.token)).toContain(spaceToken);
    expect(second.state().kind).toBe('profile');

    // The platform comes back on the same address: the probe notices without a click, the
    // lists load, the cached space is refreshed.
    await sandboxOn(port);
    await waitFor(() => second.state().connection.state === 'online', 'the connection to come back online');
    await waitFor(
      () => second.emitted.some((e) => e.event === 'sync.progress' && e.payload.phase === 'done'),
      'a refresh after reconnecting',
    );
    const after = await second.call<SyncStatus>('sync.status', { scope });
    expect(Date.parse(after.lastSyncedAt!)).toBeGreaterThan(Date.parse(synced.lastSyncedAt!));
    const spaces = await second.call<Space[]>('spaces.list');
    expect(spaces.map((s) => s.token)).toContain(spaceToken);
    expect((await second.call<Organization[]>('organizations.list')).length).toBeGreaterThan(0);
    await waitFor(() => second.state().organization?.role !== null, 'the organization from the server');
    expect(second.state().space).toEqual(space);
  });

  it('preselects the saved space when the profile reopens online', async () => {
    const sandbox = await sandboxOn();
    const { spaceToken } = sandbox.credentials;
    const { dataDir, keychain } = await folderForRuns(addCleanup, 'unpod-offline-restart-');

    const first = startApp(dataDir, keychain);
    await signInWithToken(first, sandbox);
    expect(first.state().space).toBeNull(); // nothing saved yet: the user chooses
    await first.call('spaces.select', { token: spaceToken });
    await first.close();

    const second = startApp(dataDir, keychain);
    await restoreAtStart(second.services.profiles);
    expect(second.state()).toMatchObject({
      kind: 'profile',
      space: { token: spaceToken },
      connection: { state: 'online' },
    });
  });

  it('a rejected token at start is a failure, never an offline open', async () => {
    const sandbox = await sandboxOn();
    const { expiredToken, spaceToken } = sandbox.credentials;
    const { dataDir, keychain } = await folderForRuns(addCleanup, 'unpod-offline-restart-');

    const first = startApp(dataDir, keychain);
    const state = await signInWithToken(first, sandbox, 'Expired');
    await first.call('spaces.select', { token: spaceToken });
    await first.close();

    // The stored token has expired since (the platform answers 403).
    await keychain.set(state.profileId!, expiredToken);
    const second = startApp(dataDir, keychain);
    await restoreAtStart(second.services.profiles);
    expect(second.state().kind).toBe('none');
    const list = await second.call<ProfileList>('profiles.list');
    expect(list.restoreProblem).toMatchObject({ profileId: state.profileId, profileName: 'Expired' });
    // Switching to it by hand fails the same way.
    const switched = await second.router.dispatch('profiles.switch', { id: state.profileId });
    expect(switched.ok).toBe(false);
    expect(second.state().kind).toBe('none');
  });
});
