// The web host as users start it: `node src-main/web/cli.ts`, a real process with the real
// services and the in-process demo sandbox, driven over HTTP like the browser bridge does.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedRecording } from '../../src-main/ipc/contract-recordings.ts';
import type {
  IpcResult,
  Organization,
  SyncStatus,
  TaskPage,
  WorkspaceState,
} from '../../src-main/ipc/contract.ts';
import { SEARCH_MAX_LENGTH } from '../../src-main/shared/search-limits.ts';

const repo = resolve(import.meta.dirname, '../..');
const cli = join(repo, 'src-main/web/cli.ts');
const builtRenderer = join(repo, 'out/renderer');

interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  origin: string;
  port: number;
  secret: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts the CLI with its output collected as it arrives. */
function spawnCli(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: repo,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return { child, stdout: () => stdout, stderr: () => stderr };
}

function startCli(args: string[]): Promise<Running> {
  const { child, stdout, stderr } = spawnCli(args);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "web:" line within 20 s; stderr: ${stderr()}`)),
      20_000,
    );
    const check = () => {
      const match = /^web: (http:\/\/127\.0\.0\.1:(\d+))\/\?secret=([A-Za-z0-9_-]+)\n/.exec(stdout());
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolvePromise({
          child,
          url: match[0].slice('web: '.length).trim(),
          origin: match[1]!,
          port: Number(match[2]),
          secret: match[3]!,
          stdout,
          stderr,
          exited,
        });
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening; stderr: ${stderr()}`));
    });
  });
}

/** Runs the CLI to completion (for the failure cases). */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child, stdout, stderr } = spawnCli(args);
  return new Promise((done) => {
    child.on('exit', (code) => done({ code, stdout: stdout(), stderr: stderr() }));
  });
}

let tmp: string;
let rendererDir: string;
let host: Running;
let cookie: string;

async function ipc<T>(channel: string, input: unknown = {}): Promise<IpcResult<T>> {
  const res = await fetch(`${host.origin}/ipc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: host.origin },
    body: JSON.stringify(input),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as IpcResult<T>;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'unpod-web-host-'));
  // The real build when `npm run build` has run (npm test does); otherwise a stand-in page, since
  // nothing below depends on the renderer's content.
  rendererDir = builtRenderer;
  if (!existsSync(join(builtRenderer, 'index.html'))) {
    rendererDir = join(tmp, 'renderer');
    await mkdir(rendererDir, { recursive: true });
    await writeFile(
      join(rendererDir, 'index.html'),
      '<!doctype html><title>Unpod Desk</title><div id="root"></div>',
    );
  }
  host = await startCli([
    '--port',
    '0',
    '--data-dir',
    join(tmp, 'data'),
    '--demo',
    '--renderer-dir',
    rendererDir,
  ]);
});

afterAll(async () => {
  if (host && host.child.exitCode === null) {
    host.child.kill('SIGTERM');
    await host.exited;
  }
  await rm(tmp, { recursive: true, force: true });
});

describe('web host CLI', () => {
  it('prints one `web:` line with a free port and a long secret, and creates the data folder', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.secret.length).toBeGreaterThanOrEqual(32);
    expect(host.stdout()).toBe(`web: ${host.url}\n`);
    expect(existsSync(join(tmp, 'data'))).toBe(true);
  });

  it('401 without the secret, for the page and for IPC', async () => {
    expect((await fetch(`${host.origin}/`)).status).toBe(401);
    const res = await fetch(`${host.origin}/ipc/workspace.getState`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('the printed URL sets the cookie, redirects to /, and the page is served', async () => {
    const res = await fetch(host.url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    cookie = setCookie.split(';')[0]!;
    const page = await fetch(`${host.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
  });

  it('403 for a foreign Host (DNS rebinding) or Origin, even with the cookie', async () => {
    const status = await new Promise<number>((done, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/',
          headers: { host: `rebound.example:${host.port}`, cookie },
        },
        (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    const res = await fetch(`${host.origin}/ipc/workspace.getState`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: 'https://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('--demo opened the demo workspace; IPC calls reach the services', async () => {
    const state = await ipc<WorkspaceState>('workspace.getState');
    expect(state).toMatchObject({ ok: true, data: { kind: 'demo', connection: { state: 'online' } } });
    const agents = await ipc<{ name: string }[]>('agents.list');
    expect(agents.ok && agents.data.length).toBeGreaterThan(0);
    const info = await ipc('app.getInfo');
    expect(info).toMatchObject({ ok: true, data: { host: 'web' } });
  });

  it('an invalid payload is invalid_input naming the field; an unknown channel is unknown_channel', async () => {
    const invalid = await ipc('spaces.select', { token: 42 });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) {
      expect(invalid.error.code).toBe('invalid_input');
      expect(invalid.error.message).toContain('token');
    }
    expect(await ipc('tasks.wipe')).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('a search over the length limit is refused as invalid_input; one at the limit is read', async () => {
    const state = await ipc<WorkspaceState>('workspace.getState');
    const token = state.ok ? state.data.space?.token : undefined;
    expect(token).toBeTruthy();
    const query = (search: string) =>
      ipc<TaskPage>('tasks.query', {
        scope: { kind: 'space', spaceToken: token },
        filters: { search },
        limit: 1,
      });
    const tooLong = await query('word '.repeat(120));
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!tooLong.ok) {
      expect(tooLong.error.message).toContain(
        `filters.search: A search can be at most ${SEARCH_MAX_LENGTH} characters long.`,
      );
    }
    const atLimit = await query('x'.repeat(SEARCH_MAX_LENGTH));
    expect(atLimit).toMatchObject({ ok: true, data: { search: 'words', total: 0 } });
    expect(await query('%% _ *')).toMatchObject({ ok: true, data: { search: 'no_words' } });
  });

  it('serves a played recording from the cache with byte ranges, behind the same guards', async () => {
    const state = await ipc<WorkspaceState>('workspace.getState');
    const scope = { kind: 'space', spaceToken: state.ok ? state.data.space?.token : undefined };
    await ipc('sync.start', { scope });
    for (let i = 0; i < 400; i++) {
      const status = await ipc<SyncStatus>('sync.status', { scope });
      if (status.ok && status.data.phase !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const page = await ipc<TaskPage>('tasks.query', { scope, limit: 50 });
    const row = page.ok ? page.data.rows.find((r) => r.hasRecording) : undefined;
    expect(row).toBeDefined();
    const opened = await ipc<OpenedRecording>('recordings.open', { taskId: row!.id });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.data.url).toBe(`/media/recordings/${row!.id}`);
    const url = `${host.origin}${opened.data.url}`;

    const part = await fetch(url, { headers: { cookie, Range: 'bytes=100-' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(
      `bytes 100-${opened.data.bytes! - 1}/${opened.data.bytes}`,
    );
    expect(part.headers.get('content-type')).toBe(opened.data.contentType);
    expect((await part.arrayBuffer()).byteLength).toBe(opened.data.bytes! - 100);
    const head = await fetch(url, { method: 'HEAD', headers: { cookie } });
    expect(head.headers.get('content-length')).toBe(String(opened.data.bytes));
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    expect((await fetch(url, { headers: { cookie, Range: `bytes=${opened.data.bytes}-` } })).status).toBe(
      416,
    );

    // The same guards as every other request: the secret, our Host and Origin.
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { cookie, origin: 'http://evil.example' } })).status).toBe(403);
    // A recording that is not in the cache is not fetched for the page: 404, "Not available offline".
    const other = page.ok ? page.data.rows.find((r) => r.hasRecording && r.id !== row!.id) : undefined;
    const missing = await fetch(`${host.origin}/media/recordings/${other!.id}`, { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/^Not available offline/);
    expect(
      (await fetch(`${host.origin}/media/recordings/..%2F..%2Fsecret`, { headers: { cookie } })).status,
    ).toBe(404);

    // "Save recording as…": the web host answers with a download of the cached file.
    const save = await ipc<{ kind: string; url: string; filename: string }>('recordings.saveAs', {
      taskId: row!.id,
    });
    if (!save.ok) throw new Error(save.error.message);
    expect(save.data.kind).toBe('download');
    const file = await fetch(`${host.origin}${save.data.url}`, { headers: { cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="${save.data.filename}"`),
    );
    expect((await file.arrayBuffer()).byteLength).toBe(opened.data.bytes);
  });

  it('SSE delivers workspace.changed when the organization is switched', async () => {
    const orgs = await ipc<Organization[]>('organizations.list');
    if (!orgs.ok) throw new Error(orgs.error.message);
    const current = await ipc<WorkspaceState>('workspace.getState');
    const target = orgs.data.find(
      (o) => current.ok && o.domainHandle !== current.data.organization?.domainHandle,
    )!;

    const controller = new AbortController();
    const res = await fetch(`${host.origin}/events`, { headers: { cookie }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    await reader.read(); // the stream's opening `retry:` line: it is attached now

    const selected = await ipc<WorkspaceState>('organizations.select', { domainHandle: target.domainHandle });
    expect(selected.ok).toBe(true);
    while (!text.includes('event: workspace.changed\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    controller.abort();
    const block = text.slice(text.indexOf('event: workspace.changed\n')).split('\n\n')[0]!;
    const payload = JSON.parse(block.split('\ndata: ')[1]!) as WorkspaceState;
    expect(payload.organization).toEqual(target);
    expect(payload.space).toBeNull();
  });

  it('refuses a port that is taken, bad arguments, and a missing build', async () => {
    const taken = await runCli([
      '--port',
      String(host.port),
      '--data-dir',
      join(tmp, 'd2'),
      '--renderer-dir',
      rendererDir,
    ]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('in use');
    expect(taken.stdout).toBe('');

    const bad = await runCli(['--port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage');

    const empty = join(tmp, 'no-build');
    await mkdir(empty, { recursive: true });
    const missing = await runCli(['--renderer-dir', empty, '--data-dir', join(tmp, 'd3')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('run npm run build first');
    expect(missing.stdout).toBe('');
  });

  it('stops cleanly on SIGTERM, having printed nothing else to stdout', async () => {
    host.child.kill('SIGTERM');
    expect(await host.exited).toBe(0);
    expect(host.stdout()).toBe(`web: ${host.url}\n`);
    await expect(fetch(`${host.origin}/`)).rejects.toThrow();
  });
});
