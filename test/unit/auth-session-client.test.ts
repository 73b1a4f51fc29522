// The off switch on a profile session's client: after dispose, requests in flight are cancelled
// and no new request is sent (a stale reference cannot use a signed-out token). A real client
// against a local server that records what reaches it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDisposableClient } from '../../src-main/services/session-client.ts';
import { createUnpodClient, UnpodError } from '../../src-main/unpod/index.ts';

let server: Server;
let baseUrl: string;
let seen: string[];
/** Requests to /hang/ get no answer until the test ends. */
let hanging: ServerResponse[];

beforeEach(async () => {
  seen = [];
  hanging = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url} org=${req.headers['org-handle'] ?? '-'}`);
    if (req.url?.includes('/spaces/')) {
      hanging.push(res);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ status_code: 200, message: 'ok', data: [{ name: 'Acme', domain_handle: 'acme' }] }),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const res of hanging) res.destroy();
  const closed = new Promise((done) => server.close(done));
  server.closeAllConnections();
  await closed;
});

const kindOf = (error: unknown) => (error instanceof UnpodError ? error.kind : String(error));

it('works like the client it wraps until disposed', async () => {
  const { client } = createDisposableClient(
    createUnpodClient({ baseUrl, token: 'token-1234', retry: { limit: 0 } }),
  );
  expect((await client.listOrganizations()).map((o) => o.domain_handle)).toEqual(['acme']);
  expect(client.baseUrl).toBe(baseUrl);
  expect(client.withOrg('acme').orgHandle).toBe('acme');
});

it('dispose cancels a request in flight, also on a client derived with withOrg', async () => {
  const session = createDisposableClient(
    createUnpodClient({ baseUrl, token: 'token-1234', retry: { limit: 0 } }),
  );
  const loading = session.client.withOrg('acme').listSpaces();
  await expect.poll(() => seen.length).toBe(1);
  session.dispose();
  expect(kindOf(await loading.catch((e: unknown) => e))).toBe('cancelled');
});

it('after dispose nothing more is sent, whatever method and whatever signal the caller passes', async () => {
  const session = createDisposableClient(
    createUnpodClient({ baseUrl, token: 'token-1234', retry: { limit: 0 } }),
  );
  const derived = session.client.withOrg('acme');
  session.dispose();
  session.dispose(); // twice is fine
  const calls = [
    session.client.listOrganizations({ signal: new AbortController().signal }),
    derived.listAgents(),
    derived.listSpaceTasks('space-1', { page: 1, pageSize: 10 }),
    derived.getSignedRecordingUrl('https://example.com/r.mp3'),
  ];
  for (const call of calls) {
    const error = await call.catch((e: unknown) => e);
    expect(kindOf(error)).toBe('cancelled');
    expect((error as Error).message).toMatch(/profile was closed/);
  }
  expect(seen).toEqual([]);
});

it("the caller's own signal still cancels just that request", async () => {
  const { client } = createDisposableClient(
    createUnpodClient({ baseUrl, token: 'token-1234', retry: { limit: 0 } }),
  );
  const controller = new AbortController();
  const loading = client.withOrg('acme').listSpaces({ signal: controller.signal });
  await expect.poll(() => seen.length).toBe(1);
  controller.abort();
  expect(kindOf(await loading.catch((e: unknown) => e))).toBe('cancelled');
  expect((await client.listOrganizations()).length).toBe(1);
});
