// Realistic, deterministic platform tasks for benchmarks: the documented task shape, Indian and
// international leads (some with diacritics, CJK or emoji in the name), every status, and for
// finished calls a transcript, summaries, outcome labels, duration, cost and a recording URL.
// Same seed, same tasks: runs on different machines compare like with like.
import type { Task } from '../../src-main/store/task-shape.ts';

/** mulberry32: a tiny seeded PRNG, good enough for test data. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
const int = (rnd: Random, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
const weighted = <T>(rnd: Random, table: readonly (readonly [T, number])[]): T => {
  let r = rnd() * table.reduce((s, [, w]) => s + w, 0);
  for (const [value, weight] of table) {
    r -= weight;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
};

export const FIRST_NAMES = [
  'Rajesh',
  'Priya',
  'Amit',
  'Sunita',
  'Vikram',
  'Ananya',
  'Rahul',
  'Meera',
  'Arjun',
  'Kavya',
  'Suresh',
  'Deepa',
  'Karan',
  'Neha',
  'Sanjay',
  'Pooja',
  'Anil',
  'Lakshmi',
  'Ravi',
  'Divya',
  'Mohammed',
  'Fatima',
  'Imran',
  'Ayesha',
  'John',
  'Sarah',
  'David',
  'Maria',
  'José',
  'Zoë',
  'Łukasz',
  'Søren',
  'Aoife',
  'François',
  'Müller',
  'Chloé',
  'Nguyễn',
  'Siddharth',
  'Harpreet',
  'Gurpreet',
  'Venkatesh',
  'Shreya',
  '太郎',
  'राजेश',
  'Ana 🌟',
  'Olúwasẹ́un',
  'Björn',
  'Ingrid',
] as const;
export const LAST_NAMES = [
  'Kumar',
  'Sharma',
  'Patel',
  'Singh',
  'Iyer',
  'Rao',
  'Reddy',
  'Nair',
  'Gupta',
  'Mehta',
  'Das',
  'Joshi',
  'Khan',
  'Chopra',
  'Menon',
  'Pillai',
  'Bose',
  'Agarwal',
  'Smith',
  'Johnson',
  "O'Brien",
  'García',
  'Łukasiewicz',
  'Østergaard',
  'Dubois',
  'Schmidt',
  'Tanaka',
  '山田',
  'Kowalski',
  'Fernández',
  'Banerjee',
] as const;
const COMPANIES = [
  'TechStart Solutions',
  'Global Enterprises Ltd',
  'Sunrise Insurance',
  'Apex Motors',
  'BlueLeaf Realty',
  'Nimbus Cloud',
  'Ganga Textiles',
  'Horizon Finance',
  'Metro Health Clinic',
  'Orbit Logistics',
  'Acme, Inc.',
  'Café Lumière',
  'Shree Balaji Traders',
  'Zenith Edu',
  'Kaveri Foods',
] as const;
const DOMAINS = ['gmail.com', 'yahoo.co.in', 'outlook.com', 'company.in', 'mail.com'] as const;
const PRODUCTS = [
  'AI automation tools',
  'health insurance',
  'a home loan',
  'the premium plan',
  'solar panels',
];
const OBJECTIVES = [
  'Follow up with potential clients for product demo',
  'Payment reminder for the pending invoice',
  'Renewal reminder for the insurance policy',
  'Collect feedback about the recent service visit',
  'Qualify the lead and book a site visit',
  'call',
] as const;

export const OUTCOMES = [
  'Call Back',
  'Interested',
  'Not Interested',
  'Not Reachable',
  'Wrong Number',
  'Converted',
  'Follow Up',
] as const;
export const LABELS = [
  'Interested',
  'Not Interested',
  'Callback Requested',
  'Do Not Call',
  'Payment Promised',
  'Wrong Number',
  'Voicemail',
  'Hot Lead',
] as const;
export const STATUSES = [
  ['completed', 58],
  ['failed', 14],
  ['pending', 10],
  ['scheduled', 7],
  ['in_progress', 4],
  ['hold', 3],
  ['partially_completed', 4],
] as const;

export const SPACES = [
  {
    token: 'SPC-SALES-8Q2M',
    id: '321',
    weight: 6,
    agents: ['sales-agent-v3', 'sales-agent-hindi', 'demo-booker'],
  },
  { token: 'SPC-COLLECT-4T7', id: '322', weight: 3, agents: ['payment-bot-v1', 'payment-bot-v2'] },
  { token: 'SPC-RENEW-2X9K', id: '323', weight: 1, agents: ['renewals-agent', 'sales-agent-v3'] },
] as const;

const ASSISTANT_LINES = [
  'Hello, am I speaking with {name}?',
  'This is Riya calling from {company} regarding {product}.',
  'I am calling about your policy number {policy}, which is due for renewal on {date}.',
  'Your invoice INV-2025-{invoice} of Rs. {amount} is pending since last week.',
  'Would you like me to schedule a callback at a convenient time?',
  'Can I share the details on WhatsApp or email?',
  'Thank you for your time, have a great day.',
  'May I know when would be a good time to discuss the payment?',
  'We have a special offer this month with zero processing fee.',
  'Could you please confirm your email address?',
  'I understand. I will note that you are not interested at the moment.',
  'Our executive can visit your office on {date} for a demo.',
] as const;
const USER_LINES = [
  'Yes, speaking. Who is this?',
  'I am busy right now, please call me back tomorrow evening.',
  'Okay, tell me more about the pricing.',
  'I already paid the amount yesterday through UPI.',
  'Not interested, please do not call again.',
  'Can you send the details on email?',
  'Haan, boliye. Kya offer hai?',
  'What is the interest rate for this plan?',
  'I will pay by Friday, send me the payment link.',
  'Wrong number, there is no {name} here.',
  'Sounds good, book the demo for next week.',
  'Hello? Hello? I cannot hear you properly.',
] as const;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** The platform's zoneless timestamp format, with microseconds. */
export const platformTime = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`;
};

/** The newest `created` a generated task can have (a fixed date keeps runs comparable). */
export const GENERATED_UNTIL = Date.UTC(2025, 5, 1);
/** Time between consecutive generated tasks (task i is about i × this before GENERATED_UNTIL). */
export const TASK_SPACING_MS = 100_000;

const hex = (rnd: Random, n: number) => {
  let out = '';
  while (out.length < n)
    out += Math.floor(rnd() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, n);
};

/** Task number `index` of the data set `seed` (independent of the others, so chunks can be made lazily). */
export function generateTask(index: number, seed = 1): Task {
  const rnd = createRandom(seed * 1_000_003 + index);
  const space = weighted(
    rnd,
    SPACES.map((s) => [s, s.weight] as const),
  );
  const first = pick(rnd, FIRST_NAMES);
  const last = pick(rnd, LAST_NAMES);
  const name = `${first} ${last}`;
  const phone =
    rnd() < 0.9
      ? `+91${int(rnd, 6, 9)}${int(rnd, 100000000, 999999999)}`
      : `+1${int(rnd, 2000000000, 9999999999)}`;
  const company = pick(rnd, COMPANIES);
  const status = weighted(rnd, STATUSES);
  // Newest first, as the platform lists tasks (and so as a full sync stores them): about 864
  // tasks a day, so 100k tasks span ~116 days.
  const created = GENERATED_UNTIL - index * TASK_SPACING_MS - Math.floor(rnd() * TASK_SPACING_MS);
  const fill = (line: string) =>
    line
      .replace('{name}', first)
      .replace('{company}', company)
      .replace('{product}', pick(rnd, PRODUCTS))
      .replace('{policy}', String(int(rnd, 100000000, 999999999)))
      .replace('{invoice}', pad(int(rnd, 1, 999), 3))
      .replace('{amount}', `${int(rnd, 1, 99)},${pad(int(rnd, 0, 999), 3)}`)
      .replace('{date}', `${int(rnd, 1, 28)} ${pick(rnd, ['March', 'April', 'May', 'June'])}`);

  const finished = status === 'completed' || status === 'failed' || status === 'partially_completed';
  let output: Record<string, unknown> = {};
  if (finished) {
    const connected = status !== 'failed' || rnd() < 0.3;
    const turns = connected ? int(rnd, 6, 28) : 0;
    const transcript = Array.from({ length: turns }, (_, i) => ({
      role: i % 2 === 0 ? 'assistant' : 'user',
      content: fill(pick(rnd, i % 2 === 0 ? ASSISTANT_LINES : USER_LINES)),
      user_id: i % 2 === 0 ? null : 'unknown',
      timestamp: '',
    }));
    const duration = connected
      ? Math.round((8 + turns * (4 + rnd() * 9)) * 1000) / 1000
      : Math.round(rnd() * 5000) / 1000;
    const cost = Math.round(duration * 0.0018 * 1000) / 1000;
    const outcome = connected ? pick(rnd, OUTCOMES) : 'Not Reachable';
    const labels = connected ? Array.from({ length: int(rnd, 0, 2) }, () => pick(rnd, LABELS)) : [];
    output = {
      call_id: `${hex(rnd, 8)}-${hex(rnd, 4)}-${hex(rnd, 4)}-${hex(rnd, 4)}-${hex(rnd, 12)}`,
      customer: name,
      contact_number: phone.replace('+', ''),
      call_end_reason: connected
        ? pick(rnd, ['customer-ended-call', 'assistant-ended-call'])
        : 'customer-did-not-answer',
      recording_url: connected
        ? `https://store.unpod.ai/media/private/high-call-recordings/${hex(rnd, 24)}.ogg`
        : '',
      transcript,
      start_time: platformTime(created + 60_000)
        .replace('T', ' ')
        .slice(0, 19),
      end_time: platformTime(created + 60_000 + duration * 1000)
        .replace('T', ' ')
        .slice(0, 19),
      assistant_number: '+919949883072',
      call_summary: connected
        ? `The agent called ${first} about ${pick(rnd, PRODUCTS)}. ${fill(pick(rnd, USER_LINES))}`
        : 'The call was not answered.',
      duration,
      cost,
      post_call_data: {
        classification: {
          labels,
          summary: connected ? `${first} was ${outcome.toLowerCase()}.` : 'No answer.',
        },
        summary: {
          status: outcome,
          summary: connected ? `Spoke with ${name}; outcome ${outcome}.` : 'Customer did not pick up.',
          name: connected ? name : 'N/A',
          contact: 'N/A',
          callback_datetime: 'N/A',
          hours_from_now: 'N/A',
        },
        success_evaluator: `{"score": ${int(rnd, 1, 10)}, "reason": "auto"}`,
        call_back: null,
        follow_up: null,
        structured_data: '{"customer_name": null}',
        webhook_data: null,
        call_evaluation: [],
      },
      metadata: { cost, type: 'outboundPhoneCall', usage: {} },
    };
  }
  const objectId = hex(rnd, 24);
  return {
    _id: objectId,
    space_id: space.id,
    thread_id: null,
    user: '456',
    user_org_id: '789',
    user_info: {
      id: '456',
      email: 'supervisor@example.com',
      full_name: 'Sarah Johnson',
      user_token: 'USERTOKEN',
    },
    created: platformTime(created),
    modified: platformTime(created + (finished ? int(rnd, 60, 900) * 1000 : 0)),
    task_id: `T${hex(rnd, 31)}`,
    run_id: `R${hex(rnd, 31)}`,
    collection_ref: `collection_data_${space.id}`,
    task: { objective: pick(rnd, OBJECTIVES) },
    input: {
      name,
      contact_number: phone,
      email:
        rnd() < 0.7
          ? `${first.toLowerCase()}.${last.toLowerCase()}@${pick(rnd, DOMAINS)}`.replace(/[^\w.@-]/g, '')
          : null,
      company_name: company,
      address: pick(rnd, ['Bangalore, Karnataka', 'Mumbai, Maharashtra', 'New Delhi', 'Chennai', 'Pune']),
      occupation: pick(rnd, ['CTO', 'Finance Manager', 'Owner', 'Developer', 'Teacher', 'Doctor']),
      context: fill(
        pick(rnd, [
          'Policy Number {policy}, Amount Rupees {amount}, Due Date {date}',
          'Interested in {product}. Budget: 50K-1L, Timeline: Q3',
          'Pending invoice INV-2025-{invoice} amount Rs. {amount}, due date {date}',
          'Met at the expo, asked about {product}',
        ]),
      ),
    },
    output,
    attachments: [],
    assignee: pick(rnd, space.agents),
    status,
    execution_type: space.token === 'SPC-RENEW-2X9K' && rnd() < 0.2 ? 'email' : 'call',
    ref_id: `doc-${index}`,
  };
}

/** The space scope a generated task was listed under. */
export const spaceTokenOf = (task: Task): string => SPACES.find((s) => s.id === task.space_id)!.token;
