// Shared set-up of the sync and offline tests: the app services (as both hosts create them)
// with a signed-in session against an in-process sandbox over real HTTP, driven through the
// router, with every emitted event recorded.
import { afterEach, expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type {
  EventName,
  ExportStarted,
  EventPayload,
  IpcError,
  IpcResult,
  SyncStatus,
  TaskPage,
  TaskScope,
  WorkspaceState,
} from '../../src-main/ipc/contract.ts';
import { createRouter, type Router } from '../../src-main/ipc/router.ts';
import { createLogger } from '../../src-main/log/index.ts';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import {
  createAppServices,
  type AppServices,
  type AppServicesOptions,
} from '../../src-main/services/app-services.ts';
import { createSessionStore, type SecretStore } from '../../src-main/services/secrets/index.ts';
import type { SyncTiming } from '../../src-main/services/tasks/index.ts';
import { createUnpodClient, type Task, type UnpodClient } from '../../src-main/unpod/index.ts';

export type Emitted = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

/** The app services on one data folder, as a host starts them, driven through the router. */
export interface TestApp {
  services: AppServices;
  router: Router;
  emitted: Emitted[];
  unexpected: unknown[];
  /** What the app logged (JSON lines), for failure messages. */
  logs: string[];
  call<T = unknown>(channel: string, input?: unknown): Promise<T>;
  failure(channel: string, input?: unknown): Promise<IpcError>;
  eventsNamed<E extends EventName>(name: E): EventPayload<E>[];
  close(): Promise<void>;
}

export interface Harness extends TestApp {
  dataDir: string;
  /** The profile's own folder (where its cache file lives). */
  profileDir: string;
}

/** Quick re-polls and probes, so the tests see in seconds what takes minutes in the app. */
export const FAST_TIMING: Partial<SyncTiming> = {
  staleAfterMs: 60_000,
  repollMinMs: 100,
  repollMaxMs: 400,
  probeMinMs: 100,
  probeMaxMs: 400,
  eventIntervalMs: 50,
  integrityCheckDelayMs: 0,
};

/** A client with short retries, so a stopped server is noticed in well under a second. */
export function fastClient(sandbox: Sandbox): UnpodClient {
  return createUnpodClient({
    baseUrl: sandbox.baseUrl,
    token: sandbox.credentials.token,
    timeoutMs: 3_000,
    retry: { limit: 1, baseDelayMs: 10, maxDelayMs: 20 },
  });
}

/** Starts the app services on `dataDir` with fast sync timing; `close()` is safe to call twice. */
export function startTestApp(
  dataDir: string,
  options: {
    auth?: AppServicesOptions['auth'];
    timing?: Partial<SyncTiming>;
    chooseExportFile?: AppServicesOptions['saveFile'];
  } = {},
): TestApp {
  const emitted: Emitted[] = [];
  const unexpected: unknown[] = [];
  const logs: string[] = [];
  const services = createAppServices({
    dataDir,
    emit: (event, payload) => emitted.push({ event, payload } as Emitted),
    host: 'web',
    version: '0.0.0-test',
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.chooseExportFile ? { saveFile: options.chooseExportFile } : {}),
    syncTiming: { ...FAST_TIMING, ...options.timing },
    logger: createLogger({ level: 'debug', stderr: false, sink: (line) => logs.push(line) }),
  });
  const router = createRouter(services.handlers, {
    validateOutput: true,
    onUnexpectedError: (_channel, error) => unexpected.push(error),
  });
  let closed = false;
  return {
    services,
    router,
    emitted,
    unexpected,
    logs,
    async call<T>(channel: string, input: unknown = {}) {
      const result = (await router.dispatch(channel, input)) as IpcResult<T>;
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
      return result.data;
    },
    async failure(channel: string, input: unknown = {}) {
      const result = await router.dispatch(channel, input);
      if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
      return result.error;
    },
    eventsNamed<E extends EventName>(name: E) {
      return emitted
        .filter((e): e is Extract<Emitted, { event: E }> => e.event === name)
        .map((e) => e.payload as EventPayload<E>);
    },
    async close() {
      if (closed) return;
      closed = true;
      await services.close();
    },
  };
}

export async function createHarness(
  sandbox: Sandbox,
  options: {
    dataDir?: string;
    timing?: Partial<SyncTiming>;
    chooseExportFile?: AppServicesOptions['saveFile'];
  } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'unpod-sync-')));
  const profileDir = join(dataDir, 'profiles', 'p1');
  const app = startTestApp(dataDir, {
    ...(options.timing ? { timing: options.timing } : {}),
    ...(options.chooseExportFile ? { chooseExportFile: options.chooseExportFile } : {}),
  });
  await app.services.workspace.openSession({
    kind: 'profile',
    profileId: 'p1',
    profileName: 'Sync test',
    dataDir: profileDir,
    client: fastClient(sandbox),
    preferredOrgHandle: sandbox.credentials.orgHandle,
    preferredSpaceToken: sandbox.credentials.spaceToken,
  });
  return { ...app, dataDir, profileDir };
}

/**
 * One run of the app on `dataDir` whose tokens outlive it: `keychain` is the same object across
 * runs, as the OS keychain is. Its client notices a stopped server in well under a second.
 */
export function startAppRun(
  dataDir: string,
  keychain: SecretStore,
  addCleanup: (cleanup: () => Promise<void>) => void,
): TestApp {
  const app = startTestApp(dataDir, {
    auth: {
      keychain,
      session: createSessionStore(),
      clientDefaults: { timeoutMs: 3_000, retry: { limit: 1, baseDelayMs: 10, maxDelayMs: 20 } },
    },
  });
  addCleanup(async () => {
    await app.close();
    expect(app.unexpected).toEqual([]);
  });
  return app;
}

/** A data folder for several runs of the app (removed after the test) and the keychain they share. */
export async function folderForRuns(
  addCleanup: (cleanup: () => Promise<void>) => void,
  prefix: string,
): Promise<{ dataDir: string; keychain: SecretStore }> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  addCleanup(() => removeDir(dataDir));
  return { dataDir, keychain: createSessionStore() };
}

/** Signs `app` in to the sandbox's organization with its token, kept in the keychain. */
export async function signInWithToken(
  app: TestApp,
  sandbox: Sandbox,
  profileName?: string,
): Promise<WorkspaceState> {
  const { token, orgHandle } = sandbox.credentials;
  const pending = await app.call<{ pendingId: string }>('auth.beginSignIn', {
    baseUrl: sandbox.baseUrl,
    token,
    ...(profileName === undefined ? {} : { profileName }),
    storage: 'keychain',
  });
  return app.call<WorkspaceState>('auth.completeSignIn', {
    pendingId: pending.pendingId,
    domainHandle: orgHandle,
  });
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export const spaceScope = (sandbox: Sandbox): TaskScope => ({
  kind: 'space',
  spaceToken: sandbox.credentials.spaceToken,
});

/** Runs a full sync of `scope` through the channels and waits for it to end. */
export async function syncAndWait(h: Harness, scope: TaskScope): Promise<SyncStatus> {
  const started = await h.call<SyncStatus>('sync.start', { scope });
  if (started.phase !== 'running') throw new Error(`sync did not start: ${started.phase}`);
  return h.services.tasks.whenIdle(scope);
}

export const query = (h: Harness, input: Record<string, unknown>) => h.call<TaskPage>('tasks.query', input);

/** Every task of the sandbox's main space, straight from its API (what the cache must match). */
export async function allSpaceTasks(sandbox: Sandbox): Promise<Task[]> {
  const client = createUnpodClient({
    baseUrl: sandbox.baseUrl,
    token: sandbox.credentials.token,
    orgHandle: sandbox.credentials.orgHandle,
  });
  const first = await client.listSpaceTasks(sandbox.credentials.spaceToken, { page: 1, pageSize: 500 });
  const tasks = [...first.tasks];
  for (let page = 2; tasks.length < first.count; page++) {
    const next = await client.listSpaceTasks(sandbox.credentials.spaceToken, { page, pageSize: 500 });
    if (next.tasks.length === 0) break;
    tasks.push(...next.tasks);
  }
  return tasks;
}

/** Polls `check` until it returns true (or fails after `timeoutMs`). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Registers cleanups that run after each test of the calling file, newest first. */
export function cleanupsAfterEach(): (cleanup: () => Promise<void>) => void {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });
  return (cleanup) => void cleanups.push(cleanup);
}

// A sandbox restarted within a test must serve the same data: same seed, same epoch.
const SANDBOX_EPOCH = Date.UTC(2026, 0, 15, 12);

/** Starts sandboxes on a given port (0: a free one) that serve the same data, closed by `addCleanup`. */
export function sandboxStarter(addCleanup: (cleanup: () => Promise<void>) => void) {
  return async (port = 0): Promise<Sandbox> => {
    const sandbox = await startSandbox({ port, epochMs: SANDBOX_EPOCH });
    addCleanup(() => sandbox.close());
    return sandbox;
  };
}

/**
 * tasks.exportCsv as the web host's page does it: the one-time download it answers with, which
 * main streams (here into text rather than an HTTP response; web-host.test.ts covers the HTTP).
 */
export async function exportCsv(
  app: TestApp,
  input: unknown,
): Promise<{ filename: string; csv: string; rows: number }> {
  const started = await app.call<ExportStarted>('tasks.exportCsv', input);
  if (started.kind !== 'download') throw new Error(`the export answered ${started.kind}, not a download`);
  expect(started.url).toBe(`/export/${started.id}`);
  const download = app.services.tasks.takeExportDownload(started.id);
  if (download === null) throw new Error('the export has no download');
  const chunks: string[] = [];
  const sink = new Writable({
    decodeStrings: false,
    write(chunk: unknown, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  await download.write(sink, new AbortController().signal);
  const last = app.eventsNamed('export.progress').findLast((p) => p.id === started.id);
  expect(last?.phase).toBe('done');
  return { filename: started.filename, csv: chunks.join(''), rows: last?.written ?? 0 };
}
