// What the sandbox does for the lead import beyond single creates: a rate limit on creates
// (429 + Retry-After), and a create slower than the client's timeout that still creates its
// tasks after the client gave up (as a platform does), the reason imports wait before
// reconciling.
import { afterEach, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import { createUnpodClient, UnpodError } from '../../src-main/unpod/index.ts';
import { tasksSince } from '../support/imports-kit.ts';

let sandbox: Sandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

const clientFor = (sb: Sandbox, timeoutMs = 5_000) =>
  createUnpodClient({
    baseUrl: sb.baseUrl,
    token: sb.credentials.token,
    orgHandle: sb.credentials.orgHandle,
    timeoutMs,
  });
const request = (sb: Sandbox, name: string) => ({
  pilot: sb.credentials.agentHandle,
  context: 'Limits',
  documents: [{ name, contact_number: '+447400100001', document_id: name }],
});

it('refuses creates over its rate with 429 and a Retry-After, creating nothing', async () => {
  const sb = (sandbox = await startSandbox({ seed: 2, tasksPerSpace: 5, createRatePerSecond: 1 }));
  const client = clientFor(sb);
  const since = Date.now();
  await client.createTask(sb.credentials.spaceToken, request(sb, 'a'));
  const refused = await client
    .createTask(sb.credentials.spaceToken, request(sb, 'c'))
    .catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(UnpodError);
  expect(refused).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 1000 });
  const names = (await tasksSince(sb, since)).map((t) => (t.input as Record<string, unknown>)['name']);
  expect(names).toEqual(['a']);
  // After the wait it asked for, the create goes through.
  await new Promise((r) => setTimeout(r, 1_100));
  await client.createTask(sb.credentials.spaceToken, request(sb, 'c'));
});

it('a create slower than the client timeout still creates its tasks after the client gave up', async () => {
  const sb = (sandbox = await startSandbox({ seed: 2, tasksPerSpace: 5 }));
  sb.faults.add({ kind: 'latency', latencyMs: 700, method: 'POST', path: '/tasks/', times: 1 });
  const since = Date.now();
  const failed = await clientFor(sb, 300)
    .createTask(sb.credentials.spaceToken, request(sb, 'late'))
    .catch((e: unknown) => e);
  expect(failed).toMatchObject({ kind: 'outcome_unknown' });
  expect(await tasksSince(sb, since)).toHaveLength(0);
  await new Promise((r) => setTimeout(r, 700));
  const tasks = await tasksSince(sb, since);
  expect(tasks.map((t) => (t.input as Record<string, unknown>)['document_id'])).toEqual(['late']);
});
