// Every endpoint and every "clear answer" error class, over real HTTP against the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import {
  createUnpodClient,
  type RequestLogEntry,
  type UnpodClient,
  type UnpodClientOptions,
} from '../../src-main/unpod/index.ts';

let sandbox: Sandbox;
const requests: RequestLogEntry[] = [];

function client(overrides: Partial<UnpodClientOptions> = {}): UnpodClient {
  return createUnpodClient({
    baseUrl: sandbox.baseUrl,
    token: sandbox.credentials.token,
    retry: { limit: 0 },
    onRequest: (r) => requests.push(r),
    ...overrides,
  });
}
const orgClient = () => client().withOrg(sandbox.credentials.orgHandle);

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
});
afterAll(async () => {
  // No URL this file requested may contain the token.
  expect(requests.length).toBeGreaterThan(0);
  for (const r of requests) {
    expect(r.url).not.toContain(sandbox.credentials.token);
    expect(r.url).not.toContain(sandbox.credentials.expiredToken);
  }
  await sandbox.close();
});

describe('read endpoints', () => {
  it('lists organizations; the sandbox org is among them', async () => {
    const orgs = await client().listOrganizations();
    expect(orgs.map((o) => o.domain_handle)).toContain(sandbox.credentials.orgHandle);
    for (const org of orgs) expect(org.name).toBeTruthy();
  });

  it('lists spaces of the selected organization', async () => {
    const spaces = await orgClient().listSpaces();
    expect(spaces.map((s) => s.token)).toContain(sandbox.credentials.spaceToken);
    for (const space of spaces) expect(space.organization?.domain_handle).toBe(sandbox.credentials.orgHandle);
  });

  it('gets one space with its agents', async () => {
    const space = await orgClient().getSpace(sandbox.credentials.spaceToken);
    expect(space.token).toBe(sandbox.credentials.spaceToken);
    expect(space.agents?.map((a) => a.handle)).toContain(sandbox.credentials.agentHandle);
  });

  it('lists published agents', async () => {
    const agents = await orgClient().listAgents();
    expect(agents.map((a) => a.handle)).toContain(sandbox.credentials.agentHandle);
    for (const agent of agents) expect(agent.state).toBe('published');
  });

  it('lists space tasks page by page, always sending page_size', async () => {
    const c = orgClient();
    const first = await c.listSpaceTasks(sandbox.credentials.spaceToken, { page: 1, pageSize: 7 });
    const second = await c.listSpaceTasks(sandbox.credentials.spaceToken, { page: 2, pageSize: 7 });
    expect(first.count).toBeGreaterThan(14);
    expect(second.count).toBe(first.count);
    expect(first.tasks).toHaveLength(7);
    expect(second.tasks).toHaveLength(7);
    const ids = new Set([...first.tasks, ...second.tasks].map((t) => t.task_id));
    expect(ids.size).toBe(14);
    // Newest first.
    expect(first.tasks[0]!.created! >= second.tasks[0]!.created!).toBe(true);
    const listing = requests.filter((r) => r.url.includes('/tasks/?'));
    expect(listing.at(-1)!.url).toContain('page=2&page_size=7');
  });

  it('sends the space-task filters the server understands', async () => {
    const c = orgClient();
    const all = await c.listSpaceTasks(sandbox.credentials.spaceToken, { page: 1, pageSize: 50 });
    const someone = all.tasks.find((t) => t.input?.name)!;
    const found = await c.listSpaceTasks(sandbox.credentials.spaceToken, {
      page: 1,
      pageSize: 50,
      search: someone.input!.name!,
    });
    expect(found.tasks.length).toBeGreaterThan(0);
    for (const t of found.tasks)
      expect(t.input?.name?.toLowerCase()).toContain(someone.input!.name!.toLowerCase());
    expect(found.count).toBeLessThan(all.count);

    const outcomes = await c.listSpaceTasks(sandbox.credentials.spaceToken, {
      page: 1,
      pageSize: 50,
      status: ['Interested', 'Call Back'],
      callType: 'outbound',
    });
    const url = requests.at(-1)!.url;
    expect(url).toContain('call_type=outbound');
    expect(url).toContain('status=Interested%2CCall+Back');
    expect(outcomes.tasks.length).toBeGreaterThan(3);
    expect(outcomes.count).toBeLessThan(all.count);
    for (const t of outcomes.tasks) {
      expect(['interested', 'call back']).toContain(t.output?.post_call_data?.summary?.status?.toLowerCase());
    }

    // A window from the 4th newest of those to now holds exactly the 4 newest.
    const fromTs = Math.floor(Date.parse(`${outcomes.tasks[3]!.created!}Z`) / 1000);
    const windowed = await c.listSpaceTasks(sandbox.credentials.spaceToken, {
      page: 1,
      pageSize: 50,
      status: ['Interested', 'Call Back'],
      callType: 'outbound',
      fromTs,
      toTs: Math.ceil(Date.now() / 1000) + 86_400 * 400,
    });
    expect(requests.at(-1)!.url).toContain(`from_ts=${fromTs}`);
    expect(windowed.tasks.map((t) => t.task_id)).toEqual(outcomes.tasks.slice(0, 4).map((t) => t.task_id));
  });

  it("lists an agent's tasks", async () => {
    const page = await client().listAgentTasks(sandbox.credentials.agentHandle, { page: 1, pageSize: 5 });
    expect(page.count).toBeGreaterThan(5);
    expect(page.tasks).toHaveLength(5);
    for (const t of page.tasks) expect(t.assignee).toBe(sandbox.credentials.agentHandle);
    expect(requests.at(-1)!.url).toContain('page=1&page_size=5');
  });

  it('gets a pre-signed URL for a recording with the token in the header only', async () => {
    const signed = await client().getSignedRecordingUrl(`${sandbox.baseUrl}/media/private/recordings/TX.wav`);
    expect(new URL(signed).pathname).toBe('/media/private/recordings/TX.wav');
    expect(signed).not.toContain(sandbox.credentials.token);
    const req = requests.at(-1)!;
    expect(req.url).toContain('/api/v1/media/pre-signed-url/?url=http%3A%2F%2F127.0.0.1');
    expect(req.withToken).toBe(true);
  });
});

describe('Org-Handle', () => {
  it('spaces and agents without an organization fail before anything is sent', async () => {
    const before = requests.length;
    await expect(client().listSpaces()).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(client().listAgents()).rejects.toMatchObject({ kind: 'bad_request' });
    expect(requests.length).toBe(before);
  });

  it("the server's 400 for a missing Org-Handle keeps its message", async () => {
    const error = await client()
      .getSpace(sandbox.credentials.spaceToken)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'bad_request', status: 400 });
    expect((error as Error).message).toContain('Org-Handle header is required.');
  });

  it('withOrg does not change the original client', async () => {
    const base = client();
    const scoped = base.withOrg(sandbox.credentials.orgHandle);
    expect(scoped.orgHandle).toBe(sandbox.credentials.orgHandle);
    expect(base.orgHandle).toBeUndefined();
    await expect(base.listAgents()).rejects.toMatchObject({ kind: 'bad_request' });
  });
});

describe('clear rejections', () => {
  it('401 for an unknown token', async () => {
    const error = await client({ token: 'not-a-real-token' })
      .listOrganizations()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect((error as Error).message).not.toContain('not-a-real-token');
  });

  it('a missing token is refused as unauthorized without sending', () => {
    expect(() => client({ token: '' })).toThrow(expect.objectContaining({ kind: 'unauthorized' }));
  });

  it('403 for an expired token says it expired', async () => {
    const error = await client({ token: sandbox.credentials.expiredToken })
      .listOrganizations()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
    expect((error as Error).message).toMatch(/token has expired/i);
    expect(JSON.stringify(error)).not.toContain(sandbox.credentials.expiredToken);
  });

  it('404 for an unknown agent', async () => {
    const error = await client()
      .listAgentTasks('no-such-agent', { page: 1, pageSize: 5 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect((error as Error).message).toContain('Agent not found');
  });

  it('206 without errors (unknown space token) is a business error, not data', async () => {
    const error = await orgClient()
      .listSpaceTasks('NO-SUCH-SPACE', { page: 1, pageSize: 5 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'business',
      status: 206,
      details: { message: 'Invalid Space Token' },
    });
    expect((error as { details: object }).details).not.toHaveProperty('errors');
  });

  it('206 with an errors map carries the fields in details', async () => {
    const error = await orgClient()
      .createTask(sandbox.credentials.spaceToken, {
        pilot: sandbox.credentials.agentHandle,
        context: 'integration test',
        documents: [{ name: '   ', contact_number: '+15550100' }],
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'business',
      status: 206,
      details: {
        message: 'There is some Validation error',
        errors: { 'documents[0].name': ['This field may not be blank.'] },
      },
    });
    expect((error as Error).message).toContain('documents[0].name: This field may not be blank.');
  });

  it('400 from the server keeps its message', async () => {
    const error = await orgClient()
      .listSpaceTasks(sandbox.credentials.spaceToken, { page: 1, pageSize: 5, fromTs: -5 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'bad_request', status: 400 });
    expect((error as Error).message).toContain('from_ts must be a unix timestamp in seconds.');
  });
});
