// The unpod-desk:// scheme that serves the built renderer in the Electron app, driven through a
// real fetch Request. Electron's protocol module is the one stand-in: its handle() is stubbed to
// capture the handler that serveRenderer registers, which is then called like Electron would.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

type SchemeHandler = (request: Request) => Promise<Response>;
const electron = vi.hoisted(() => ({
  handlers: new Map<string, SchemeHandler>(),
  privileged: [] as unknown[],
  registerCalls: 0,
}));
vi.mock('electron', () => ({
  protocol: {
    handle: (scheme: string, handler: SchemeHandler) => electron.handlers.set(scheme, handler),
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      electron.registerCalls++;
      electron.privileged.push(...schemes);
    },
  },
}));

const { registerAppScheme, serveRenderer } = await import('../../src-main/electron/app-scheme.ts');

const CSP = "default-src 'self'; object-src 'none'";
const INDEX = '<!doctype html><title>Unpod Desk</title>';
const SECRET = 'outside the renderer folder';

let dir: string;
let handler: SchemeHandler;
const request = (path: string, init?: RequestInit) => handler(new Request(`unpod-desk://app${path}`, init));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unpod-app-scheme-'));
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), INDEX);
  await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'renderer', 'assets', 'app.css'), 'body{}');
  // Beside the renderer folder, and in a folder whose name starts like it.
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await mkdir(join(dir, 'renderer-private'));
  await writeFile(join(dir, 'renderer-private', 'secret.txt'), SECRET);

  serveRenderer(join(dir, 'renderer'), CSP);
  const registered = electron.handlers.get('unpod-desk');
  if (!registered) throw new Error('serveRenderer registered no handler for unpod-desk:');
  handler = registered;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the unpod-desk:// scheme', () => {
  it('is registered as a standard, secure scheme that fetch may use, with the code cache, and nothing more', () => {
    registerAppScheme();
    // One call for every privileged scheme (a later call would replace an earlier one): the app
    // scheme, and the recordings scheme, which also streams (seeking in <audio>) and, like the
    // app scheme, does not bypass the CSP.
    expect(electron.registerCalls).toBe(1);
    expect(electron.privileged).toEqual([
      {
        scheme: 'unpod-desk',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
      {
        scheme: 'unpod-media',
        privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
      },
    ]);
  });

  it('answers GET with the file and the security headers', async () => {
    const response = await request('/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('names each asset type so nosniff does not block it', async () => {
    const script = await request('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const style = await request('/assets/app.css');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(style.headers.get('content-security-policy')).toBe(CSP);
  });

  it('serves the page for the root and for app paths without a file (a reload on any page)', async () => {
    for (const path of ['/', '/tasks', '/settings/profiles']) {
      const response = await request(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toBe(INDEX);
      expect(response.headers.get('content-security-policy'), path).toBe(CSP);
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await request('/index.html', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('');
  });

  it('refuses every other method with 405 and without the file', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const response = await request('/index.html', {
        method,
        ...(method === 'OPTIONS' ? {} : { body: 'x' }),
      });
      expect(response.status, method).toBe(405);
      expect(await response.text(), method).not.toContain('Unpod Desk');
    }
  });

  it('serves nothing for another host of the scheme', async () => {
    for (const url of [
      'unpod-desk://evil/index.html',
      'unpod-desk://app.evil/index.html',
      'unpod-desk://APP2/',
    ]) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('Unpod Desk');
    }
  });

  it('never reads outside the renderer folder, however the path is spelled', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/..%2frenderer-private/secret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/index.html%00.txt',
      '/%E0%A4%A',
      `/${encodeURIComponent(join(dir, 'secret.txt'))}`,
    ]) {
      const response = await request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain(SECRET);
    }
  });
});
