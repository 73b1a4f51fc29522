// The first screens' services against the real sandbox (started in-process by the demo, spoken
// to over HTTP by the real Unpod client), driven through the router exactly as both hosts do.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  EventName,
  EventPayload,
  IpcResult,
  Organization,
  Space,
  WorkspaceState,
} from '../../src-main/ipc/contract.ts';
import { createRouter, type Router } from '../../src-main/ipc/router.ts';
import { createAppServices, type AppServices } from '../../src-main/services/app-services.ts';

type Emitted = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

let services: AppServices;
let dataDir: string;
let router: Router;
let emitted: Emitted[];
const unexpected: unknown[] = [];

async function call<T = unknown>(channel: string, input: unknown = {}): Promise<T> {
  const result = (await router.dispatch(channel, input)) as IpcResult<T>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.data;
}
const failure = async (channel: string, input: unknown = {}) => {
  const result = await router.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
};
const eventsNamed = <E extends EventName>(name: E) =>
  emitted.filter((e): e is Extract<Emitted, { event: E }> => e.event === name).map((e) => e.payload);

beforeEach(async () => {
  emitted = [];
  // A folder of its own: the demo keeps its last space, cache and journal there, and a test must
  // not find what an earlier run left (nor share it with a run in parallel).
  dataDir = await mkdtemp(join(tmpdir(), 'unpod-services-'));
  services = createAppServices({
    dataDir,
    emit: (event, payload) => emitted.push({ event, payload } as Emitted),
    host: 'web',
    version: '9.9.9',
    // Short backoff so the fault-injection paths do not wait seconds between retries.
    demo: { demoClient: { retry: { limit: 2, baseDelayMs: 10, maxDelayMs: 20 }, timeoutMs: 5000 } },
  });
  router = createRouter(services.handlers, {
    validateOutput: true,
    onUnexpectedError: (_c, e) => unexpected.push(e),
  });
});

afterEach(async () => {
  await services.close();
  await rm(dataDir, { recursive: true, force: true });
  expect(unexpected).toEqual([]);
});

describe('workspace services over the sandbox', () => {
  it('before anything is open: the welcome state, and platform channels say not_signed_in', async () => {
    expect(await call('app.getInfo')).toEqual({
      version: '9.9.9',
      host: 'web',
      versions: { electron: null, chromium: null, node: process.versions.node },
      dataDir: services.dataDir,
    });
    const state = await call<WorkspaceState>('workspace.getState');
    expect(state).toMatchObject({
      kind: 'none',
      organization: null,
      space: null,
      connection: { state: 'offline' },
    });
    for (const channel of ['organizations.list', 'spaces.list', 'agents.list']) {
      expect((await failure(channel)).code).toBe('not_signed_in');
    }
    expect((await failure('organizations.select', { domainHandle: 'x' })).code).toBe('not_signed_in');
  });

  it('opens the demo, lists and switches organizations, lists and selects spaces, lists agents', async () => {
    const opened = await call<WorkspaceState>('workspace.openDemo');
    const sandbox = services.workspace.demoSandbox()!;
    expect(sandbox).not.toBeNull();
    expect(opened.kind).toBe('demo');
    expect(opened.organization?.domainHandle).toBe(sandbox.credentials.orgHandle);
    expect(opened.space?.token).toBe(sandbox.credentials.spaceToken);
    expect(opened.connection.state).toBe('online');
    expect(eventsNamed('workspace.changed').at(-1)).toEqual(opened);
    expect(eventsNamed('connection.changed')).toEqual([
      { state: 'online', lastOnlineAt: expect.any(String) },
    ]);
    // Opening again while open changes nothing.
    expect(await call<WorkspaceState>('workspace.openDemo')).toEqual(await call('workspace.getState'));

    const orgs = await call<Organization[]>('organizations.list');
    expect(orgs.length).toBeGreaterThan(1);
    expect(orgs.map((o) => o.domainHandle)).toContain(sandbox.credentials.orgHandle);
    // View models only: no platform tokens of any kind.
    for (const org of orgs) expect(Object.keys(org).sort()).toEqual(['domainHandle', 'name', 'role']);

    const firstSpaces = await call<Space[]>('spaces.list');
    expect(firstSpaces.map((s) => s.token)).toContain(sandbox.credentials.spaceToken);
    const firstAgents = await call<{ handle: string }[]>('agents.list');
    expect(firstAgents.map((a) => a.handle)).toContain(sandbox.credentials.agentHandle);

    // Switching the organization changes the Org-Handle the client sends and clears the space.
    const other = orgs.find((o) => o.domainHandle !== sandbox.credentials.orgHandle)!;
    emitted = [];
    const switched = await call<WorkspaceState>('organizations.select', { domainHandle: other.domainHandle });
    expect(switched.organization).toEqual(other);
    expect(switched.space).toBeNull();
    expect(eventsNamed('workspace.changed')).toEqual([switched]);

    const otherSpaces = await call<Space[]>('spaces.list');
    expect(otherSpaces.length).toBeGreaterThan(0);
    expect(otherSpaces.map((s) => s.token)).not.toContain(sandbox.credentials.spaceToken);
    const otherAgents = await call<{ handle: string }[]>('agents.list');
    expect(otherAgents.map((a) => a.handle)).not.toEqual(firstAgents.map((a) => a.handle));

    const chosen = otherSpaces[0]!;
    const selected = await call<WorkspaceState>('spaces.select', { token: chosen.token });
    expect(selected.space).toEqual(chosen);
    expect(selected.organization).toEqual(other);

    // A space of the other organization is not in this one.
    const wrongSpace = await failure('spaces.select', { token: sandbox.credentials.spaceToken });
    expect(wrongSpace.code).toBe('not_found');
    expect(wrongSpace.message).toContain(other.name);
    const wrongOrg = await failure('organizations.select', { domainHandle: 'no-such-org' });
    expect(wrongOrg.code).toBe('not_found');
    expect((await call<WorkspaceState>('workspace.getState')).space).toEqual(chosen);
  });

  it('a server error on the agent list arrives as a readable `server` error, and the app recovers', async () => {
    await call('workspace.openDemo');
    const sandbox = services.workspace.demoSandbox()!;
    sandbox.faults.add({ kind: 'server_error', status: 503, method: 'GET', path: '/platform/agents/' });
    const error = await failure('agents.list');
    expect(error.code).toBe('server');
    expect(error.message).toContain('503');
    expect(error.message).not.toMatch(/at \w+ \(|node:|\.ts:/); // no stack trace
    // The server answered, so the app is still online.
    expect((await call<WorkspaceState>('workspace.getState')).connection.state).toBe('online');

    sandbox.faults.clear();
    expect((await call<unknown[]>('agents.list')).length).toBeGreaterThan(0);
  });

  it('a broken connection makes the workspace offline, and the next success online again', async () => {
    await call('workspace.openDemo');
    const sandbox = services.workspace.demoSandbox()!;
    emitted = [];
    sandbox.faults.add({ kind: 'reset', path: '/platform/agents/' });
    const error = await failure('agents.list');
    expect(error.code).toBe('network');
    expect(eventsNamed('connection.changed')).toEqual([
      { state: 'offline', lastOnlineAt: expect.any(String), message: error.message },
    ]);
    expect((await call<WorkspaceState>('workspace.getState')).connection.state).toBe('offline');

    sandbox.faults.clear();
    await call('agents.list');
    expect(eventsNamed('connection.changed').at(-1)).toEqual({
      state: 'online',
      lastOnlineAt: expect.any(String),
    });
  });

  it('close stops the sandbox and returns to the welcome state', async () => {
    await call('workspace.openDemo');
    const { baseUrl } = services.workspace.demoSandbox()!;
    const closed = await call<WorkspaceState>('workspace.close');
    expect(closed).toMatchObject({ kind: 'none', organization: null, space: null });
    expect(eventsNamed('workspace.changed').at(-1)).toEqual(closed);
    expect(services.workspace.demoSandbox()).toBeNull();
    await expect(fetch(`${baseUrl}/api/v2/platform/organizations/`)).rejects.toThrow();
    expect((await failure('agents.list')).code).toBe('not_signed_in');
  });
});
