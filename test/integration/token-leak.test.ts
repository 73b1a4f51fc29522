// Proof that an API token never crosses the main-process boundary. The web host CLI runs as users
// start it (a real process, the real Secret Service under test/support/with-keyring.sh), in
// front of the sandbox, and is driven over real HTTP through a full run: failed sign-ins, sign-in,
// browsing organizations, spaces and agents, opening a space's tasks (download into the SQLite
// cache, list, detail), a token replacement, two restarts (the token comes
// back from the keychain), and sign-out with the cache deleted. Everything that leaves main is
// recorded: every IPC response body, every Server-Sent Event, stdout and stderr, the log file, and
// every file in the data folder at several points. No token's bytes may appear in any of it.
//
// Between the web host and the sandbox sits a small proxy that accepts a second, rotated token
// as well (the sandbox knows one valid token), so the replacement is a genuinely different token.
//
//   sh test/support/with-keyring.sh npx vitest run test/integration/token-leak.test.ts
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  IpcResult,
  PendingSignIn,
  Profile,
  ProfileList,
  SyncStatus,
  TaskPage,
  WorkspaceState,
} from '../../src-main/ipc/contract.ts';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import { createKeychainStore } from '../../src-main/services/secrets/index.ts';
import { CACHE_FILE_NAME } from '../../src-main/services/tasks/tasks-service.ts';

const repo = resolve(import.meta.dirname, '../..');
const cli = join(repo, 'src-main/web/cli.ts');

// The app's own keychain entries (service "Unpod Desk"), in the throwaway keyring of with-keyring.sh.
const keychain = createKeychainStore({ timeoutMs: 20_000 });
const keychainState = await keychain.probe();
if (!keychainState.available) {
  console.warn(
    `token-leak.test: skipped, no Secret Service: ${keychainState.reason}\n` +
      '  Run it with: sh test/support/with-keyring.sh npx vitest run test/integration/token-leak.test.ts',
  );
}

/** Everything that left the main process, labelled by where it was seen. */
const recorded: { where: string; bytes: Buffer }[] = [];
const record = (where: string, data: string | Buffer) =>
  recorded.push({ where, bytes: Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8') });

let tmp: string;
let dataDir: string;
let rendererDir: string;
let sandbox: Sandbox;
let proxy: { server: Server; url: string; tokensSeen: Set<string> };
/** The replacement token: accepted by the proxy only. */
const rotatedToken = randomBytes(20).toString('hex');
/** A token no server accepts (a typo, or a key for another server): must not leak either. */
const wrongToken = randomBytes(20).toString('hex');

interface Host {
  origin: string;
  secret: string;
  child: ChildProcessWithoutNullStreams;
  exited: Promise<void>;
  /** Resolves once the event stream has ended and was recorded. */
  eventsRecorded: Promise<void>;
}
let host: Host | null = null;
let hostCount = 0;

/** Forwards to the sandbox; the rotated token travels on as the sandbox's own. */
async function startProxy(target: Sandbox): Promise<typeof proxy> {
  const upstream = new URL(target.baseUrl);
  const tokensSeen = new Set<string>();
  const server = createServer((req, res) => {
    const headers = { ...req.headers, host: upstream.host };
    const auth = headers.authorization;
    if (typeof auth === 'string') {
      const presented = auth.replace(/^Token\s+/i, '');
      tokensSeen.add(presented);
      if (presented === rotatedToken) headers.authorization = `Token ${target.credentials.token}`;
    }
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, tokensSeen };
}

/** Starts the CLI on the data folder; records its stdout, stderr and event stream. */
async function startHost(): Promise<Host> {
  const label = `host#${++hostCount}`;
  const child = spawn(
    process.execPath,
    [cli, '--port', '0', '--data-dir', dataDir, '--renderer-dir', rendererDir],
    { cwd: repo, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((done) =>
    child.on('exit', () => {
      record(`${label} stdout`, stdout);
      record(`${label} stderr`, stderr);
      done();
    }),
  );
  const match = await new Promise<RegExpExecArray>((found, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "web:" line; stderr: ${stderr}`)), 20_000);
    const check = () => {
      const m = /^web: (http:\/\/127\.0\.0\.1:\d+)\/\?secret=([A-Za-z0-9_-]+)\n/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        found(m);
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => fail(new Error(`exited before listening; stderr: ${stderr}`)));
  });
  const origin = match[1]!;
  const secret = match[2]!;

  // The event stream, as the page's EventSource gets it.
  const events = await fetch(`${origin}/events`, { headers: { 'x-unpod-secret': secret } });
  expect(events.status).toBe(200);
  const eventsRecorded = (async () => {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of events.body as unknown as AsyncIterable<Uint8Array>)
        chunks.push(Buffer.from(chunk));
    } catch {
      // the host stopped
    }
    record(`${label} events`, Buffer.concat(chunks));
  })();
  return { origin, secret, child, exited, eventsRecorded };
}

async function stopHost(): Promise<void> {
  if (!host) return;
  host.child.kill('SIGTERM');
  await host.exited;
  await host.eventsRecorded;
  host = null;
}

/** One IPC call over HTTP, exactly as the web bridge makes it; the raw answer is recorded. */
async function ipc<T>(channel: string, input: unknown = {}): Promise<IpcResult<T>> {
  const running = host!;
  const res = await fetch(`${running.origin}/ipc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-unpod-secret': running.secret, origin: running.origin },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  record(`ipc ${channel}`, text);
  expect(res.status).toBe(200);
  return JSON.parse(text) as IpcResult<T>;
}

async function ok<T>(channel: string, input: unknown = {}): Promise<T> {
  const result = await ipc<T>(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** Polls sync.status over IPC, as the page would, until the download has finished. */
async function syncFinished(scope: unknown): Promise<SyncStatus> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await ok<SyncStatus>('sync.status', { scope });
    if (status.phase !== 'running' && status.phase !== 'idle') return status;
    if (Date.now() > deadline) throw new Error(`the sync did not finish: ${JSON.stringify(status)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Every file under the data folder (logs, profiles.json, caches), recorded now. */
async function recordDataDir(moment: string): Promise<string[]> {
  const files = (await readdir(dataDir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  const names: string[] = [];
  for (const file of files) {
    const path = join(file.parentPath, file.name);
    const name = relative(dataDir, path);
    // The cache's worker threads open and close the file on their own schedule (a reopened
    // profile closes the old connection in the background), so SQLite's -shm/-wal files can go
    // between the listing and the read; a file that is gone holds nothing to leak.
    const bytes = await readFile(path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    });
    if (bytes === null) continue;
    names.push(name);
    record(`${moment}: ${name}`, bytes);
  }
  return names;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'unpod-token-leak-'));
  dataDir = join(tmp, 'data');
  // Nothing here depends on the page itself: a stand-in keeps the test independent of the build.
  rendererDir = join(tmp, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Unpod Desk</title>');
  sandbox = await startSandbox({ port: 0 });
  proxy = await startProxy(sandbox);
});

afterAll(async () => {
  await stopHost();
  await new Promise((done) => proxy?.server.close(done));
  await sandbox?.close();
  await rm(tmp, { recursive: true, force: true });
});

it.skipIf(!keychainState.available)(
  'no token appears in any IPC answer, event, log line, output or data file during sign-in, browse, tasks, replace-token and sign-out',
  async () => {
    const token = sandbox.credentials.token;
    host = await startHost();

    // Failed attempts: a wrong token (401) and the sandbox's expired one (403).
    const rejected = await ipc('auth.beginSignIn', {
      baseUrl: proxy.url,
      token: wrongToken,
      profileName: 'Leak test',
      storage: 'keychain',
    });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const expired = await ipc('auth.beginSignIn', {
      baseUrl: proxy.url,
      token: sandbox.credentials.expiredToken,
      storage: 'keychain',
    });
    expect(expired).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A begun and cancelled sign-in (its token sat in main's memory meanwhile).
    const abandoned = await ok<PendingSignIn>('auth.beginSignIn', {
      baseUrl: proxy.url,
      token: `  Token ${token}  `, // pasted with the scheme and blanks
      storage: 'keychain',
    });
    expect(await ok('auth.cancelSignIn', { pendingId: abandoned.pendingId })).toBeNull();

    // Sign in and browse.
    expect(await ok('auth.probeKeychain')).toEqual({ available: true, reason: null, hint: null });
    const pending = await ok<PendingSignIn>('auth.beginSignIn', {
      baseUrl: proxy.url,
      token,
      profileName: 'Leak test',
      storage: 'keychain',
    });
    expect(pending.tokenHint).toBe(`…${token.slice(-4)}`);
    const opened = await ok<WorkspaceState>('auth.completeSignIn', {
      pendingId: pending.pendingId,
      domainHandle: sandbox.credentials.orgHandle,
    });
    expect(opened).toMatchObject({ kind: 'profile', profileName: 'Leak test' });
    const profileId = opened.profileId!;
    expect(await keychain.get(profileId)).toBe(token);

    const orgs = await ok<{ domainHandle: string }[]>('organizations.list');
    expect(orgs.length).toBe(2);
    for (const org of [...orgs].reverse()) {
      await ok('organizations.select', { domainHandle: org.domainHandle });
      const spaces = await ok<{ token: string }[]>('spaces.list');
      if (spaces[0]) await ok('spaces.select', { token: spaces[0].token });
      expect((await ok<unknown[]>('agents.list')).length).toBeGreaterThan(0);
    }
    await ok<ProfileList>('profiles.list');

    // Open the tasks of the sandbox's space: they are downloaded into the profile's SQLite cache,
    // listed from it and one is read in full, so the cache files are among the data files below.
    const { orgHandle, spaceToken } = sandbox.credentials;
    await ok('organizations.select', { domainHandle: orgHandle });
    await ok('spaces.select', { token: spaceToken });
    const scope = { kind: 'space', spaceToken };
    await ok<TaskPage>('tasks.query', { scope, facets: true, limit: 50 });
    await ok<SyncStatus>('sync.start', { scope });
    const synced = await syncFinished(scope);
    expect(synced).toMatchObject({ phase: 'done', error: null });
    const page = await ok<TaskPage>('tasks.query', { scope, facets: true, limit: 50 });
    expect(page.total).toBeGreaterThan(0);
    const detail = await ok<{ status: string }>('tasks.get', { id: page.rows[0]!.id });
    expect(detail.status).toBe('found');

    // The cache as it is while the host runs (WAL mode: recent pages sit in the -wal file).
    const cacheFile = join('profiles', profileId, CACHE_FILE_NAME);
    const afterSignIn = await recordDataDir('after sign-in');
    expect(afterSignIn).toContain(cacheFile);
    expect(afterSignIn).toContain(`${cacheFile}-wal`);
    const cacheBytes = Buffer.concat(
      await Promise.all(
        afterSignIn.filter((name) => name.startsWith(cacheFile)).map((name) => readFile(join(dataDir, name))),
      ),
    );
    // Real content: the cache holds the downloaded tasks, just not the token.
    expect(cacheBytes.includes(page.rows[0]!.id)).toBe(true);
    expect(cacheBytes.includes(token)).toBe(false);

    // Rotate to a different token; the open workspace now uses it.
    const replacedWithWrong = await ipc('profiles.replaceToken', { id: profileId, token: wrongToken });
    expect(replacedWithWrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const replaced = await ok<Profile>('profiles.replaceToken', { id: profileId, token: rotatedToken });
    expect(replaced.tokenHint).toBe(`…${rotatedToken.slice(-4)}`);
    expect(await keychain.get(profileId)).toBe(rotatedToken);
    proxy.tokensSeen.clear();
    await ok('agents.list');
    expect([...proxy.tokensSeen]).toEqual([rotatedToken]);
    await recordDataDir('after replace');

    // Restart: the profile reopens with the rotated token from the keychain.
    await stopHost();
    host = await startHost();
    const restored = await ok<WorkspaceState>('workspace.getState');
    expect(restored).toMatchObject({ kind: 'profile', profileId });
    await ok('spaces.list');
    await ok('agents.list');
    await recordDataDir('after restart');

    // Sign out, deleting the cached data; the keychain entry is gone.
    const out = await ok<{ tokenRemoved: boolean; workspace: WorkspaceState }>('profiles.signOut', {
      id: profileId,
      deleteCachedData: true,
    });
    expect(out).toMatchObject({ tokenRemoved: true, workspace: { kind: 'none' } });
    expect(await keychain.get(profileId)).toBeNull();
    await stopHost();
    host = await startHost();
    expect(await ok<WorkspaceState>('workspace.getState')).toMatchObject({ kind: 'none' });
    const list = await ok<ProfileList>('profiles.list');
    expect(list.profiles.map((p) => [p.id, p.hasToken])).toEqual([[profileId, false]]);
    await stopHost();
    const finalFiles = await recordDataDir('at the end');

    // The recording is real: it holds the run's IPC answers, events and a non-empty log.
    const all = (where: RegExp) =>
      Buffer.concat(recorded.filter((r) => where.test(r.where)).map((r) => r.bytes)).toString('utf8');
    expect(all(/^ipc /)).toContain(sandbox.credentials.orgHandle);
    expect(all(/events$/)).toContain('event: workspace.changed');
    expect(finalFiles).toContain('profiles.json');
    expect(finalFiles).toContain(join('logs', 'web-host.log'));
    expect(all(/web-host\.log$/)).toContain('signed in');
    expect(all(/stderr$/)).toContain('data folder');

    const secrets = { token, rotatedToken, wrongToken };
    const leaks = recorded.flatMap(({ where, bytes }) =>
      Object.entries(secrets)
        .filter(([, secret]) => bytes.includes(secret))
        .map(([name]) => `${name} in ${where}`),
    );
    expect(leaks).toEqual([]);
  },
  120_000,
);
