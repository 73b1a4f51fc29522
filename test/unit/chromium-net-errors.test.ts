// Electron's net.fetch fails with Chromium's "net::ERR_…" errors. Through the real client (ky,
// retries, the error taxonomy) they must read like Node's: the same code (network, timeout,
// outcome_unknown), the same message, GETs retried as before. Electron's net.fetch cannot run
// under vitest, so a fetch that rejects exactly as it does (a plain Error whose message is the
// Chromium code) stands in for it; the pure mapper is also checked on its own.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mapChromiumCode,
  readChromiumNetError,
  withChromiumNetErrors,
} from '../../src-main/unpod/chromium-net-error.ts';
import { createUnpodClient, UnpodError } from '../../src-main/unpod/index.ts';

/** What Electron's net.fetch rejects with. */
const chromiumFailure = (code: string) => new Error(`net::${code}`);

function clientFailingWith(code: string) {
  let attempts = 0;
  const netFetch: typeof fetch = () => {
    attempts++;
    return Promise.reject(chromiumFailure(code));
  };
  const client = createUnpodClient({
    baseUrl: 'https://unpod.example',
    token: 'tok-secret-1234',
    orgHandle: 'acme',
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
    fetch: withChromiumNetErrors(netFetch),
  });
  return { client, attempts: () => attempts };
}

async function failureOf(promise: Promise<unknown>): Promise<UnpodError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UnpodError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const task = { pilot: 'agent-1', documents: [{ name: 'Asha', contact_number: '+14155550100' }], context: '' };

describe('Chromium network failures through the client', () => {
  it('connection refused: network, the same message as Node’s ECONNREFUSED, and the GET is retried', async () => {
    const { client, attempts } = clientFailingWith('ERR_CONNECTION_REFUSED');
    const error = await failureOf(client.listSpaces());
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^Unpod refused the connection while loading/);
    expect(attempts()).toBe(3);
  });

  it('name not resolved: network, "could not be found"', async () => {
    const error = await failureOf(clientFailingWith('ERR_NAME_NOT_RESOLVED').client.listSpaces());
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/server address could not be found/);
  });

  it('a proxy that fails, and TLS inspection without the company certificate, say so', async () => {
    const proxy = await failureOf(clientFailingWith('ERR_PROXY_CONNECTION_FAILED').client.listSpaces());
    expect(proxy.kind).toBe('network');
    expect(proxy.message).toMatch(/proxy server/);
    const cert = await failureOf(clientFailingWith('ERR_CERT_AUTHORITY_INVALID').client.listSpaces());
    expect(cert.kind).toBe('network');
    expect(cert.message).toMatch(/security certificate could not be verified/);
  });

  it('Chromium timing out is a timeout', async () => {
    const error = await failureOf(clientFailingWith('ERR_TIMED_OUT').client.listSpaces());
    expect(error.kind).toBe('timeout');
  });

  it('creating tasks: a failure before sending is network; one after connecting is outcome_unknown, sent once', async () => {
    for (const code of ['ERR_PROXY_CONNECTION_FAILED', 'ERR_CONNECTION_REFUSED', 'ERR_CERT_DATE_INVALID']) {
      const { client, attempts } = clientFailingWith(code);
      const error = await failureOf(client.createTask('space-1', task));
      expect({ code, kind: error.kind }).toEqual({ code, kind: 'network' });
      expect(attempts()).toBe(1);
    }
    const { client, attempts } = clientFailingWith('ERR_CONNECTION_RESET');
    expect((await failureOf(client.createTask('space-1', task))).kind).toBe('outcome_unknown');
    expect(attempts()).toBe(1);
  });

  it('never puts the token in the error', async () => {
    const error = await failureOf(clientFailingWith('ERR_CONNECTION_CLOSED').client.listSpaces());
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(
      'tok-secret-1234',
    );
  });
});

describe('the wrapper around net.fetch', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"hello":"world"}');
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

  it('passes answers through untouched', async () => {
    const response = await withChromiumNetErrors(fetch)(`${origin}/x`);
    expect(await response.json()).toEqual({ hello: 'world' });
  });

  it('lets aborts and other errors through as they are', async () => {
    const aborted = chromiumFailure('ERR_ABORTED');
    await expect(withChromiumNetErrors(() => Promise.reject(aborted))('https://x.example')).rejects.toBe(
      aborted,
    );
    const bug = new RangeError('not a network failure');
    await expect(withChromiumNetErrors(() => Promise.reject(bug))('https://x.example')).rejects.toBe(bug);
  });
});

describe('the Chromium code mapper', () => {
  it.each([
    ['ERR_CONNECTION_REFUSED', 'ECONNREFUSED', 'network'],
    ['ERR_NAME_NOT_RESOLVED', 'ENOTFOUND', 'network'],
    ['ERR_INTERNET_DISCONNECTED', 'ENETUNREACH', 'network'],
    ['ERR_ADDRESS_UNREACHABLE', 'EHOSTUNREACH', 'network'],
    ['ERR_CONNECTION_TIMED_OUT', 'UND_ERR_CONNECT_TIMEOUT', 'network'],
    ['ERR_CONNECTION_RESET', 'ECONNRESET', 'network'],
    ['ERR_TIMED_OUT', 'ERR_TIMED_OUT', 'timeout'],
    ['ERR_TUNNEL_CONNECTION_FAILED', 'ERR_TUNNEL_CONNECTION_FAILED', 'network'],
    ['ERR_SOMETHING_NEW', 'ERR_SOMETHING_NEW', 'network'],
  ] as const)('%s → %s (%s)', (chromiumCode, code, kind) => {
    expect(mapChromiumCode(chromiumCode)).toEqual({ chromiumCode, code, kind });
  });

  it('finds the code in an error’s causes; anything else is not a Chromium failure', () => {
    const wrapped = new TypeError('fetch failed', { cause: chromiumFailure('ERR_NAME_NOT_RESOLVED') });
    expect(readChromiumNetError(wrapped)?.code).toBe('ENOTFOUND');
    expect(readChromiumNetError(new Error('ECONNREFUSED'))).toBeNull();
    expect(readChromiumNetError('net::ERR_FAILED')).toBeNull();
  });
});
