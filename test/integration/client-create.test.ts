// Task creation over real HTTP: the outcome on success, clear rejections keep their kind, and
// ambiguous failures are `outcome_unknown` and never retried. Tasks are counted on the sandbox
// afterwards by searching for a unique contact name.
import { randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type FaultRule, type Sandbox } from '../../src-main/sandbox/index.ts';
import {
  createUnpodClient,
  type CreateTaskRequest,
  type RequestLogEntry,
  type RequestOptions,
  type UnpodClient,
  type UnpodClientOptions,
} from '../../src-main/unpod/index.ts';

let sandbox: Sandbox;
let requests: RequestLogEntry[] = [];

function orgClient(overrides: Partial<UnpodClientOptions> = {}): UnpodClient {
  return createUnpodClient({
    baseUrl: sandbox.baseUrl,
    token: sandbox.credentials.token,
    // Generous GET retries: if creation were retried too, these tests would see it.
    retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 50 },
    timeoutMs: 5_000,
    onRequest: (r) => requests.push(r),
    ...overrides,
  }).withOrg(sandbox.credentials.orgHandle);
}

/** Letters only: the sandbox's search also matches digits against phone numbers. */
const randomLetters = () =>
  Array.from({ length: 12 }, () => String.fromCharCode(97 + randomInt(26))).join('');

/** A request whose contacts have names no other task has. */
function uniqueRequest(documents = 1): { request: CreateTaskRequest; name: string } {
  const name = `Itest ${randomLetters()}`;
  return {
    name,
    request: {
      pilot: sandbox.credentials.agentHandle,
      context: 'Integration test: please ignore.',
      documents: Array.from({ length: documents }, (_, i) => ({
        name: `${name} ${'xyz'[i] ?? 'w'}`,
        contact_number: `+1555010${i}`,
      })),
      schedule: { type: 'now' },
    },
  };
}

async function tasksNamed(name: string) {
  const page = await orgClient().listSpaceTasks(sandbox.credentials.spaceToken, {
    page: 1,
    pageSize: 50,
    search: name,
  });
  return page.tasks;
}
const posts = () => requests.filter((r) => r.method === 'POST');

/** Sends a create that should fail, and returns what it failed with (or, if it did not, the outcome). */
const failedCreate = (request: CreateTaskRequest, client = orgClient(), options?: RequestOptions) =>
  client.createTask(sandbox.credentials.spaceToken, request, options).catch((e: unknown) => e);

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, speed: 1_000 });
});
afterEach(() => {
  sandbox.faults.clear();
  requests = [];
});
afterAll(async () => {
  await sandbox.close();
});

describe('createTask', () => {
  it('creates one task per document and reports ids and statuses', async () => {
    const { request, name } = uniqueRequest(2);
    const outcome = await orgClient().createTask(sandbox.credentials.spaceToken, request);
    expect(outcome.runId).toMatch(/\S/);
    expect(outcome.taskIds).toHaveLength(2);
    for (const id of outcome.taskIds) expect(outcome.statuses[id]).toBe('pending');
    const created = await tasksNamed(name);
    expect(created.map((t) => t.task_id).sort()).toEqual([...outcome.taskIds].sort());
    for (const t of created) expect(t.run_id).toBe(outcome.runId);
    expect(posts()).toHaveLength(1);
  });

  it('an "auto" schedule comes back scheduled', async () => {
    const { request } = uniqueRequest();
    const outcome = await orgClient().createTask(sandbox.credentials.spaceToken, {
      ...request,
      schedule: { type: 'auto' },
    });
    expect(Object.values(outcome.statuses)).toEqual(['scheduled']);
  });
});

describe('createTask is never retried', () => {
  it.each([
    {
      failure: '5xx after sending',
      fault: { kind: 'server_error', status: 503, method: 'POST' },
      error: { kind: 'outcome_unknown', status: 503, message: expect.stringMatching(/not known whether/) },
      // Here nothing was created: the sandbox answers an injected 5xx before it creates anything.
      created: 0,
    },
    {
      failure: 'connection reset',
      fault: { kind: 'reset', method: 'POST' },
      error: { kind: 'outcome_unknown' },
      created: 0,
    },
    {
      failure: 'lost response',
      fault: { kind: 'lost_response', method: 'POST' },
      error: { kind: 'outcome_unknown' },
      created: 1,
    },
  ] satisfies { failure: string; fault: FaultRule; error: object; created: number }[])(
    '$failure: outcome_unknown, one POST, tasks created: $created',
    async ({ fault, error, created }) => {
      sandbox.faults.add(fault);
      const { request, name } = uniqueRequest();
      expect(await failedCreate(request)).toMatchObject(error);
      expect(posts()).toHaveLength(1);
      sandbox.faults.clear();
      expect(await tasksNamed(name)).toHaveLength(created);
    },
  );

  it('a timeout: outcome_unknown, one POST', async () => {
    sandbox.faults.add({ kind: 'latency', latencyMs: 1_000, method: 'POST', times: 1 });
    const { request } = uniqueRequest();
    const error = await failedCreate(request, orgClient({ timeoutMs: 200 }));
    expect(error).toMatchObject({ kind: 'outcome_unknown' });
    expect(posts()).toHaveLength(1);
  });

  it('malformed JSON on 200: outcome_unknown', async () => {
    sandbox.faults.add({ kind: 'malformed_json', method: 'POST', times: 1 });
    const { request } = uniqueRequest();
    const error = await failedCreate(request);
    expect(error).toMatchObject({ kind: 'outcome_unknown' });
    expect(posts()).toHaveLength(1);
  });
});

describe('clear rejections of a create keep their kind', () => {
  it('429: rate_limited, one POST, nothing created', async () => {
    sandbox.faults.add({ kind: 'rate_limit', retryAfterSeconds: 2, method: 'POST' });
    const { request, name } = uniqueRequest();
    const error = await failedCreate(request);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 2_000 });
    expect(posts()).toHaveLength(1);
    sandbox.faults.clear();
    expect(await tasksNamed(name)).toHaveLength(0);
  });

  it('206 "Invalid Pilot" without errors: business', async () => {
    const { request } = uniqueRequest();
    const error = await failedCreate({ ...request, pilot: 'space-agent-unknown' });
    expect(error).toMatchObject({ kind: 'business', status: 206, details: { message: 'Invalid Pilot' } });
  });

  it('400 for a schedule in the past: bad_request with the server message', async () => {
    const { request } = uniqueRequest();
    const error = await failedCreate({
      ...request,
      schedule: { type: 'custom', calling_date: '2020-01-01', calling_time: '10:00' },
    });
    expect(error).toMatchObject({ kind: 'bad_request', status: 400 });
    expect((error as Error).message).toContain('Scheduled time must be in the future.');
  });

  it('401 and 403', async () => {
    const { request } = uniqueRequest();
    await expect(
      orgClient({ token: 'wrong' }).createTask(sandbox.credentials.spaceToken, request),
    ).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    await expect(
      orgClient({ token: sandbox.credentials.expiredToken }).createTask(
        sandbox.credentials.spaceToken,
        request,
      ),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('cancelled before sending: cancelled, nothing sent', async () => {
    const { request } = uniqueRequest();
    await expect(
      orgClient().createTask(sandbox.credentials.spaceToken, request, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    expect(posts()).toHaveLength(0);
  });

  it('cancelled while in flight: cancelled, flagged as possibly created', async () => {
    sandbox.faults.add({ kind: 'latency', latencyMs: 2_000, method: 'POST', times: 1 });
    const { request } = uniqueRequest();
    const error = await failedCreate(request, orgClient(), { signal: AbortSignal.timeout(100) });
    expect(error).toMatchObject({ kind: 'cancelled', details: { outcomeUnknown: true } });
  });
});
