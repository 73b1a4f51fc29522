// Transport failures over real HTTP: retries for GET, error classes when retries run out,
// timeouts, refused connections and cancellation. The sandbox injects the faults.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import {
  createUnpodClient,
  type RequestLogEntry,
  type UnpodClientOptions,
} from '../../src-main/unpod/index.ts';

let sandbox: Sandbox;
let requests: RequestLogEntry[] = [];

const fast = { limit: 3, baseDelayMs: 5, maxDelayMs: 50 };
function orgClient(overrides: Partial<UnpodClientOptions> = {}) {
  return createUnpodClient({
    baseUrl: sandbox.baseUrl,
    token: sandbox.credentials.token,
    retry: fast,
    timeoutMs: 5_000,
    onRequest: (r) => requests.push(r),
    ...overrides,
  }).withOrg(sandbox.credentials.orgHandle);
}
const agentRequests = () => requests.filter((r) => r.url.includes('/api/v2/platform/agents/'));

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3 });
});
afterEach(() => {
  sandbox.faults.clear();
  requests = [];
});
afterAll(async () => {
  await sandbox.close();
});

describe('GET retries', () => {
  it('5xx twice then success: three attempts, data returned', async () => {
    sandbox.faults.add({ kind: 'server_error', status: 503, path: '/agents/', times: 2 });
    const agents = await orgClient().listAgents();
    expect(agents.length).toBeGreaterThan(0);
    expect(agentRequests()).toHaveLength(3);
  });

  it('5xx on every attempt: kind server after limit + 1 attempts', async () => {
    sandbox.faults.add({ kind: 'server_error', status: 500, path: '/agents/' });
    const error = await orgClient({ retry: { ...fast, limit: 2 } })
      .listAgents()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'server', status: 500 });
    expect(agentRequests()).toHaveLength(3);
  });

  it('an HTML 502 page from a proxy is a server error', async () => {
    sandbox.faults.add({ kind: 'html_502', path: '/agents/' });
    const error = await orgClient({ retry: { ...fast, limit: 1 } })
      .listAgents()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'server', status: 502 });
    expect((error as Error).message).not.toContain('<html>');
    expect(agentRequests()).toHaveLength(2);
  });

  it('429 with Retry-After waits that long, then succeeds', async () => {
    sandbox.faults.add({ kind: 'rate_limit', retryAfterSeconds: 1, path: '/agents/', times: 1 });
    const started = Date.now();
    const agents = await orgClient({ retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 5_000 } }).listAgents();
    expect(agents.length).toBeGreaterThan(0);
    expect(agentRequests()).toHaveLength(2);
    // Retry-After: 1 was honoured rather than the 5 ms backoff.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('429 on every attempt: kind rate_limited with retryAfterMs', async () => {
    sandbox.faults.add({ kind: 'rate_limit', retryAfterSeconds: 7, path: '/agents/' });
    // maxDelayMs caps the honoured Retry-After so the test does not wait 7 s per attempt.
    const error = await orgClient({ retry: { limit: 1, baseDelayMs: 5, maxDelayMs: 20 } })
      .listAgents()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 7_000 });
    expect((error as Error).message).toContain('7 seconds');
    expect(agentRequests()).toHaveLength(2);
  });

  it('a reset connection is retried for GET', async () => {
    sandbox.faults.add({ kind: 'reset', path: '/agents/', times: 1 });
    const agents = await orgClient().listAgents();
    expect(agents.length).toBeGreaterThan(0);
    expect(agentRequests()).toHaveLength(2);
  });

  it('resets on every attempt: kind network', async () => {
    sandbox.faults.add({ kind: 'reset', path: '/agents/' });
    const error = await orgClient({ retry: { ...fast, limit: 1 } })
      .listAgents()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network' });
    expect(agentRequests()).toHaveLength(2);
  });

  it('malformed JSON on 200 is invalid_response and not retried', async () => {
    sandbox.faults.add({ kind: 'malformed_json', path: '/tasks/', times: 1 });
    const error = await orgClient()
      .listSpaceTasks(sandbox.credentials.spaceToken, { page: 1, pageSize: 10 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect((error as Error).message).toMatch(/not valid JSON/);
    expect(requests).toHaveLength(1);
  });
});

describe('timeouts, refused connections, cancellation', () => {
  it('an answer slower than timeoutMs is a timeout, after retrying', async () => {
    sandbox.faults.add({ kind: 'latency', latencyMs: 1_500, path: '/agents/' });
    const error = await orgClient({ timeoutMs: 200, retry: { ...fast, limit: 1 } })
      .listAgents()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(agentRequests()).toHaveLength(2);
  });

  it('a slow first attempt then a normal one succeeds', async () => {
    sandbox.faults.add({ kind: 'latency', latencyMs: 1_500, path: '/agents/', times: 1 });
    const agents = await orgClient({ timeoutMs: 300 }).listAgents();
    expect(agents.length).toBeGreaterThan(0);
    expect(agentRequests()).toHaveLength(2);
  });

  it('a closed port is a network error', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as AddressInfo;
        probe.close(() => resolve(p));
      });
    });
    const error = await orgClient({ baseUrl: `http://127.0.0.1:${port}`, retry: { ...fast, limit: 1 } })
      .listAgents()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', details: { code: 'ECONNREFUSED' } });
    expect((error as Error).message).toMatch(/refused/);
    expect(requests).toHaveLength(2);
  });

  it('aborting a request in flight rejects with cancelled', async () => {
    sandbox.faults.add({ kind: 'latency', latencyMs: 3_000, path: '/agents/' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await orgClient()
      .listAgents({ signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(agentRequests()).toHaveLength(1);
  });

  it('aborting during a retry wait rejects with cancelled and sends nothing more', async () => {
    sandbox.faults.add({ kind: 'rate_limit', retryAfterSeconds: 5, path: '/agents/' });
    const controller = new AbortController();
    const pending = orgClient({ retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 10_000 } }).listAgents({
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    expect(agentRequests()).toHaveLength(1);
  });
});

describe('answers the sandbox cannot produce (a small local server)', () => {
  let server: http.Server;
  let baseUrl = '';
  let reply: { status: number; type: string; body: string } = {
    status: 200,
    type: 'application/json',
    body: '{}',
  };

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(reply.status, { 'Content-Type': reply.type });
      res.end(reply.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('an HTML page with 200 is invalid_response', async () => {
    reply = { status: 200, type: 'text/html', body: '<!doctype html><html><body>Sign in</body></html>' };
    const error = await orgClient({ baseUrl })
      .listAgents()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect((error as Error).message).toContain('a web page instead of data');
  });

  it('a schema mismatch names the failing field', async () => {
    reply = {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({
        count: 2,
        data: [
          { _id: 'a', status: 'completed' },
          { _id: 'b', output: 'oops' },
        ],
      }),
    };
    const error = await orgClient({ baseUrl })
      .listSpaceTasks('space', { page: 1, pageSize: 10 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_response', details: { path: 'data[1].output' } });
    expect((error as Error).message).toContain('data[1].output');
  });

  it('a token echoed back by a server never reaches the error', async () => {
    const token = sandbox.credentials.token;
    reply = {
      status: 400,
      type: 'application/json',
      body: JSON.stringify({ message: `Bad token ${token}`, errors: { token: [token] } }),
    };
    const error = await orgClient({ baseUrl })
      .listAgents()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'bad_request' });
    const seen = JSON.stringify({
      message: (error as Error).message,
      details: (error as { details: unknown }).details,
    });
    expect(seen).not.toContain(token);
  });
});
