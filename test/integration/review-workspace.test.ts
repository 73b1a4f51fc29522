// The review screens' workspace state at the service level (issue 8): the task lists answer only
// for the current organization's space or agents, each organization gets its last space back
// (remembered on disk, old file shape accepted), the last page is remembered, agent names (drafts
// too) are known before any row is read, a refused token is not "online", and a platform that
// stops answering is reported offline within seconds. Real HTTP against the sandbox, real files.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  Agent,
  Organization,
  Space,
  SyncStatus,
  TaskPage,
  TaskScope,
  WorkspaceState,
} from '../../src-main/ipc/contract.ts';
import type { Sandbox } from '../../src-main/sandbox/index.ts';
import { LAST_SPACE_FILE_NAME } from '../../src-main/services/last-space.ts';
import { restoreAtStart } from '../../src-main/services/profiles-service.ts';
import { createUnpodClient, type RequestLogEntry, type UnpodClient } from '../../src-main/unpod/index.ts';
import {
  cleanupsAfterEach,
  fastClient,
  folderForRuns,
  sandboxStarter,
  signInWithToken,
  startAppRun,
  startTestApp,
  exportCsv,
  type TestApp,
  waitFor,
} from './sync-helpers.ts';

const addCleanup = cleanupsAfterEach();
const sandboxOn = sandboxStarter(addCleanup);

const state = (app: TestApp): WorkspaceState => app.services.workspace.getState();

/** The app services on a fresh data folder, closed (and checked for unexpected errors) after the test. */
async function freshApp(prefix: string): Promise<{ app: TestApp; dataDir: string }> {
  const { dataDir } = await folderForRuns(addCleanup, prefix);
  const app = startTestApp(dataDir);
  addCleanup(async () => {
    await app.close();
    expect(app.unexpected).toEqual([]);
  });
  return { app, dataDir };
}

async function syncScope(app: TestApp, scope: TaskScope): Promise<SyncStatus> {
  const started = await app.call<SyncStatus>('sync.start', { scope });
  expect(started.phase).toBe('running');
  return app.services.tasks.whenIdle(scope);
}

/** Opens a profile session on `client` (no preferred space: the remembered one is used). */
async function openProfile(app: TestApp, dataDir: string, sandbox: Sandbox, client: UnpodClient) {
  return app.services.workspace.openSession({
    kind: 'profile',
    profileId: 'p1',
    profileName: 'Review',
    dataDir: join(dataDir, 'profiles', 'p1'),
    client,
    preferredOrgHandle: sandbox.credentials.orgHandle,
  });
}

describe('the task lists belong to the current organization and space', () => {
  it('after switching organization nothing of the previous one is listed, counted, exported or synced; switching back selects its last space again', async () => {
    const { app, dataDir } = await freshApp('unpod-review-org-');
    const opened = await app.call<WorkspaceState>('workspace.openDemo');
    const sandbox = app.services.workspace.demoSandbox()!;
    const first = opened.organization!;
    const q3 = opened.space!;
    const q3Scope: TaskScope = { kind: 'space', spaceToken: q3.token };
    await syncScope(app, q3Scope);
    const q3Page = await app.call<TaskPage>('tasks.query', { scope: q3Scope });
    expect(q3Page.total).toBeGreaterThan(0);

    const other = (await app.call<Organization[]>('organizations.list')).find(
      (o) => o.domainHandle !== first.domainHandle,
    )!;
    const switched = await app.call<WorkspaceState>('organizations.select', {
      domainHandle: other.domainHandle,
    });
    expect(switched.organization).toEqual(other);
    expect(switched.space).toBeNull(); // never used in this organization yet

    // The previous organization's space and agents: refused by every channel that reads or syncs.
    const agentScope: TaskScope = { kind: 'agent', agentHandle: sandbox.credentials.agentHandle };
    for (const scope of [q3Scope, agentScope]) {
      for (const channel of [
        'tasks.query',
        'tasks.overview',
        'tasks.exportCsv',
        'sync.start',
        'sync.status',
      ]) {
        const error = await app.failure(channel, { scope });
        expect(error.code, `${channel} of ${scope.kind}`).toBe('not_found');
        expect(error.message).toContain(other.name);
      }
    }

    // A space of this organization lists its own tasks only.
    const feedback = (await app.call<Space[]>('spaces.list'))[0]!;
    await app.call('spaces.select', { token: feedback.token });
    const feedbackScope: TaskScope = { kind: 'space', spaceToken: feedback.token };
    await syncScope(app, feedbackScope);
    const feedbackPage = await app.call<TaskPage>('tasks.query', { scope: feedbackScope, limit: 500 });
    expect(feedbackPage.total).toBeGreaterThan(0);
    const q3Ids = new Set(q3Page.rows.map((r) => r.id));
    expect(feedbackPage.rows.some((r) => q3Ids.has(r.id))).toBe(false);
    const overview = await app.call<{ total: number }>('tasks.overview', { scope: feedbackScope });
    expect(overview.total).toBe(feedbackPage.total);
    const csv = await exportCsv(app, { scope: feedbackScope });
    expect(csv.rows).toBe(feedbackPage.total);

    // Back to the first organization: its last space is selected again, and its list answers.
    const back = await app.call<WorkspaceState>('organizations.select', { domainHandle: first.domainHandle });
    expect(back.space).toEqual(q3);
    expect((await app.call<TaskPage>('tasks.query', { scope: q3Scope })).total).toBe(q3Page.total);
    expect((await app.failure('tasks.query', { scope: feedbackScope })).code).toBe('not_found');
    // And the other one's.
    const again = await app.call<WorkspaceState>('organizations.select', {
      domainHandle: other.domainHandle,
    });
    expect(again.space).toEqual(feedback);

    // Remembered on disk per organization (the demo's own folder), for the next run.
    const saved = JSON.parse(readFileSync(join(dataDir, 'demo', LAST_SPACE_FILE_NAME), 'utf8')) as {
      version: number;
      spaces: { orgHandle: string; space: Space }[];
    };
    expect(saved.version).toBe(2);
    expect(saved.spaces).toEqual(
      expect.arrayContaining([
        { orgHandle: first.domainHandle, space: q3 },
        { orgHandle: other.domainHandle, space: feedback },
      ]),
    );
  });

  it('a profile opens with the last space of its organization, also from the first version of the saved file', async () => {
    const sandbox = await sandboxOn();
    const { app, dataDir } = await freshApp('unpod-review-v1-');
    const orgClient = fastClient(sandbox).withOrg(sandbox.credentials.orgHandle);
    const platformSpace = (await orgClient.listSpaces()).find(
      (s) => s.token !== sandbox.credentials.spaceToken,
    )!;
    const space: Space = {
      token: platformSpace.token,
      name: platformSpace.name,
      slug: platformSpace.slug ?? null,
      spaceType: platformSpace.space_type ?? null,
      contentType: platformSpace.content_type ?? null,
      privacyType: platformSpace.privacy_type ?? null,
      description: platformSpace.description ?? null,
    };
    // What the app saved before it remembered a space per organization.
    const profileDir = join(dataDir, 'profiles', 'p1');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(
      join(profileDir, LAST_SPACE_FILE_NAME),
      JSON.stringify({
        version: 1,
        orgHandle: sandbox.credentials.orgHandle,
        space,
        savedAt: new Date().toISOString(),
      }),
    );

    const opened = await openProfile(app, dataDir, sandbox, fastClient(sandbox));
    expect(opened.space).toEqual(space);
    const saved = JSON.parse(readFileSync(join(profileDir, LAST_SPACE_FILE_NAME), 'utf8')) as unknown;
    expect(saved).toMatchObject({
      version: 2,
      spaces: [{ orgHandle: sandbox.credentials.orgHandle, space }],
      lastPage: null,
    });
  });
});

describe('the page last used', () => {
  it('is remembered per workspace: the demo reopens on it', async () => {
    const { app, dataDir } = await freshApp('unpod-review-page-');
    expect((await app.failure('workspace.rememberPage', { page: 'agents' })).code).toBe('not_signed_in');
    const opened = await app.call<WorkspaceState>('workspace.openDemo');
    expect(opened.lastPage).toBeNull(); // the renderer then opens Tasks
    expect(await app.call('workspace.rememberPage', { page: 'agents' })).toBeNull();
    expect(state(app).lastPage).toBe('agents');
    expect((await app.failure('workspace.rememberPage', { page: 'nowhere' })).code).toBe('invalid_input');

    await app.call('workspace.close');
    const reopened = await app.call<WorkspaceState>('workspace.openDemo');
    expect(reopened.lastPage).toBe('agents');
    const saved = readFileSync(join(dataDir, 'demo', LAST_SPACE_FILE_NAME), 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ lastPage: 'agents' });
  });
});

describe('agent names', () => {
  it('name every agent the current space’s tasks are assigned to, drafts included, before a row is read', async () => {
    const { app } = await freshApp('unpod-review-names-');
    const opened = await app.call<WorkspaceState>('workspace.openDemo');
    const names = new Map(opened.agentNames.map((a) => [a.handle, a.name]));
    const published = await app.call<Agent[]>('agents.list');
    const scope: TaskScope = { kind: 'space', spaceToken: opened.space!.token };
    await syncScope(app, scope);
    const page = await app.call<TaskPage>('tasks.query', { scope, facets: true });
    const assignees = page.facets!.agents.map((f) => f.value);
    expect(assignees.length).toBeGreaterThan(1);
    for (const handle of assignees) expect(names.get(handle), handle).toMatch(/\S/);
    // The draft agent: not in the agent list (published only), named through the space.
    const drafts = assignees.filter((h) => !published.some((a) => a.handle === h));
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.map((h) => names.get(h))).toEqual(['Lead Qualifier v2 (draft)']);

    // Another space of the organization: the draft stays named, and its own list can be read.
    const other = (await app.call<Space[]>('spaces.list')).find((s) => s.token !== opened.space!.token)!;
    const moved = await app.call<WorkspaceState>('spaces.select', { token: other.token });
    expect(moved.agentNames).toEqual(
      expect.arrayContaining([{ handle: drafts[0], name: 'Lead Qualifier v2 (draft)' }]),
    );
    const draftScope: TaskScope = { kind: 'agent', agentHandle: drafts[0]! };
    await syncScope(app, draftScope);
    expect((await app.call<TaskPage>('tasks.query', { scope: draftScope })).total).toBeGreaterThan(0);
  });

  it('a slow platform does not hold up a space switch: the names follow when they come', async () => {
    const sandbox = await sandboxOn();
    const { app, dataDir } = await freshApp('unpod-review-slow-names-');
    // The client as the app makes it (30 s per attempt), so the slow answer still comes.
    const client = createUnpodClient({ baseUrl: sandbox.baseUrl, token: sandbox.credentials.token });
    const opened = await openProfile(app, dataDir, sandbox, client);
    expect(opened.space).toBeNull();
    const { spaceToken } = sandbox.credentials;
    sandbox.faults.add({ kind: 'latency', latencyMs: 6_000, method: 'GET', path: `/spaces/${spaceToken}/` });

    const selected = await app.call<WorkspaceState>('spaces.select', { token: spaceToken });
    expect(selected.space?.token).toBe(spaceToken);
    const draft = (s: WorkspaceState) => s.agentNames.some((a) => a.name === 'Lead Qualifier v2 (draft)');
    expect(draft(selected), 'the space’s own agents are still on their way').toBe(false);
    await waitFor(
      () => app.eventsNamed('workspace.changed').some((s) => s.space?.token === spaceToken && draft(s)),
      'the space’s agent names to follow',
    );
    // The platform answered the probe meanwhile: slow, not offline.
    expect(state(app).connection.state).toBe('online');
  });

  it('come from the saved copy when the profile reopens offline, and load again when it is back', async () => {
    const sandbox = await sandboxOn();
    const port = Number(new URL(sandbox.baseUrl).port);
    const { dataDir, keychain } = await folderForRuns(addCleanup, 'unpod-review-offline-names-');
    const first = startAppRun(dataDir, keychain, addCleanup);
    await signInWithToken(first, sandbox, 'Names');
    const selected = await first.call<WorkspaceState>('spaces.select', {
      token: sandbox.credentials.spaceToken,
    });
    expect(selected.agentNames.some((a) => a.name === 'Lead Qualifier v2 (draft)')).toBe(true);
    await first.close();

    await sandbox.close();
    const second = startAppRun(dataDir, keychain, addCleanup);
    await restoreAtStart(second.services.profiles);
    expect(state(second).connection.state).toBe('offline');
    expect(state(second).agentNames).toEqual(selected.agentNames);

    // Back: the names are asked for again (a workspace.changed follows with them).
    await sandboxOn(port);
    const changes = second.eventsNamed('workspace.changed').length;
    await waitFor(() => state(second).connection.state === 'online', 'the platform to come back', 20_000);
    await waitFor(
      () => second.eventsNamed('workspace.changed').length > changes,
      'the lists and names to load again',
    );
    expect(state(second).agentNames).toEqual(selected.agentNames);
  });

  it('are loaded again after reconnecting, also in a session that opened online', async () => {
    const sandbox = await sandboxOn();
    const port = Number(new URL(sandbox.baseUrl).port);
    const { app, dataDir } = await freshApp('unpod-review-reconnect-');
    const requests: RequestLogEntry[] = [];
    const client = createUnpodClient({
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      timeoutMs: 3_000,
      retry: { limit: 1, baseDelayMs: 10, maxDelayMs: 20 },
      onRequest: (entry) => requests.push(entry),
    });
    await openProfile(app, dataDir, sandbox, client);
    await app.call('spaces.select', { token: sandbox.credentials.spaceToken });
    const agentRequests = () =>
      requests.filter((r) => /\/platform\/agents\/$/.test(new URL(r.url).pathname)).length;
    const before = agentRequests();
    expect(before).toBeGreaterThan(0);

    await sandbox.close();
    await app.call<Agent[]>('agents.list'); // the saved copy
    expect(state(app).connection.state).toBe('offline');
    await app.call('tasks.query', { scope: { kind: 'space', spaceToken: sandbox.credentials.spaceToken } });

    await sandboxOn(port);
    await waitFor(() => state(app).connection.state === 'online', 'the platform to come back', 20_000);
    await waitFor(() => agentRequests() > before, 'the agent list to be asked for again');
  });
});

describe('the connection state', () => {
  it('says the token is rejected, not online, when the platform refuses an expired token (403)', async () => {
    const sandbox = await sandboxOn();
    const { app, dataDir } = await freshApp('unpod-review-expired-');
    await openProfile(app, dataDir, sandbox, fastClient(sandbox));
    expect(state(app).connection.state).toBe('online');
    const expired = createUnpodClient({ baseUrl: sandbox.baseUrl, token: sandbox.credentials.expiredToken });
    await expect(app.services.workspace.trackConnection(() => expired.listOrganizations())).rejects.toThrow(
      /expired/,
    );
    expect(state(app).connection).toMatchObject({
      state: 'rejected',
      message: expect.stringMatching(/expired/),
    });
    // An answer with the good token again (e.g. after replacing it) is online.
    await app.call('organizations.list');
    expect(state(app).connection.state).toBe('online');
  });

  it('a platform that stops answering is offline within seconds, while the request still waits for its timeout and retries', async () => {
    const sandbox = await sandboxOn();
    const { app, dataDir } = await freshApp('unpod-review-latency-');
    // The client as the app makes it for a profile: 30 s per attempt, 3 retries.
    const appClient = () => createUnpodClient({ baseUrl: sandbox.baseUrl, token: sandbox.credentials.token });
    await openProfile(app, dataDir, sandbox, appClient());
    expect(state(app).connection.state).toBe('online');

    sandbox.faults.add({ kind: 'latency', latencyMs: 600_000 });
    let started = performance.now();
    let settled = false;
    void app.router.dispatch('agents.list', {}).finally(() => (settled = true));
    await waitFor(() => state(app).connection.state === 'offline', 'the app to say offline', 20_000);
    const notAnswering = performance.now() - started;
    expect(settled, 'the request itself has not given up yet').toBe(false);
    expect(state(app).connection.message).toMatch(/did not answer/);

    // For comparison: nothing listens at the address any more (the connection is refused).
    sandbox.faults.clear();
    await app.call('organizations.list');
    expect(state(app).connection.state).toBe('online');
    await sandbox.close();
    started = performance.now();
    void app.router.dispatch('agents.list', {});
    await waitFor(() => state(app).connection.state === 'offline', 'the app to say offline', 20_000);
    const refused = performance.now() - started;
    console.info(
      `time to "Offline": server not answering ${Math.round(notAnswering)} ms, connection refused ${Math.round(refused)} ms`,
    );
  });
});
