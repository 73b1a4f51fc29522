// The fixed part of the demo workspace: the signed-in user, tokens, organizations, spaces and
// agents. Deterministic per seed.
import { Prng, hashSeed } from './prng.ts';
import { ORGANIZATION_NAMES } from './names.ts';
import { DAY_MS, isoMicros } from './time.ts';

/** What kind of calls an agent makes; drives its transcripts and summaries. */
export type Persona = 'sales' | 'payments' | 'qualifier' | 'feedback' | 'chat';

export interface OrgRecord {
  name: string;
  token: string;
  domain: string;
  domainHandle: string;
  isPrivateDomain: boolean;
  role: 'admin' | 'member' | 'viewer';
  /** Numeric id, used as tasks' user_org_id. */
  id: string;
}

export interface AgentRecord {
  handle: string;
  name: string;
  type: 'Voice' | 'Chat';
  state: 'published' | 'draft';
  description: string;
  purpose: string;
  orgHandle: string;
  persona: Persona;
  /** The caller id its calls come from. */
  assistantNumber: string;
}

export interface SpaceRecord {
  /** Numeric id, as tasks' space_id. */
  id: string;
  name: string;
  slug: string;
  token: string;
  description: string;
  logo: string | null;
  privacyType: 'shared' | 'private';
  spaceType: string;
  contentType: 'contact';
  orgHandle: string;
  created: string;
  modified: string;
  /** Agents linked to the space (shown in the space detail). */
  agentHandles: string[];
  /** Default task count, and which agents own them (weights). */
  defaultTaskCount: number;
  taskOwners: Array<readonly [string, number]>;
}

export interface UserRecord {
  id: string;
  email: string;
  fullName: string;
  userToken: string;
}

export interface World {
  seed: number;
  /** The instant the demo data is "now" for (ms). */
  epochMs: number;
  token: string;
  expiredToken: string;
  user: UserRecord;
  organizations: OrgRecord[];
  spaces: SpaceRecord[];
  agents: AgentRecord[];
}

const slugify = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function agentHandle(p: Prng): string {
  return `space-agent-${p.lowerAlnum(25)}`;
}

export function buildWorld(seed: number, epochMs: number): World {
  const p = new Prng(hashSeed('world', seed));
  const firstOrg = p.int(0, ORGANIZATION_NAMES.length - 1);
  const secondOrg = (firstOrg + p.int(1, ORGANIZATION_NAMES.length - 1)) % ORGANIZATION_NAMES.length;
  const orgs: OrgRecord[] = [firstOrg, secondOrg].map((index, i) => {
    const name = ORGANIZATION_NAMES[index]!;
    const handle = slugify(name);
    return {
      name,
      token: p.upperAlnum(20),
      domain: `${handle.replace(/-/g, '')}.com`,
      domainHandle: handle,
      isPrivateDomain: i === 0,
      role: i === 0 ? 'admin' : 'member',
      id: String(p.int(100, 999)),
    };
  });
  const [main, other] = orgs as [OrgRecord, OrgRecord];

  const voiceNumber = (): string => `+91${p.pick(['7', '8', '9'])}${p.digits(9)}`;
  const agent = (
    org: OrgRecord,
    name: string,
    type: AgentRecord['type'],
    state: AgentRecord['state'],
    persona: Persona,
    description: string,
    purpose: string,
  ): AgentRecord => ({
    handle: agentHandle(p),
    name,
    type,
    state,
    description,
    purpose,
    orgHandle: org.domainHandle,
    persona,
    assistantNumber: type === 'Voice' ? voiceNumber() : '',
  });

  const sales = agent(
    main,
    'Aria - Sales Outreach',
    'Voice',
    'published',
    'sales',
    'Hi, this is Aria. I follow up with new leads and book product demos.',
    'Qualify inbound leads and schedule demos',
  );
  const payments = agent(
    main,
    'Payment Reminder',
    'Voice',
    'published',
    'payments',
    'Polite reminders for invoices that are due or overdue.',
    'Collect payment commitments',
  );
  const qualifier = agent(
    main,
    'Lead Qualifier v2 (draft)',
    'Voice',
    'draft',
    'qualifier',
    'Next version of the qualifier script, being tested on a slice of the leads.',
    '',
  );
  const concierge = agent(
    main,
    'Website Concierge',
    'Chat',
    'published',
    'chat',
    'Answers questions on the website chat.',
    'Support',
  );
  const feedback = agent(
    other,
    'Feedback Collector',
    'Voice',
    'published',
    'feedback',
    'Calls customers after a visit and asks how it went.',
    'Customer satisfaction survey',
  );
  const surveyChat = agent(
    other,
    'Survey Chat (draft)',
    'Chat',
    'draft',
    'chat',
    'Chat version of the survey.',
    '',
  );

  const space = (
    org: OrgRecord,
    name: string,
    description: string,
    privacyType: SpaceRecord['privacyType'],
    agents: AgentRecord[],
    defaultTaskCount: number,
    taskOwners: Array<readonly [AgentRecord, number]>,
  ): SpaceRecord => {
    const createdMs = epochMs - p.int(60, 200) * DAY_MS + p.int(0, 86_399) * 1000;
    return {
      id: String(p.int(100, 9999)),
      name,
      slug: `${slugify(name)}-${p.lowerAlnum(6)}`,
      token: p.upperAlnum(24),
      description,
      logo: null,
      privacyType,
      spaceType: 'general',
      contentType: 'contact',
      orgHandle: org.domainHandle,
      created: isoMicros(createdMs),
      modified: isoMicros(createdMs + p.int(1, 50) * DAY_MS),
      agentHandles: agents.map((a) => a.handle),
      defaultTaskCount,
      taskOwners: taskOwners.map(([a, w]) => [a.handle, w] as const),
    };
  };

  const spaces = [
    space(
      main,
      'Q3 Outbound Sales',
      'Warm leads from the website and trade shows.',
      'shared',
      [sales, qualifier, concierge, payments],
      400,
      [
        [sales, 75],
        [qualifier, 10],
        [payments, 15],
      ],
    ),
    space(main, 'Payment Reminders', 'Invoices due this month.', 'private', [payments], 140, [[payments, 1]]),
    space(
      other,
      'Customer Feedback',
      'Post-visit satisfaction calls.',
      'shared',
      [feedback, surveyChat],
      60,
      [[feedback, 1]],
    ),
  ];

  return {
    seed,
    epochMs,
    // DRF-style 40-hex keys.
    token: p.hex(40),
    expiredToken: p.hex(40),
    user: {
      id: String(p.int(100, 999)),
      email: `demo.supervisor@${main.domain}`,
      fullName: 'Demo Supervisor',
      userToken: p.upperAlnum(16),
    },
    organizations: orgs,
    spaces,
    agents: [sales, payments, qualifier, concierge, feedback, surveyChat],
  };
}
