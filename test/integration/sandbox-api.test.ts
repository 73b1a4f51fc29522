// The sandbox's read API over real HTTP: auth, Org-Handle, envelopes, pagination, filters,
// demo-data shape and determinism per seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';

interface TaskJson {
  task_id: string;
  created: string;
  status: string;
  assignee: string;
  input: { name: string; contact_number: string };
  output: {
    transcript?: Array<{
      role: string;
      content?: string;
      timestamp: string;
      type?: string;
      message?: string;
    }>;
    recording_url?: string;
    duration?: number;
    call_end_reason?: string;
    post_call_data?: {
      summary: { status: string };
      classification: { labels: string[] };
      success_evaluator: string;
      structured_data: string;
    };
    metadata?: { type: string };
  };
}
interface Envelope<T> {
  count?: number;
  status_code?: number;
  message?: string;
  data?: T;
  errors?: unknown;
}

interface CallOptions {
  token?: string | null;
  org?: string;
}

async function call<T = unknown>(
  sb: Sandbox,
  path: string,
  o: CallOptions = {},
): Promise<{ status: number; body: Envelope<T> }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = o.token === undefined ? sb.credentials.token : o.token;
  if (token !== null) headers['Authorization'] = `Token ${token}`;
  if (o.org) headers['Org-Handle'] = o.org;
  const res = await fetch(`${sb.baseUrl}${path}`, { headers, redirect: 'manual' });
  return { status: res.status, body: (await res.json()) as Envelope<T> };
}

const API = '/api/v2/platform';
const createdMs = (t: TaskJson): number => Date.parse(`${t.created}Z`);
const isJson = (s: string): boolean => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ seed: 1 });
});
afterAll(async () => {
  await sb.close();
});

async function allSpaceTasks(query = ''): Promise<Envelope<TaskJson[]>> {
  const { body } = await call<TaskJson[]>(
    sb,
    `${API}/spaces/${sb.credentials.spaceToken}/tasks/?page_size=5000${query}`,
  );
  return body;
}

describe('authentication', () => {
  const path = `${API}/organizations/`;

  it('rejects a request without Authorization with 401', async () => {
    const r = await call(sb, path, { token: null });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ status_code: 401, message: 'Authentication credentials were not provided.' });
  });

  it('rejects an unknown token with 401', async () => {
    const r = await call(sb, path, { token: 'not-a-real-token' });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ status_code: 401, message: 'Invalid token.' });
  });

  it('rejects the expired token with 403', async () => {
    const r = await call(sb, path, { token: sb.credentials.expiredToken });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ message: 'Token has expired.' });
  });

  it('treats another scheme (Bearer) as no credentials', async () => {
    const res = await fetch(`${sb.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${sb.credentials.token}` },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Token');
  });

  it('guards every API route, including task lists and pre-signed URLs', async () => {
    for (const p of [
      `${API}/spaces/${sb.credentials.spaceToken}/tasks/`,
      `${API}/agents/${sb.credentials.agentHandle}/tasks/`,
      '/api/v1/media/pre-signed-url/?url=x',
    ]) {
      expect((await call(sb, p, { token: null })).status).toBe(401);
    }
  });
});

describe('Org-Handle', () => {
  it.each(['/agents/', '/spaces/', '/spaces/SOMETOKEN/'])('%s without it answers 400', async (p) => {
    const r = await call(sb, `${API}${p}`);
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('Org-Handle header is required.');
  });

  it('an unknown handle answers 206 with a message', async () => {
    const r = await call(sb, `${API}/agents/`, { org: 'no-such-org' });
    expect(r.status).toBe(206);
    expect(r.body.message).toBeTruthy();
    expect(r.body.data).toEqual({});
  });
});

describe('organizations, spaces and agents', () => {
  it('lists two organizations with the documented fields', async () => {
    const r = await call<Array<Record<string, unknown>>>(sb, `${API}/organizations/`);
    expect(r.status).toBe(200);
    expect(r.body.status_code).toBe(200);
    expect(r.body.count).toBe(2);
    expect(r.body.data).toHaveLength(2);
    expect(Object.keys(r.body.data![0]!).sort()).toEqual(
      ['domain', 'domain_handle', 'is_private_domain', 'name', 'role', 'token'].sort(),
    );
    expect(r.body.data!.map((o) => o['domain_handle'])).toContain(sb.credentials.orgHandle);
  });

  it('lists the spaces of the organization, including the credentials space', async () => {
    const r = await call<Array<{ token: string; organization: { domain_handle: string } }>>(
      sb,
      `${API}/spaces/`,
      {
        org: sb.credentials.orgHandle,
      },
    );
    expect(r.status).toBe(200);
    expect(r.body.count).toBe(r.body.data!.length);
    expect(r.body.data!.map((s) => s.token)).toContain(sb.credentials.spaceToken);
    for (const s of r.body.data!) expect(s.organization.domain_handle).toBe(sb.credentials.orgHandle);
    // Three spaces in all, across both organizations.
    const orgs = (await call<Array<{ domain_handle: string }>>(sb, `${API}/organizations/`)).body.data!;
    let total = 0;
    for (const o of orgs) total += (await call(sb, `${API}/spaces/`, { org: o.domain_handle })).body.count!;
    expect(total).toBe(3);
  });

  it('returns one space with its agents, and 206 "Invalid Space Token" for an unknown one', async () => {
    const ok = await call<{ token: string; agents: Array<{ handle: string }>; created: string }>(
      sb,
      `${API}/spaces/${sb.credentials.spaceToken}/`,
      { org: sb.credentials.orgHandle },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.data!.token).toBe(sb.credentials.spaceToken);
    expect(ok.body.data!.agents.map((a) => a.handle)).toContain(sb.credentials.agentHandle);
    expect(ok.body.data!.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);

    const bad = await call(sb, `${API}/spaces/NOPE/`, { org: sb.credentials.orgHandle });
    expect(bad.status).toBe(206);
    expect(bad.body).toEqual({ status_code: 206, message: 'Invalid Space Token', data: {} });
  });

  it('lists published agents only; the credentials agent is a published Voice agent', async () => {
    const r = await call<Array<{ handle: string; type: string; state: string }>>(sb, `${API}/agents/`, {
      org: sb.credentials.orgHandle,
    });
    expect(r.status).toBe(200);
    expect(r.body.message).toBe('Agents fetched successfully');
    expect(r.body.count).toBe(r.body.data!.length);
    for (const a of r.body.data!) expect(a.state).toBe('published');
    const mine = r.body.data!.find((a) => a.handle === sb.credentials.agentHandle);
    expect(mine?.type).toBe('Voice');
    expect(new Set(r.body.data!.map((a) => a.type))).toEqual(new Set(['Voice', 'Chat']));
  });
});

describe('agent tasks', () => {
  it('pages 20 at a time by default, newest first, only that agent', async () => {
    const r = await call<TaskJson[]>(sb, `${API}/agents/${sb.credentials.agentHandle}/tasks/`);
    expect(r.status).toBe(200);
    expect(r.body.message).toBe('Tasks Fetched Successfully');
    expect(r.body.count).toBeGreaterThan(20);
    expect(r.body.data).toHaveLength(20);
    const times = r.body.data!.map(createdMs);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const t of r.body.data!) expect(t.assignee).toBe(sb.credentials.agentHandle);
  });

  it('answers 404 "Agent not found" for an unknown handle', async () => {
    const r = await call(sb, `${API}/agents/space-agent-nope/tasks/`);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ message: 'Agent not found' });
  });

  it('serves tasks of a draft agent that /agents/ does not list', async () => {
    const space = await call<{ agents: Array<{ handle: string; type: string }> }>(
      sb,
      `${API}/spaces/${sb.credentials.spaceToken}/`,
      { org: sb.credentials.orgHandle },
    );
    const published = new Set(
      (
        await call<Array<{ handle: string }>>(sb, `${API}/agents/`, { org: sb.credentials.orgHandle })
      ).body.data!.map((a) => a.handle),
    );
    const drafts = space.body.data!.agents.filter((a) => !published.has(a.handle) && a.type === 'Voice');
    expect(drafts.length).toBeGreaterThan(0);
    const r = await call<TaskJson[]>(sb, `${API}/agents/${drafts[0]!.handle}/tasks/`);
    expect(r.status).toBe(200);
    expect(r.body.count).toBeGreaterThan(0);
  });
});

describe('space tasks', () => {
  const base = (): string => `${API}/spaces/${sb.credentials.spaceToken}/tasks/`;

  it('answers 206 "Invalid Space Token" without an errors key for an unknown space', async () => {
    const r = await call(sb, `${API}/spaces/NOPE/tasks/`);
    expect(r.status).toBe(206);
    expect(r.body.message).toBe('Invalid Space Token');
    expect(r.body).not.toHaveProperty('errors');
  });

  it('has the envelope {count, status_code, message, data} with 20 tasks by default', async () => {
    const r = await call<TaskJson[]>(sb, base());
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['count', 'data', 'message', 'status_code']);
    expect(r.body.count).toBe(400);
    expect(r.body.data).toHaveLength(20);
  });

  it('pages through every task exactly once, newest first', async () => {
    const seen: TaskJson[] = [];
    const first = await call<TaskJson[]>(sb, `${base()}?page=1&page_size=70`);
    const pages = Math.ceil(first.body.count! / 70);
    seen.push(...first.body.data!);
    for (let page = 2; page <= pages; page++) {
      seen.push(...(await call<TaskJson[]>(sb, `${base()}?page=${page}&page_size=70`)).body.data!);
    }
    expect(seen).toHaveLength(first.body.count!);
    expect(new Set(seen.map((t) => t.task_id)).size).toBe(seen.length);
    const times = seen.map(createdMs);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const past = await call<TaskJson[]>(sb, `${base()}?page=${pages + 1}&page_size=70`);
    expect(past.body.count).toBe(first.body.count);
    expect(past.body.data).toEqual([]);
  });

  it('holds every status, with outputs on finished calls', async () => {
    const { data } = await allSpaceTasks();
    const statuses = new Set(data!.map((t) => t.status));
    expect([...statuses].sort()).toEqual(
      ['completed', 'failed', 'hold', 'in_progress', 'partially_completed', 'pending', 'scheduled'].sort(),
    );
    for (const t of data!) {
      if (t.status === 'completed') {
        expect(t.output.recording_url).toMatch(/\/media\/private\/recordings\/T[0-9a-f]+\.(wav|mp3)$/);
        expect(t.output.duration).toBeGreaterThan(0);
        expect(t.output.transcript!.length).toBeGreaterThan(0);
        expect(t.output.post_call_data!.classification.labels).toContain(
          t.output.post_call_data!.summary.status,
        );
      } else if (t.status === 'failed') {
        expect(t.output.call_end_reason).toBeTruthy();
        expect(t.output.recording_url).toBeUndefined();
      } else if (t.status !== 'partially_completed') {
        expect(t.output).toEqual({});
      }
      expect(t.input.contact_number).toMatch(/^\+[1-9]\d{9,14}$/);
    }
  });

  it('has the platform quirks a client must tolerate', async () => {
    const outputs = (await allSpaceTasks())
      .data!.filter((t) => t.status === 'completed')
      .map((t) => t.output);
    const entries = outputs.flatMap((o) => o.transcript!);
    expect(entries.some((e) => e.role !== 'system' && e.timestamp === '')).toBe(true);
    expect(entries.some((e) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(e.timestamp))).toBe(true);
    expect(entries.some((e) => e.role === 'system' && e.type && e.message && e.content === undefined)).toBe(
      true,
    );
    const pcd = outputs.map((o) => o.post_call_data!);
    expect(pcd.some((p) => !isJson(p.success_evaluator) || !isJson(p.structured_data))).toBe(true);
    expect(pcd.some((p) => isJson(p.success_evaluator))).toBe(true);
    const labels = new Set(pcd.map((p) => p.summary.status));
    for (const l of [
      'Interested',
      'Not Interested',
      'Call Back',
      'Wrong Number',
      'Voicemail',
      'Do Not Call',
    ]) {
      expect(labels).toContain(l);
    }
  });

  it('filters by search on the name (case-insensitive) and on the phone number', async () => {
    const sample = (await call<TaskJson[]>(sb, base())).body.data![3]!;
    const last = sample.input.name.split(' ')[1]!.toUpperCase();
    const byName = (await call<TaskJson[]>(sb, `${base()}?page_size=500&search=${encodeURIComponent(last)}`))
      .body;
    expect(byName.count).toBeGreaterThan(0);
    expect(byName.count).toBeLessThan(400);
    for (const t of byName.data!) expect(t.input.name.toUpperCase()).toContain(last);
    expect(byName.data!.map((t) => t.task_id)).toContain(sample.task_id);

    const digits = sample.input.contact_number.slice(-7);
    const byPhone = (await call<TaskJson[]>(sb, `${base()}?search=${digits}`)).body;
    expect(byPhone.data!.map((t) => t.task_id)).toContain(sample.task_id);
    for (const t of byPhone.data!) expect(t.input.contact_number).toContain(digits);
  });

  it('filters by outcome status (comma separated)', async () => {
    const one = await call<TaskJson[]>(sb, `${base()}?page_size=500&status=Interested`);
    const two = await call<TaskJson[]>(sb, `${base()}?page_size=500&status=Call%20Back`);
    const both = await call<TaskJson[]>(sb, `${base()}?page_size=500&status=Interested,Call%20Back`);
    expect(one.body.count).toBeGreaterThan(0);
    expect(two.body.count).toBeGreaterThan(0);
    expect(both.body.count).toBe(one.body.count! + two.body.count!);
    for (const t of both.body.data!) {
      expect(['Interested', 'Call Back']).toContain(t.output.post_call_data!.summary.status);
    }
  });

  it('filters by created time with from_ts / to_ts (unix seconds)', async () => {
    const all = (await allSpaceTasks()).data!;
    const from = Math.floor(createdMs(all[300]!) / 1000);
    const to = Math.floor(createdMs(all[100]!) / 1000);
    const expected = all.filter((t) => createdMs(t) >= from * 1000 && createdMs(t) <= to * 1000).length;
    const r = await call<TaskJson[]>(sb, `${base()}?page_size=500&from_ts=${from}&to_ts=${to}`);
    expect(r.body.count).toBe(expected);
    expect(expected).toBeGreaterThan(100);
    for (const t of r.body.data!) {
      expect(createdMs(t)).toBeGreaterThanOrEqual(from * 1000);
      expect(createdMs(t)).toBeLessThanOrEqual(to * 1000);
    }
    expect((await call(sb, `${base()}?from_ts=yesterday`)).status).toBe(400);
  });

  it('filters by call_type', async () => {
    const inbound = await call<TaskJson[]>(sb, `${base()}?page_size=500&call_type=inbound`);
    const outbound = await call<TaskJson[]>(sb, `${base()}?page_size=500&call_type=outbound`);
    expect(inbound.body.count).toBeGreaterThan(0);
    expect(inbound.body.count! + outbound.body.count!).toBe(400);
    for (const t of inbound.body.data!) expect(t.output.metadata?.type).toBe('inboundPhoneCall');
    for (const t of outbound.body.data!)
      expect(t.output.metadata?.type ?? 'outboundPhoneCall').toBe('outboundPhoneCall');
  });

  it('combines filters', async () => {
    const r = await call<TaskJson[]>(sb, `${base()}?page_size=500&status=Interested&call_type=inbound`);
    for (const t of r.body.data!) {
      expect(t.output.post_call_data!.summary.status).toBe('Interested');
      expect(t.output.metadata!.type).toBe('inboundPhoneCall');
    }
  });
});

describe('routing', () => {
  it('redirects a known path without its trailing slash (301), as Django does', async () => {
    const res = await fetch(`${sb.baseUrl}${API}/organizations?x=1`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${API}/organizations/?x=1`);
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await fetch(`${sb.baseUrl}/api/v2/platform/nothing-here/`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ message: 'Not found.', status_code: 404 });
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const res = await fetch(`${sb.baseUrl}${API}/organizations/`, {
      method: 'POST',
      headers: { Authorization: `Token ${sb.credentials.token}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('GET');
  });
});

describe('demo data per seed', () => {
  const epochMs = Date.UTC(2025, 10, 20, 9);

  async function snapshot(seed: number): Promise<string> {
    const s = await startSandbox({ seed, epochMs });
    try {
      const orgs = (await call(s, `${API}/organizations/`)).body;
      const tasks = (await call(s, `${API}/spaces/${s.credentials.spaceToken}/tasks/?page_size=400`)).body;
      const agentTasks = (await call(s, `${API}/agents/${s.credentials.agentHandle}/tasks/?page=3`)).body;
      return JSON.stringify({ creds: s.credentials, orgs, tasks, agentTasks }).replaceAll(s.baseUrl, 'BASE');
    } finally {
      await s.close();
    }
  }

  it('is identical for the same seed and different for another', async () => {
    const a = await snapshot(7);
    const b = await snapshot(7);
    const c = await snapshot(8);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    const credsA = (JSON.parse(a) as { creds: Record<string, string> }).creds;
    const credsC = (JSON.parse(c) as { creds: Record<string, string> }).creds;
    expect(credsC['token']).not.toBe(credsA['token']);
    expect(credsC['spaceToken']).not.toBe(credsA['spaceToken']);
  });

  it('generates as many tasks per space as asked', async () => {
    const big = await startSandbox({ seed: 3, tasksPerSpace: 10_000 });
    try {
      const r = await call<TaskJson[]>(
        big,
        `${API}/spaces/${big.credentials.spaceToken}/tasks/?page=500&page_size=20`,
      );
      expect(r.body.count).toBe(10_000);
      expect(r.body.data).toHaveLength(20);
      const statuses = await call<TaskJson[]>(
        big,
        `${API}/spaces/${big.credentials.spaceToken}/tasks/?status=Voicemail`,
      );
      expect(statuses.body.count).toBeGreaterThan(100);
    } finally {
      await big.close();
    }
  });
});
