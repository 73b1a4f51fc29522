// Creating tasks on the sandbox over real HTTP: validation (206 + errors map), business errors,
// scheduling, and the call simulator finishing calls with an output and a recording.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';

interface Envelope {
  count?: number;
  status_code?: number;
  message?: string;
  data?: unknown;
  errors?: Record<string, string[]>;
}
interface CreateData {
  run_id: string;
  task_ids: string[];
  status: Record<string, string>;
}
interface TaskJson {
  task_id: string;
  run_id: string;
  created: string;
  modified: string;
  status: string;
  assignee: string;
  ref_id: string;
  task: { objective: string };
  input: Record<string, unknown>;
  output: {
    recording_url?: string;
    duration?: number;
    transcript?: unknown[];
    call_end_reason?: string;
    post_call_data?: { summary: { status: string } };
  };
}

const API = '/api/v2/platform';
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ seed: 11, speed: 1000 });
});
afterAll(async () => {
  await sb.close();
});

const auth = (): Record<string, string> => ({
  Authorization: `Token ${sb.credentials.token}`,
  'Content-Type': 'application/json',
});

async function create(
  body: unknown,
  spaceToken = sb.credentials.spaceToken,
): Promise<{ status: number; body: Envelope }> {
  const res = await fetch(`${sb.baseUrl}${API}/spaces/${spaceToken}/tasks/`, {
    method: 'POST',
    headers: auth(),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Envelope };
}

async function listTasks(query: string): Promise<{ count: number; data: TaskJson[] }> {
  const res = await fetch(`${sb.baseUrl}${API}/spaces/${sb.credentials.spaceToken}/tasks/?${query}`, {
    headers: auth(),
  });
  return (await res.json()) as { count: number; data: TaskJson[] };
}

const doc = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  contact_number: '+919876543210',
  email: 'lead@example.com',
  company_name: 'TechCorp',
  ...extra,
});

function valid(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    pilot: sb.credentials.agentHandle,
    documents: [doc('Zed Example')],
    context: 'Call the lead and discuss the project requirements.',
    ...extra,
  };
}

/** YYYY-MM-DD and HH:MM in local time, `offsetMs` from now. */
function localDateTime(offsetMs: number): { calling_date: string; calling_time: string } {
  const d = new Date(Date.now() + offsetMs);
  const p = (n: number): string => String(n).padStart(2, '0');
  return {
    calling_date: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`,
    calling_time: `${p(d.getHours())}:${p(d.getMinutes())}`,
  };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('validation and business errors', () => {
  it('answers 206 with a field -> messages map for missing fields', async () => {
    const r = await create({});
    expect(r.status).toBe(206);
    expect(r.body.status_code).toBe(206);
    expect(r.body.message).toBe('There is some Validation error');
    expect(r.body.errors).toEqual({
      pilot: ['This field is required.'],
      documents: ['This field is required.'],
      context: ['This field is required.'],
    });
  });

  it('names missing document fields and an empty list', async () => {
    const r = await create(valid({ documents: [doc('Ok'), { email: 'x@example.com' }] }));
    expect(r.status).toBe(206);
    expect(r.body.errors).toEqual({
      'documents[1].name': ['This field is required.'],
      'documents[1].contact_number': ['This field is required.'],
    });
    const empty = await create(valid({ documents: [] }));
    expect(empty.body.errors).toEqual({ documents: ['This list may not be empty.'] });
    const blank = await create(valid({ context: '  ' }));
    expect(blank.body.errors).toEqual({ context: ['This field may not be blank.'] });
  });

  it('rejects an unknown schedule type and a custom schedule without a date', async () => {
    const bad = await create(valid({ schedule: { type: 'later' } }));
    expect(bad.status).toBe(206);
    expect(bad.body.errors).toEqual({ 'schedule.type': ['"later" is not a valid choice.'] });
    const noDate = await create(valid({ schedule: { type: 'custom', calling_time: '10:00' } }));
    expect(noDate.body.errors).toEqual({ 'schedule.calling_date': ['This field is required.'] });
  });

  it('answers 206 "Invalid Space Token" without an errors key for an unknown space', async () => {
    const r = await create(valid(), 'NO-SUCH-SPACE');
    expect(r.status).toBe(206);
    expect(r.body.message).toBe('Invalid Space Token');
    expect(r.body).not.toHaveProperty('errors');
  });

  it('answers 206 with a message for an unknown pilot', async () => {
    const r = await create(valid({ pilot: 'space-agent-does-not-exist' }));
    expect(r.status).toBe(206);
    expect(r.body.message).toBe('Invalid Pilot');
    expect(r.body).not.toHaveProperty('errors');
  });

  it('answers 400 for a custom schedule in the past', async () => {
    const r = await create(valid({ schedule: { type: 'custom', ...localDateTime(-86_400_000) } }));
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('Scheduled time must be in the future.');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const r = await create('{"pilot": ');
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/^JSON parse error/);
  });

  it('creates nothing when it refuses', async () => {
    const before = (await listTasks('page_size=1')).count;
    await create(valid({ documents: [{}] }));
    await create(valid({ pilot: 'nope' }));
    expect((await listTasks('page_size=1')).count).toBe(before);
  });
});

describe('creating tasks', () => {
  it('returns {run_id, task_ids, status} with one task per document, listed newest first', async () => {
    const r = await create(
      valid({
        documents: [
          doc('Nadia Firstdoc', { document_id: 'doc-1', labels: ['Hot'] }),
          doc('Nadia Seconddoc', { contact_number: '+14155550123' }),
        ],
        schedule: { type: 'auto' },
      }),
    );
    expect(r.status).toBe(200);
    expect(r.body.message).toBe('Task Created Successfully');
    const data = r.body.data as CreateData;
    expect(data.run_id).toMatch(/^R[0-9a-f]{32}$/);
    expect(data.task_ids).toHaveLength(2);
    expect(data.status).toEqual({ [data.task_ids[0]!]: 'scheduled', [data.task_ids[1]!]: 'scheduled' });

    const top = (await listTasks('page_size=2')).data;
    expect(new Set(top.map((t) => t.task_id))).toEqual(new Set(data.task_ids));
    const first = top.find((t) => t.input['name'] === 'Nadia Firstdoc')!;
    expect(first.run_id).toBe(data.run_id);
    expect(first.ref_id).toBe('doc-1');
    expect(first.input['labels']).toEqual(['Hot']);
    expect(first.task.objective).toBe('Call the lead and discuss the project requirements.');
    expect(first.assignee).toBe(sb.credentials.agentHandle);
    expect(first.output).toEqual({});

    const agentTop = await fetch(
      `${sb.baseUrl}${API}/agents/${sb.credentials.agentHandle}/tasks/?page_size=2`,
      {
        headers: auth(),
      },
    );
    const agentIds = ((await agentTop.json()) as { data: TaskJson[] }).data.map((t) => t.task_id);
    expect(new Set(agentIds)).toEqual(new Set(data.task_ids));
  });

  it('keeps auto and custom-scheduled tasks scheduled', async () => {
    const custom = await create(
      valid({
        documents: [doc('Sched Custom')],
        schedule: { type: 'custom', ...localDateTime(2 * 86_400_000) },
      }),
    );
    expect(custom.status).toBe(200);
    const auto = await create(valid({ documents: [doc('Sched Auto')], schedule: { type: 'auto' } }));
    expect(Object.values((auto.body.data as CreateData).status)).toEqual(['scheduled']);
    // At speed 1000 a "now" call would be over by now; scheduled ones wait for their real time.
    await new Promise((r) => setTimeout(r, 500));
    const listed = (await listTasks('search=Sched')).data;
    expect(listed.map((t) => t.status)).toEqual(['scheduled', 'scheduled']);
  });

  it('runs "now" calls to completed or failed with a full output and a playable recording', async () => {
    const names = ['Sim One', 'Sim Two', 'Sim Three', 'Sim Four', 'Sim Five'];
    const r = await create(valid({ documents: names.map((n) => doc(n)), schedule: { type: 'now' } }));
    expect(r.status).toBe(200);
    const data = r.body.data as CreateData;
    expect(Object.values(data.status)).toEqual(names.map(() => 'pending'));

    const done = await waitFor('the calls to finish', async () => {
      const tasks = (await listTasks('search=Sim&page_size=10')).data;
      return tasks.length === 5 && tasks.every((t) => t.status === 'completed' || t.status === 'failed')
        ? tasks
        : null;
    });
    const completed = done.filter((t) => t.status === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    for (const t of done) {
      expect(Date.parse(`${t.modified}Z`)).toBeGreaterThan(Date.parse(`${t.created}Z`));
      expect(t.output.post_call_data?.summary.status).toBeTruthy();
      if (t.status === 'completed') {
        expect(t.output.transcript!.length).toBeGreaterThan(1);
        expect(t.output.duration).toBeGreaterThan(5);
        expect(t.output.recording_url).toBe(`${sb.baseUrl}/media/private/recordings/${t.task_id}.wav`);
      } else {
        expect(t.output.call_end_reason).toBeTruthy();
      }
    }

    // Filters see the new outcome.
    const outcome = completed[0]!.output.post_call_data!.summary.status;
    const filtered = (await listTasks(`search=Sim&status=${encodeURIComponent(outcome)}`)).data;
    expect(filtered.map((t) => t.task_id)).toContain(completed[0]!.task_id);

    // The recording is there, and as long as the call.
    const signed = await fetch(
      `${sb.baseUrl}/api/v1/media/pre-signed-url/?url=${encodeURIComponent(completed[0]!.output.recording_url!)}`,
      { headers: auth() },
    );
    const url = ((await signed.json()) as { data: { url: string } }).data.url;
    const wav = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    const seconds = wav.readUInt32LE(40) / wav.readUInt32LE(28);
    expect(seconds).toBeCloseTo(completed[0]!.output.duration!, 2);
  });

  it('passes through in_progress on the way', async () => {
    const slow = await startSandbox({ seed: 11, speed: 5 });
    try {
      const res = await fetch(`${slow.baseUrl}${API}/spaces/${slow.credentials.spaceToken}/tasks/`, {
        method: 'POST',
        headers: { Authorization: `Token ${slow.credentials.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          pilot: slow.credentials.agentHandle,
          documents: [doc('Slow Caller')],
          context: 'x',
        }),
      });
      const id = ((await res.json()) as { data: CreateData }).data.task_ids[0]!;
      const statusOf = async (): Promise<string> => {
        const r = await fetch(
          `${slow.baseUrl}${API}/spaces/${slow.credentials.spaceToken}/tasks/?page_size=1`,
          {
            headers: { Authorization: `Token ${slow.credentials.token}` },
          },
        );
        const t = ((await r.json()) as { data: TaskJson[] }).data[0]!;
        expect(t.task_id).toBe(id);
        return t.status;
      };
      expect(await statusOf()).toBe('pending');
      // Dialled after 1-4 simulated seconds (200-800 ms at speed 5); the call lasts longer.
      await waitFor('in_progress', async () => ((await statusOf()) === 'in_progress' ? true : null), 5000);
    } finally {
      await slow.close();
    }
  });
});
