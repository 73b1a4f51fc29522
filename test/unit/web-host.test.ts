// The web host's HTTP layer with a real server on 127.0.0.1 and a router over stub handlers
// (the services are exercised in test/integration/web-host.test.ts).
import { request as httpRequest } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../src-main/ipc/router.ts';
import type { WorkspaceState } from '../../src-main/ipc/contract.ts';
import { createEventHub } from '../../src-main/web/event-hub.ts';
import { checkRequest, parseCookies, secretCookieName } from '../../src-main/web/guards.ts';
import { startWebServer, type WebServer } from '../../src-main/web/server.ts';
import { resolveStaticPath } from '../../src-main/host-shared/static-files.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, because fetch does not let a test forge the Host header. */
function raw(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

interface EventStreamResult {
  status: number;
  contentType: string | undefined;
  text: string;
  /** Why the stream stopped early, if it did. */
  error?: string;
}

/**
 * Opens GET /events and reads it until `until` arrives, then closes it. Always resolves (with
 * what had arrived and why it stopped), so a missing event fails an assertion, not the runner.
 */
function openEventStream(
  port: number,
  headers: Record<string, string>,
  until: string,
): { result: Promise<EventStreamResult>; close(): void } {
  const state: EventStreamResult = { status: 0, contentType: undefined, text: '' };
  let finish: (result: EventStreamResult) => void = () => {};
  const result = new Promise<EventStreamResult>((resolve) => (finish = resolve));
  const req = httpRequest(
    {
      host: '127.0.0.1',
      port,
      path: '/events',
      headers: { host: `127.0.0.1:${port}`, ...headers },
    },
    (res) => {
      state.status = res.statusCode ?? 0;
      state.contentType = res.headers['content-type'];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        state.text += chunk;
        if (state.text.includes(until)) {
          req.destroy();
          finish(state);
        }
      });
      res.on('end', () => finish({ ...state, error: 'the stream ended' }));
      res.on('error', (error) => finish({ ...state, error: error.message }));
    },
  );
  req.on('error', (error) => finish({ ...state, error: error.message }));
  req.on('close', () => finish({ ...state, error: state.error ?? 'the stream closed' }));
  req.end();
  return { result, close: () => req.destroy() };
}

const none: WorkspaceState = {
  kind: 'none',
  profileId: null,
  profileName: null,
  organization: null,
  space: null,
  connection: { state: 'offline', lastOnlineAt: null },
  lastPage: null,
  agentNames: [],
};

describe('web host guards (pure)', () => {
  const expected = { port: 4000, secret: 's3cret' };
  const ok = {
    host: '127.0.0.1:4000',
    origin: undefined,
    cookie: `${secretCookieName(4000)}=s3cret`,
    secretHeader: undefined,
  };

  it('accepts our host with the secret cookie or header', () => {
    expect(checkRequest(ok, expected)).toEqual({ ok: true });
    expect(checkRequest({ ...ok, cookie: undefined, secretHeader: 's3cret' }, expected)).toEqual({
      ok: true,
    });
    expect(checkRequest({ ...ok, origin: 'http://127.0.0.1:4000' }, expected)).toEqual({ ok: true });
  });

  it('403 for a foreign Host or Origin, even with the secret (DNS rebinding, cross-site pages)', () => {
    for (const host of ['localhost:4000', 'evil.example:4000', '127.0.0.1:4001', '127.0.0.1', undefined]) {
      expect(checkRequest({ ...ok, host }, expected)).toMatchObject({ ok: false, status: 403 });
    }
    for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1:4001', 'https://127.0.0.1:4000']) {
      expect(checkRequest({ ...ok, origin }, expected)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('401 without the right secret, and a cookie for another port does not count', () => {
    expect(checkRequest({ ...ok, cookie: undefined }, expected)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest({ ...ok, cookie: `${secretCookieName(4000)}=wrong` }, expected)).toMatchObject({
      status: 401,
    });
    expect(checkRequest({ ...ok, cookie: `${secretCookieName(4001)}=s3cret` }, expected)).toMatchObject({
      status: 401,
    });
    expect(checkRequest({ ...ok, cookie: undefined, secretHeader: 's3cre' }, expected)).toMatchObject({
      status: 401,
    });
  });

  it('parses cookie headers', () => {
    expect(parseCookies('a=1; b = 2;c=x=y')).toEqual(
      new Map([
        ['a', '1'],
        ['b', '2'],
        ['c', 'x=y'],
      ]),
    );
    expect(parseCookies(undefined).size).toBe(0);
  });

  it('static paths cannot leave the renderer folder', () => {
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app/index.html');
    expect(resolveStaticPath('/srv/app', '/assets/a.js')).toBe('/srv/app/assets/a.js');
    for (const path of [
      '/../secret',
      '/assets/../../secret',
      '/%2e%2e/secret',
      '/..%2fsecret',
      '/a%00b',
      '/%E0%A4%A',
      '/..\\x',
    ]) {
      expect(resolveStaticPath('/srv/app', path)).toBeNull();
    }
  });
});

describe('web host server', () => {
  let dir: string;
  let server: WebServer;
  const hub = createEventHub();
  const secretHeader = () => ({ 'x-unpod-secret': server.secret });
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unpod-web-unit-'));
    await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Unpod Desk</title>');
    await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'renderer', 'assets', 'index-Bi2q_r3Y.js'), 'console.log(2)');
    await writeFile(join(dir, 'outside.txt'), 'do not serve');
    const handlers = {
      'workspace.getState': () => none,
      'spaces.select': ({ token }: { token: string }) => ({ ...none, profileName: token }),
    } as unknown as Handlers;
    server = await startWebServer({
      port: 0,
      rendererDir: join(dir, 'renderer'),
      router: createRouter(handlers, { validateOutput: true }),
      events: hub,
      heartbeatMs: 50,
    });
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and prints a URL carrying the secret', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?secret=${server.secret}`);
    expect(server.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('401 for pages, IPC and events without the secret', async () => {
    expect((await raw(server.port, { path: '/' })).status).toBe(401);
    expect((await raw(server.port, { path: '/assets/app.js' })).status).toBe(401);
    expect((await raw(server.port, { path: '/events' })).status).toBe(401);
    const ipc = await raw(server.port, {
      method: 'POST',
      path: '/ipc/workspace.getState',
      headers: json,
      body: '{}',
    });
    expect(ipc.status).toBe(401);
    expect(ipc.body).not.toContain('"ok"');
  });

  it('trades ?secret= for an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const res = await raw(server.port, { path: `/?secret=${server.secret}` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = (res.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cookie).toContain(`${secretCookieName(server.port)}=${server.secret}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const page = await raw(server.port, { path: '/', headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Unpod Desk</title>');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('401 for a wrong ?secret=', async () => {
    const res = await raw(server.port, { path: '/?secret=guess' });
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('403 for a foreign Host or Origin, before the secret is even looked at', async () => {
    const foreignHost = await raw(server.port, {
      path: `/?secret=${server.secret}`,
      headers: { host: `evil.example:${server.port}` },
    });
    expect(foreignHost.status).toBe(403);
    expect(foreignHost.headers['set-cookie']).toBeUndefined();
    const foreignOrigin = await raw(server.port, {
      method: 'POST',
      path: '/ipc/workspace.getState',
      headers: { ...secretHeader(), ...json, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreignOrigin.status).toBe(403);
  });

  it('serves files, falls back to index.html for app paths, and 404s for missing assets and escapes', async () => {
    expect(
      (await raw(server.port, { path: '/assets/app.js', headers: secretHeader() })).headers['content-type'],
    ).toMatch(/^text\/javascript/);
    expect((await raw(server.port, { path: '/agents/list', headers: secretHeader() })).body).toContain(
      'Unpod Desk',
    );
    expect((await raw(server.port, { path: '/assets/missing.js', headers: secretHeader() })).status).toBe(
      404,
    );
    const escape = await raw(server.port, { path: '/..%2foutside.txt', headers: secretHeader() });
    expect(escape.status).toBe(404);
    expect(escape.body).not.toContain('do not serve');
  });

  it('lets the browser keep hashed assets for good and revalidates the page with its ETag', async () => {
    const asset = await raw(server.port, { path: '/assets/index-Bi2q_r3Y.js', headers: secretHeader() });
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('private, max-age=31536000, immutable');

    const unhashed = await raw(server.port, { path: '/assets/app.js', headers: secretHeader() });
    expect(unhashed.headers['cache-control']).toBe('no-cache');

    const page = await raw(server.port, { path: '/', headers: secretHeader() });
    expect(page.headers['cache-control']).toBe('no-cache');
    const etag = String(page.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await raw(server.port, {
      path: '/',
      headers: { ...secretHeader(), 'if-none-match': `W/"other", ${etag}` },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);

    // A rebuilt page gets a new ETag, so the browser downloads it again.
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Unpod Desk 2</title>');
    try {
      const rebuilt = await raw(server.port, {
        path: '/',
        headers: { ...secretHeader(), 'if-none-match': etag },
      });
      expect(rebuilt.status).toBe(200);
      expect(rebuilt.body).toContain('Unpod Desk 2');
      expect(rebuilt.headers.etag).not.toBe(etag);
    } finally {
      await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Unpod Desk</title>');
    }
  });

  it('IPC: a valid call returns the router result', async () => {
    const res = await raw(server.port, {
      method: 'POST',
      path: '/ipc/spaces.select',
      headers: { ...secretHeader(), ...json, origin: server.origin },
      body: JSON.stringify({ token: 'sp-1' }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, data: { ...none, profileName: 'sp-1' } });
  });

  it('IPC: invalid payloads, bad JSON and unknown channels are IpcResult errors', async () => {
    const call = (path: string, body: string) =>
      raw(server.port, { method: 'POST', path, headers: { ...secretHeader(), ...json }, body }).then(
        (r) => JSON.parse(r.body) as { ok: boolean; error?: { code: string; message: string } },
      );
    const invalid = await call('/ipc/spaces.select', JSON.stringify({ token: 5 }));
    expect(invalid.error?.code).toBe('invalid_input');
    expect(invalid.error?.message).toContain('token');
    expect((await call('/ipc/spaces.select', '{not json')).error?.code).toBe('invalid_input');
    expect((await call('/ipc/tasks.dropTable', '{}')).error?.code).toBe('unknown_channel');
    expect((await call('/ipc/%E0%A4%A', '{}')).error?.code).toBe('unknown_channel');
    expect((await call('/ipc/workspace.getState', '')).ok).toBe(true);
  });

  it('IPC: only JSON POSTs', async () => {
    expect(
      (await raw(server.port, { path: '/ipc/workspace.getState', headers: secretHeader() })).status,
    ).toBe(405);
    const form = await raw(server.port, {
      method: 'POST',
      path: '/ipc/workspace.getState',
      headers: { ...secretHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const huge = await raw(server.port, {
      method: 'POST',
      path: '/ipc/spaces.select',
      headers: { ...secretHeader(), ...json },
      body: JSON.stringify({ token: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
  });

  it('SSE delivers emitted events to every open stream', async () => {
    const event =
      'event: connection.changed\ndata: {"state":"online","lastOnlineAt":"2026-01-01T00:00:00.000Z"}\n\n';
    const before = hub.size;
    const streams = [
      openEventStream(server.port, secretHeader(), event),
      openEventStream(server.port, secretHeader(), event),
    ];
    // Emit once, when both streams are attached; give up after a few seconds (the streams are
    // then closed, and the assertions below say what was missing).
    let attached = 0;
    const deadline = Date.now() + 5_000;
    const poll = setInterval(() => {
      if (hub.size >= before + 2) {
        clearInterval(poll);
        attached = hub.size - before;
        hub.emit('connection.changed', { state: 'online', lastOnlineAt: '2026-01-01T00:00:00.000Z' });
      } else if (Date.now() > deadline) {
        clearInterval(poll);
        for (const stream of streams) stream.close();
      }
    }, 10);
    try {
      const results = await Promise.all(streams.map((stream) => stream.result));
      expect(attached, 'streams attached to the hub when the event was emitted').toBe(2);
      for (const result of results) {
        expect(result.status).toBe(200);
        expect(result.contentType).toMatch(/^text\/event-stream/);
        expect(result.text).toContain(event);
      }
    } finally {
      clearInterval(poll);
      for (const stream of streams) stream.close();
    }
  });
});
