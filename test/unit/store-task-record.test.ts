import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-main/store/canonical-json.ts';
import { parsePlatformTime } from '../../src-main/store/platform-time.ts';
import { labelsOf, toSearchText, toTaskRecord } from '../../src-main/store/task-record.ts';
import type { Task } from '../../src-main/store/task-shape.ts';

const space = { kind: 'space', spaceToken: 'SPACE1' } as const;
const agent = { kind: 'agent', agentHandle: 'sales-bot' } as const;

const completed: Task = {
  _id: 'space_task_id_001',
  task_id: 'TASK_SPACE_456789',
  space_id: '999',
  created: '2025-01-15T14:30:00.000000',
  modified: '2025-01-15T14:35:00.000000',
  task: { objective: 'Follow up with potential clients' },
  input: {
    name: 'Rajesh Kumar',
    contact_number: '+919988776655',
    email: 'rajesh@techstart.in',
    company_name: 'TechStart Solutions',
    context: 'Budget: 50K-1L',
  },
  output: {
    contact_number: '70000380188',
    recording_url: 'https://store.unpod.ai/media/private/x.ogg',
    transcript: [
      { role: 'user', content: 'And reason for calling', user_id: 'unknown', timestamp: '' },
      { role: 'assistant', content: 'Hello?', user_id: null, timestamp: '' },
      { role: 'system', type: 'note', message: 'transferred\u0001 to human' },
    ],
    call_summary: 'An AI representative called.',
    duration: 76.769,
    metadata: { cost: 0.139, type: 'outboundPhoneCall' },
    post_call_data: {
      // Stored JSON may be older or hand-edited: a number among the labels is read as text.
      classification: {
        labels: ['Interested', ' interested ', '', 42 as unknown as string, 'VIP'],
        summary: 'Expressed interest.',
      },
      summary: { status: 'Call Back', summary: 'Introduction and inquiry.' },
    },
  },
  assignee: 'sales-bot-v3',
  status: 'completed',
  execution_type: 'call',
};

describe('toTaskRecord', () => {
  it('extracts the list columns from a documented completed task', () => {
    const r = toTaskRecord(completed, space)!;
    expect(r).toMatchObject({
      id: 'TASK_SPACE_456789',
      docId: 'space_task_id_001',
      spaceToken: 'SPACE1',
      spaceId: '999',
      assignee: 'sales-bot-v3',
      status: 'completed',
      executionType: 'call',
      createdTs: Date.UTC(2025, 0, 15, 14, 30),
      modifiedTs: Date.UTC(2025, 0, 15, 14, 35),
      name: 'Rajesh Kumar',
      contactNumber: '+919988776655',
      email: 'rajesh@techstart.in',
      company: 'TechStart Solutions',
      outcomeStatus: 'Call Back',
      duration: 76.769,
      cost: 0.139, // from output.metadata.cost when output.cost is missing
      hasRecording: true,
    });
    expect(r.labels).toEqual(['Interested', '42', 'VIP']);
  });

  it('reads a pending task with an empty output', () => {
    const pending: Task = { _id: 'only-object-id', status: 'pending', output: {}, input: { name: 'Priya' } };
    const r = toTaskRecord(pending, agent)!;
    expect(r.id).toBe('only-object-id');
    expect(r.assignee).toBe('sales-bot'); // implied by the agent listing
    expect(r.spaceToken).toBeNull();
    expect([r.duration, r.cost, r.outcomeStatus, r.createdTs]).toEqual([null, null, null, null]);
    expect(r.hasRecording).toBe(false);
    expect(r.labels).toEqual([]);
  });

  it('skips a task without any id', () => {
    expect(toTaskRecord({ status: 'pending' } as Task, space)).toBeNull();
  });

  it('hashes the JSON as received, and the same content gives the same hash', () => {
    const copy = JSON.parse(JSON.stringify(completed)) as Task;
    expect(toTaskRecord(copy, space)!.contentHash).toBe(toTaskRecord(completed, space)!.contentHash);
    const changed = { ...completed, status: 'failed' };
    expect(toTaskRecord(changed, space)!.contentHash).not.toBe(toTaskRecord(completed, space)!.contentHash);
    expect(JSON.parse(toTaskRecord(completed, space)!.json)).toEqual(completed);
  });
});

describe('toSearchText', () => {
  it('collects transcript lines, summaries and phone digit variants, without control characters', () => {
    const r = toTaskRecord(completed, space)!;
    const text = toSearchText(completed, r);
    expect(text.transcript).toBe('And reason for calling\nHello?\ntransferred  to human');
    expect(text.summary).toBe('An AI representative called.\nIntroduction and inquiry.\nExpressed interest.');
    // Both numbers, each with every digit suffix from four digits on (last digits, national, full).
    expect(text.phoneDigits.split(' ')).toEqual([
      ...['919988776655', '19988776655', '9988776655', '988776655', '88776655', '8776655', '776655'],
      ...['76655', '6655'],
      ...['70000380188', '0000380188', '000380188', '00380188', '0380188', '380188', '80188', '0188'],
    ]);
    expect(text.objective).toBe('Follow up with potential clients');
  });
});

describe('labelsOf', () => {
  it('tolerates a missing or malformed classification', () => {
    expect(
      labelsOf({ status: 'x', task_id: 'a', output: { post_call_data: { classification: null } } }),
    ).toEqual([]);
    expect(labelsOf({ status: 'x', task_id: 'a', output: { post_call_data: null } })).toEqual([]);
  });
});

describe('canonicalJson', () => {
  it('gives one text for the same content in any key order', () => {
    const reordered = Object.fromEntries(Object.entries(completed).reverse()) as Task;
    expect(canonicalJson(reordered)).toBe(canonicalJson(completed));
  });

  it('sorts keys at every level and drops undefined like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"e":2,"f":1}]},"b":1}',
    );
    expect(JSON.parse(canonicalJson(completed))).toEqual(completed);
    const tricky = JSON.parse('{"z": 1, "__proto__": {"x": 1}, "a": null}') as unknown;
    expect(canonicalJson(tricky)).toBe('{"__proto__":{"x":1},"a":null,"z":1}');
  });
});

describe('parsePlatformTime', () => {
  it('reads zoneless platform timestamps as UTC', () => {
    expect(parsePlatformTime('2025-01-15T14:30:00.000000')).toBe(Date.UTC(2025, 0, 15, 14, 30));
    expect(parsePlatformTime('2025-11-21 13:45:20')).toBe(Date.UTC(2025, 10, 21, 13, 45, 20));
    expect(parsePlatformTime('2025-11-17T10:30:00.123456')).toBe(Date.UTC(2025, 10, 17, 10, 30, 0, 123));
    expect(parsePlatformTime('2025-01-15')).toBe(Date.UTC(2025, 0, 15));
  });

  it('honours an explicit zone', () => {
    expect(parsePlatformTime('2025-01-15T14:30:00Z')).toBe(Date.UTC(2025, 0, 15, 14, 30));
    expect(parsePlatformTime('2025-01-15T20:00:00+05:30')).toBe(Date.UTC(2025, 0, 15, 14, 30));
    expect(parsePlatformTime('2025-01-15T09:30:00-0500')).toBe(Date.UTC(2025, 0, 15, 14, 30));
  });

  it('rejects what is not a date', () => {
    for (const v of [
      '',
      'N/A',
      '2025-13-01',
      '2025-02-30T00:00:00',
      '15/01/2025',
      null,
      1736951400,
      undefined,
    ]) {
      expect(parsePlatformTime(v), String(v)).toBeNull();
    }
  });
});
