// The demo tasks. Each is stored as a compact record (what listing and filtering need), and
// its full payload (input, transcript, summary, ...) is regenerated from the record's seed when
// it is served: 10,000+ tasks stay cheap in memory and start-up stays fast.
import { Prng, hashSeed } from './prng.ts';
import { CITIES, COMPANIES, FIRST_NAMES, LAST_NAMES, OCCUPATIONS, STREETS } from './names.ts';
import { FAILURES, generateCall, type CallResult, type ConnectedOutcome } from './calls.ts';
import type { AgentRecord, SpaceRecord, World } from './world.ts';
import type { CallType, SpeechTurn, Task, TaskStatus } from './task-types.ts';
import { DAY_MS, HOUR_MS, isoMicros, wallClock } from './time.ts';
import { DEFAULT_RECORDING_FORMAT, recordingFormatOf, type RecordingFormat } from '../recordings.ts';

export interface TaskRecord {
  /** Insertion order; breaks ties between equal `created`. */
  seq: number;
  taskId: string;
  runId: string;
  spaceToken: string;
  agentHandle: string;
  createdMs: number;
  status: TaskStatus;
  callType: CallType;
  /** output.post_call_data.summary.status, or null while there is no output. */
  outcome: string | null;
  name: string;
  nameLc: string;
  phone: string;
  phoneDigits: string;
  /** Seed of the details of a generated task. */
  seed: number;
  /** A task created (or changed) at runtime is kept whole. */
  live: LiveTask | null;
}

export interface LiveTask {
  task: Task;
  turns: SpeechTurn[];
}

export interface MaterializeEnv {
  world: World;
  baseUrl: string;
}

export const recordingPath = (taskId: string, container: 'wav' | 'mp3' = 'wav'): string =>
  `/media/private/recordings/${taskId}.${container}`;

/**
 * A few demo calls are long (10, 20 or 30 minutes): recordings of every length to seek in.
 * About one connected call in 50, chosen from the task's seed.
 */
export function longCallOf(record: TaskRecord): { longCallSeconds?: number } {
  if (record.live) return {};
  const p = new Prng(hashSeed('long-call', record.seed));
  return p.chance(0.02) ? { longCallSeconds: p.pick([600, 1200, 1800]) } : {};
}

/**
 * MP3 only for calls up to this long: the pure-JS encoder needs a few seconds per minute of
 * audio, and the sandbox renders on first request (longer calls stay WAV).
 */
export const MP3_MAX_SECONDS = 60;

/** How a task's recording is stored: tasks created at runtime get WAV mono, demo tasks vary. */
export function recordingFormatFor(record: TaskRecord, durationSec: number): RecordingFormat {
  if (record.live) return DEFAULT_RECORDING_FORMAT;
  const format = recordingFormatOf(hashSeed('recording-format', record.seed));
  return format.container === 'mp3' && durationSec > MP3_MAX_SECONDS
    ? { ...format, container: 'wav' }
    : format;
}

export function digitsOf(s: string): string {
  return s.replace(/\D+/g, '');
}

const US_AREA_CODES = ['212', '415', '512', '206', '312', '617', '305', '469', '720', '404'];
const COUNTRIES = [
  ['IN', 60],
  ['US', 25],
  ['UK', 15],
] as const;

export function phoneNumber(p: Prng): string {
  const country = p.weighted(COUNTRIES);
  if (country === 'IN') return `+91${p.int(6, 9)}${p.digits(9)}`;
  if (country === 'US') return `+1${p.pick(US_AREA_CODES)}${p.int(2, 9)}${p.digits(2)}${p.digits(4)}`;
  return `+447${p.digits(9)}`;
}

const OLDER_STATUSES: ReadonlyArray<readonly [TaskStatus, number]> = [
  ['completed', 68],
  ['failed', 17],
  ['partially_completed', 8],
  ['hold', 7],
];
const RECENT_STATUSES: ReadonlyArray<readonly [TaskStatus, number]> = [
  ['pending', 35],
  ['scheduled', 30],
  ['in_progress', 20],
  ['hold', 15],
];
const OUTBOUND_OUTCOMES: ReadonlyArray<readonly [ConnectedOutcome, number]> = [
  ['Interested', 24],
  ['Not Interested', 24],
  ['Call Back', 20],
  ['Voicemail', 16],
  ['Wrong Number', 8],
  ['Do Not Call', 8],
];
const INBOUND_OUTCOMES: ReadonlyArray<readonly [ConnectedOutcome, number]> = [
  ['Interested', 50],
  ['Not Interested', 25],
  ['Call Back', 25],
];

/** Outcome label for a finished task, and whether the call came in. */
function outcomeFor(p: Prng, status: TaskStatus): { outcome: string | null; callType: CallType } {
  if (status === 'completed') {
    const callType: CallType = p.chance(0.12) ? 'inbound' : 'outbound';
    return { outcome: p.weighted(callType === 'inbound' ? INBOUND_OUTCOMES : OUTBOUND_OUTCOMES), callType };
  }
  if (status === 'partially_completed') return { outcome: 'Call Back', callType: 'outbound' };
  if (status === 'failed') return { outcome: p.pick(FAILURES).label, callType: 'outbound' };
  return { outcome: null, callType: 'outbound' };
}

/**
 * Generates a space's tasks, oldest first. Tasks come in runs (a pilot given a batch of leads
 * at once), spread over the 30 days before the epoch; the newest tenth are still waiting or
 * running, the rest finished. With 7 or more tasks every status occurs.
 */
export function generateSpaceTasks(
  world: World,
  space: SpaceRecord,
  count: number,
  firstSeq: number,
): TaskRecord[] {
  const p = new Prng(hashSeed('tasks', world.seed, space.token));
  const spaceSeed = hashSeed('task', world.seed, space.token);
  const batches: number[] = [];
  for (let left = count; left > 0;) {
    const size = Math.min(
      left,
      p.weighted([
        [1, 3],
        [p.int(2, 8), 4],
        [p.int(9, 25), 3],
      ] as const),
    );
    batches.push(size);
    left -= size;
  }
  const span = 29 * DAY_MS;
  const newestMs = world.epochMs - HOUR_MS;
  const recentCount = Math.max(4, Math.round(count * 0.1));
  const newestFirst: TaskRecord[] = [];
  batches.forEach((size, b) => {
    const spread = newestMs - (b + p.float(0, 0.9)) * (span / batches.length);
    // Campaigns run in business hours (09:30-18:30 IST, 04:00-13:00 UTC) on that day.
    const inHours = Math.floor(spread / DAY_MS) * DAY_MS + (4 + p.float(0, 9)) * HOUR_MS;
    const runStart = inHours <= newestMs ? inHours : spread;
    const agentHandle = p.weighted(space.taskOwners);
    const runId = `R${p.hex(32)}`;
    for (let i = 0; i < size; i++) {
      const index = newestFirst.length;
      const status = p.weighted(index < recentCount ? RECENT_STATUSES : OLDER_STATUSES);
      const name = `${p.pick(FIRST_NAMES)} ${p.pick(LAST_NAMES)}`;
      const phone = phoneNumber(p);
      const { outcome, callType } = outcomeFor(p, status);
      newestFirst.push({
        seq: 0,
        taskId: `T${p.hex(32)}`,
        runId,
        spaceToken: space.token,
        agentHandle,
        // Tasks of one run are created a few hundred milliseconds apart, newest last.
        createdMs: Math.round(runStart + (size - 1 - i) * p.int(40, 400)),
        status,
        callType,
        outcome,
        name,
        nameLc: name.toLowerCase(),
        phone,
        phoneDigits: digitsOf(phone),
        seed: (spaceSeed + Math.imul(index + 1, 0x9e3779b1)) >>> 0,
        live: null,
      });
    }
  });
  ensureEveryStatus(p, newestFirst, recentCount);
  const oldestFirst = newestFirst.sort((a, b) => a.createdMs - b.createdMs);
  oldestFirst.forEach((r, i) => (r.seq = firstSeq + i));
  return oldestFirst;
}

function ensureEveryStatus(p: Prng, records: TaskRecord[], recentCount: number): void {
  if (records.length < 7) return;
  const present = new Set(records.map((r) => r.status));
  const fix = (status: TaskStatus, from: number, to: number): void => {
    if (present.has(status)) return;
    // Replace a status that occurs more than once, so fixing one never removes another.
    const counts = new Map<TaskStatus, number>();
    for (const r of records) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    for (let i = from; i < to; i++) {
      const r = records[i]!;
      if ((counts.get(r.status) ?? 0) > 1) {
        const { outcome, callType } = outcomeFor(p, status);
        r.status = status;
        r.outcome = outcome;
        r.callType = callType;
        present.add(status);
        return;
      }
    }
  };
  const recentEnd = Math.min(recentCount, records.length);
  for (const [s] of RECENT_STATUSES) fix(s, 0, recentEnd);
  for (const [s] of OLDER_STATUSES) fix(s, recentEnd, records.length);
  for (const [s] of [...RECENT_STATUSES, ...OLDER_STATUSES]) fix(s, 0, records.length);
}

export function findAgent(world: World, handle: string): AgentRecord | undefined {
  return world.agents.find((a) => a.handle === handle);
}

export function findSpace(world: World, token: string): SpaceRecord | undefined {
  return world.spaces.find((s) => s.token === token);
}

/** Everything about a lead that is not in the compact record. */
export interface LeadDetails {
  company: string | null;
  email: string;
  occupation: string;
  address: string;
  context: string;
  objective: string;
  /** Script variables that must agree with the context (invoice numbers, amounts, dates). */
  vars: Record<string, string>;
}

// Made once: toLocaleString builds a new formatter on every call, which made this the demo's
// costliest line while it serves a sync (on the app's main thread, where the demo sandbox runs).
const INDIAN_AMOUNT = new Intl.NumberFormat('en-IN');
const US_AMOUNT = new Intl.NumberFormat('en-US');

function money(phone: string, p: Prng): string {
  return phone.startsWith('+91')
    ? `Rs. ${INDIAN_AMOUNT.format(p.int(5, 250) * 1000)}`
    : `$${US_AMOUNT.format(p.int(3, 120) * 50)}`;
}

export function leadDetails(
  p: Prng,
  agent: AgentRecord,
  name: string,
  phone: string,
  createdMs: number,
): LeadDetails {
  const company = p.chance(0.85) ? p.pick(COMPANIES) : null;
  const [first = name, last = ''] = name.split(' ');
  const domain = company
    ? `${company.toLowerCase().replace(/[^a-z]+/g, '')}.com`
    : p.pick(['gmail.com', 'outlook.com']);
  const email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]+/g, '') + `@${domain}`;
  const occupation = p.pick(OCCUPATIONS);
  const address = `${p.int(1, 400)}/${p.int(1, 60)} ${p.pick(STREETS)}, ${p.pick(CITIES)}`;
  const amount = money(phone, p);
  const due = wallClock(createdMs - p.int(2, 20) * DAY_MS).slice(0, 10);
  const invoice = `INV-${new Date(createdMs).getUTCFullYear()}-${p.digits(4)}`;
  const visit = wallClock(createdMs - p.int(1, 5) * DAY_MS).slice(0, 10);
  const vars = { amount, due, invoice, visit };
  return { company, email, occupation, address, vars, ...leadBrief(p, agent.persona, vars) };
}

/** What the agent is told about the lead (context) and asked to do (objective), by persona. */
function leadBrief(
  p: Prng,
  persona: AgentRecord['persona'],
  { amount, due, invoice, visit }: { amount: string; due: string; invoice: string; visit: string },
): Pick<LeadDetails, 'context' | 'objective'> {
  switch (persona) {
    case 'payments':
      return {
        context: `Pending invoice ${invoice}, amount ${amount}, due date ${due}.`,
        objective: `Payment reminder for invoice ${invoice}`,
      };
    case 'feedback':
      return {
        context: `Visited the ${p.pick(['Indiranagar', 'Downtown', 'Riverside', 'Central'])} branch on ${visit}.`,
        objective: 'Collect feedback on the recent visit',
      };
    case 'qualifier':
      return {
        context: `Requested a demo from the pricing page. Budget: ${amount}. Timeline: ${p.pick(['this quarter', 'next quarter', 'not decided'])}.`,
        objective: 'Qualify the lead: budget, timeline, decision makers',
      };
    default:
      return {
        context: `${p.pick(['Downloaded the automation guide', 'Visited the booth at SaaS Expo', 'Signed up for the newsletter', 'Referred by an existing customer'])}. Team size about ${p.int(2, 80)}.`,
        objective: p.pick([
          'Follow up with potential clients for a product demo',
          'Introduce the calling platform and book a demo',
          'Check interest in the new pricing plan',
        ]),
      };
  }
}

export function callResultFor(status: TaskStatus, outcome: string | null): CallResult | null {
  if (status === 'completed')
    return { kind: 'completed', outcome: (outcome ?? 'Interested') as ConnectedOutcome };
  if (status === 'partially_completed') return { kind: 'partial' };
  if (status === 'failed')
    return { kind: 'failed', failure: FAILURES.find((f) => f.label === outcome) ?? FAILURES[0] };
  return null;
}

export function userInfo(world: World): Task['user_info'] {
  return {
    id: world.user.id,
    email: world.user.email,
    full_name: world.user.fullName,
    user_token: world.user.userToken,
  };
}

/** The full payload of a task: its live copy, or regenerated from its seed. */
export function materialize(record: TaskRecord, env: MaterializeEnv): LiveTask {
  if (record.live) return record.live;
  const { world } = env;
  const space = findSpace(world, record.spaceToken)!;
  const agent = findAgent(world, record.agentHandle)!;
  const org = world.organizations.find((o) => o.domainHandle === space.orgHandle)!;
  const p = new Prng(hashSeed('detail', record.seed));
  const lead = leadDetails(p, agent, record.name, record.phone, record.createdMs);
  const id = p.hex(24);
  const refId = p.chance(0.7) ? p.hex(24) : `lead_${p.digits(6)}`;
  const input: Record<string, unknown> = {
    name: record.name,
    contact_number: record.phone,
    email: lead.email,
    address: lead.address,
    occupation: lead.occupation,
    company_name: lead.company ?? '',
    context: lead.context,
  };
  if (p.chance(0.4)) input['about'] = `${lead.occupation}${lead.company ? ` at ${lead.company}` : ''}`;
  if (p.chance(0.3)) input['labels'] = [p.pick(['Hot lead', 'Webinar', 'Referral', 'Renewal'])];

  let modifiedMs = record.createdMs;
  let output: Task['output'] = {};
  let turns: SpeechTurn[] = [];
  const result = callResultFor(record.status, record.outcome);
  if (result) {
    const startMs = record.createdMs + p.int(5, 600) * 1000;
    const call = generateCall(
      new Prng(hashSeed('call', record.seed)),
      {
        persona: agent.persona,
        orgName: org.name,
        assistantNumber: agent.assistantNumber,
        customerName: record.name,
        contactNumber: record.phone,
        email: lead.email,
        company: lead.company,
        callType: record.callType,
        result,
        startMs,
        recordingUrl: `${env.baseUrl}${recordingPath(record.taskId)}`,
        ...longCallOf(record),
      },
      lead.vars,
    );
    output = call.output;
    if ('recording_url' in output) {
      const { container } = recordingFormatFor(record, output.duration);
      output.recording_url = `${env.baseUrl}${recordingPath(record.taskId, container)}`;
    }
    turns = call.turns;
    modifiedMs = startMs + call.output.duration * 1000 + p.int(2, 30) * 1000;
  } else if (record.status === 'in_progress') {
    modifiedMs = record.createdMs + p.int(5, 60) * 1000;
  } else if (record.status === 'hold') {
    modifiedMs = record.createdMs + p.int(1, 6) * HOUR_MS;
  }
  modifiedMs = Math.min(modifiedMs, world.epochMs);

  const task: Task = {
    _id: id,
    space_id: space.id,
    thread_id: null,
    user: world.user.id,
    user_org_id: org.id,
    user_info: userInfo(world),
    created: isoMicros(record.createdMs),
    modified: isoMicros(modifiedMs),
    task_id: record.taskId,
    run_id: record.runId,
    collection_ref: `collection_data_${space.token.slice(0, 12)}`,
    task: { objective: lead.objective },
    input,
    output,
    attachments: [],
    assignee: record.agentHandle,
    status: record.status,
    execution_type: 'call',
    ref_id: refId,
  };
  return { task, turns };
}
