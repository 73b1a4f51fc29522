// The task cache against real SQLite files: what a supervisor sees in the task list (filters,
// search, sort, pages, counts, overview) and that syncing the same data twice changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HIGHLIGHT_END as E,
  HIGHLIGHT_START as S,
  openCache,
  type CacheScope,
  type Task,
  type TaskCache,
  type TaskQuery,
} from '../../src-main/store/index.ts';

const S1: CacheScope = { kind: 'space', spaceToken: 'SPACE-ONE' };
const S2: CacheScope = { kind: 'space', spaceToken: 'SPACE-TWO' };
const SALES: CacheScope = { kind: 'agent', agentHandle: 'sales-bot' };

interface Spec {
  id: string;
  name: string;
  status: string;
  agent: string;
  created: string;
  phone?: string;
  email?: string;
  company?: string;
  type?: string;
  context?: string;
  outcome?: string;
  labels?: string[];
  duration?: number;
  cost?: number;
  transcript?: string[];
}

/** A task in the documented shape; completed-like fields only when given. */
function task(s: Spec): Task {
  const hasCall = s.duration !== undefined;
  return {
    _id: `obj-${s.id}`,
    task_id: s.id,
    space_id: '999',
    thread_id: null,
    user: '456',
    created: s.created,
    modified: s.created,
    run_id: `RUN-${s.id}`,
    task: { objective: 'Follow up with potential clients for product demo' },
    input: {
      name: s.name,
      contact_number: s.phone ?? '+919800000000',
      email: s.email ?? null,
      company_name: s.company ?? null,
      context: s.context ?? 'Pending invoice INV-2025-001 amount Rs. 45,000',
    },
    output: hasCall
      ? {
          call_id: `call-${s.id}`,
          recording_url: `https://store.example/rec/${s.id}.ogg`,
          transcript: (s.transcript ?? ['Hello?']).map((content, i) => ({
            role: i % 2 === 0 ? 'assistant' : 'user',
            content,
            timestamp: '',
          })),
          call_summary: `Summary of the call with ${s.name}.`,
          duration: s.duration,
          cost: s.cost,
          post_call_data: {
            classification: { labels: s.labels ?? [], summary: 'Classified.' },
            summary: { status: s.outcome ?? 'N/A', summary: 'The call happened.' },
          },
        }
      : {},
    attachments: [],
    assignee: s.agent,
    status: s.status,
    execution_type: s.type ?? 'call',
    ref_id: `ref-${s.id}`,
  };
}

// Space one: eight tasks with hand-picked values (the expected numbers below are computed from these).
const SPACE_ONE: Task[] = [
  task({
    id: 'T1',
    name: 'Rajesh Kumar',
    phone: '+919988776655',
    email: 'rajesh@techstart.in',
    company: 'TechStart Solutions',
    status: 'completed',
    agent: 'sales-bot',
    created: '2025-01-15T14:30:00.000000',
    outcome: 'Call Back',
    labels: ['Interested'],
    duration: 76.769,
    cost: 0.139,
    transcript: ['Hello, this is Unpod calling.', 'And reason for calling? I am interested in automation.'],
  }),
  task({
    id: 'T2',
    name: 'Priya Sharma',
    status: 'pending',
    agent: 'payment-bot',
    created: '2025-01-15T13:20:00.000000',
  }),
  task({
    id: 'T3',
    name: "Zoë O'Brien-Łukasiewicz",
    status: 'failed',
    agent: 'sales-bot',
    created: '2025-01-14T09:00:00.000000',
    outcome: 'Not Reachable',
    duration: 12.25,
    cost: 0.01,
  }),
  task({
    id: 'T4',
    name: '山田 太郎',
    status: 'completed',
    agent: 'sales-bot',
    type: 'email',
    created: '2025-01-16T23:30:00.000000',
    outcome: 'Not Interested',
    labels: ['Not Interested'],
    duration: 120,
    cost: 0.2,
    transcript: ['こんにちは', 'Not now, thank you.'],
  }),
  task({
    id: 'T5',
    name: 'Ana 🌟 Lima',
    status: 'in_progress',
    agent: 'sales-bot',
    created: '2025-01-16T08:00:00.000000',
  }),
  task({
    id: 'T6',
    name: 'Dr. "Quote" Smith',
    company: '=HYPERLINK("http://evil")',
    status: 'scheduled',
    agent: 'payment-bot',
    created: '2025-01-13T10:00:00.000000',
  }),
  task({
    id: 'T7',
    name: 'Meera Iyer',
    status: 'completed',
    agent: 'payment-bot',
    created: '2025-01-14T18:45:00.000000',
    outcome: 'Call Back',
    labels: ['Interested', 'Callback Requested'],
    duration: 30.5,
    cost: 0.05,
    transcript: ['Your payment is due.', 'Please call me back tomorrow.'],
  }),
  task({
    id: 'T8',
    name: 'Vikram Rao',
    status: 'hold',
    agent: 'sales-bot',
    created: '2025-01-12T07:00:00.000000',
  }),
];
// Space two: one task of the same sales agent.
const T9 = task({
  id: 'T9',
  name: 'Karan Mehta',
  status: 'completed',
  agent: 'sales-bot',
  created: '2025-01-10T10:00:00.000000',
  duration: 40,
  cost: 0.07,
  labels: ['Interested'],
});

let dir: string;
let cache: TaskCache;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'unpod-store-'));
  cache = openCache(join(dir, 'profile.db')).cache;
  cache.tasks.upsertTasks(SPACE_ONE, S1);
  cache.tasks.upsertTasks([T9], S2);
});

afterEach(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (q: TaskQuery) => cache.tasks.queryTasks(q).rows.map((r) => r.id);
const sorted = (q: TaskQuery) => ids(q).sort();
const totalChanges = () => (cache.database.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
const storedAt = () =>
  cache.database.prepare('SELECT id, stored_at, modified FROM tasks ORDER BY id').all() as unknown[];

describe('upsertTasks', () => {
  it('inserts new tasks and reports the counts', () => {
    const fresh = openCache(join(dir, 'other.db')).cache;
    expect(fresh.tasks.upsertTasks(SPACE_ONE, S1)).toEqual({
      inserted: 8,
      updated: 0,
      unchanged: 0,
      skipped: 0,
    });
    expect(fresh.tasks.queryTasks({ scope: S1 }).total).toBe(8);
    fresh.close();
  });

  it('does not rewrite unchanged tasks, whatever the key order', async () => {
    const before = storedAt();
    const changesBefore = totalChanges();
    await new Promise((r) => setTimeout(r, 5)); // a rewrite would now get a later stored_at
    const reordered = SPACE_ONE.map((t) => Object.fromEntries(Object.entries(t).reverse()) as Task);
    expect(cache.tasks.upsertTasks(reordered, S1)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 8,
      skipped: 0,
    });
    expect(totalChanges()).toBe(changesBefore); // not a single row written
    expect(storedAt()).toEqual(before);
  });

  it('rewrites a changed task and keeps the full-text index in step', () => {
    expect(ids({ scope: S1, search: 'rajesh' })).toEqual(['T1']); // the same search, before the change
    const changed = task({
      id: 'T1',
      name: 'Rakesh Verma',
      status: 'completed',
      agent: 'sales-bot',
      created: '2025-01-15T14:30:00.000000',
      labels: ['Not Interested'],
      duration: 80,
      cost: 0.15,
      transcript: ['Namaste', 'No thanks, not today.'],
    });
    expect(cache.tasks.upsertTasks([changed, ...SPACE_ONE.slice(1)], S1)).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 7,
      skipped: 0,
    });
    expect(ids({ scope: S1, search: 'rajesh' })).toEqual([]);
    expect(ids({ scope: S1, search: 'automation' })).toEqual([]);
    expect(ids({ scope: S1, search: 'rakesh' })).toEqual(['T1']);
    expect(ids({ scope: S1, search: 'namaste' })).toEqual(['T1']);
    expect(cache.tasks.countByLabel({ scope: S1 })).toEqual([
      { value: 'Not Interested', count: 2 },
      { value: 'Callback Requested', count: 1 },
      { value: 'Interested', count: 1 },
    ]);
    const ftsRows = cache.database.prepare('SELECT count(*) AS n FROM tasks_fts').get() as { n: number };
    expect(ftsRows.n).toBe(9);
  });

  it('skips tasks without an id', () => {
    const counts = cache.tasks.upsertTasks([{ status: 'pending', input: { name: 'Nobody' } } as Task], S1);
    expect(counts).toEqual({ inserted: 0, updated: 0, unchanged: 0, skipped: 1 });
  });

  it('learns the space of a task first seen through its agent, and keeps it', () => {
    const other = openCache(join(dir, 'agent-first.db')).cache;
    expect(other.tasks.upsertTasks([T9], SALES).inserted).toBe(1);
    expect(other.tasks.queryTasks({ scope: S2 }).total).toBe(0);
    expect(other.tasks.upsertTasks([T9], S2)).toMatchObject({ updated: 1, unchanged: 0 });
    expect(other.tasks.upsertTasks([T9], SALES)).toMatchObject({ updated: 0, unchanged: 1 });
    expect(other.tasks.queryTasks({ scope: S2 }).rows.map((r) => r.id)).toEqual(['T9']);
    other.close();
  });

  it('rolls back the whole batch when a write fails', () => {
    cache.database.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON tasks WHEN new.id = 'BAD' BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    const good = task({
      id: 'NEW',
      name: 'New Lead',
      status: 'pending',
      agent: 'x',
      created: '2025-01-20T00:00:00',
    });
    const bad = task({
      id: 'BAD',
      name: 'Bad',
      status: 'pending',
      agent: 'x',
      created: '2025-01-20T00:00:00',
    });
    expect(() => cache.tasks.upsertTasks([good, bad], S1)).toThrow(/refused/);
    expect(cache.tasks.getTask('NEW')).toEqual({ status: 'not_found' });
    expect(cache.tasks.upsertTasks([good], S1).inserted).toBe(1);
  });
});

describe('deleteTasks', () => {
  it('removes the task with its labels, JSON and search entries', () => {
    expect(ids({ scope: S1, search: 'rajesh' })).toEqual(['T1']);
    expect(cache.tasks.deleteTasks(['T1', 'missing'])).toBe(1);
    expect(ids({ scope: S1, search: 'rajesh' })).toEqual([]);
    expect(cache.tasks.getTask('T1')).toEqual({ status: 'not_found' });
    const count = (sql: string) => (cache.database.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM tasks_fts')).toBe(8);
    expect(count('SELECT count(*) AS n FROM task_documents')).toBe(8);
    expect(count("SELECT count(*) AS n FROM task_labels WHERE label = 'Interested'")).toBe(2); // T7, T9
  });
});

describe('queryTasks filters', () => {
  it('scopes by space or by agent', () => {
    expect(sorted({ scope: S1 })).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8']);
    expect(sorted({ scope: S2 })).toEqual(['T9']);
    expect(sorted({ scope: SALES })).toEqual(['T1', 'T3', 'T4', 'T5', 'T8', 'T9']);
    expect(sorted({ scope: { kind: 'space', spaceToken: 'nope' } })).toEqual([]);
  });

  it('filters by status, label, outcome, agent, type and dates', () => {
    expect(sorted({ scope: S1, statuses: ['completed'] })).toEqual(['T1', 'T4', 'T7']);
    expect(sorted({ scope: S1, statuses: ['pending', 'hold'] })).toEqual(['T2', 'T8']);
    expect(sorted({ scope: S1, statuses: [] })).toHaveLength(8); // empty list: no constraint
    expect(sorted({ scope: S1, labels: ['interested'] })).toEqual(['T1', 'T7']); // case-insensitive, exact
    expect(sorted({ scope: S1, labels: ['Not Interested', 'Callback Requested'] })).toEqual(['T4', 'T7']);
    expect(sorted({ scope: S1, outcomeStatuses: ['Call Back'] })).toEqual(['T1', 'T7']);
    expect(sorted({ scope: S1, agents: ['payment-bot'] })).toEqual(['T2', 'T6', 'T7']);
    expect(sorted({ scope: S1, executionTypes: ['email'] })).toEqual(['T4']);
    expect(
      sorted({ scope: S1, createdFrom: Date.UTC(2025, 0, 14), createdTo: Date.UTC(2025, 0, 15) }),
    ).toEqual(['T3', 'T7']);
    expect(sorted({ scope: S1, createdFrom: Date.UTC(2025, 0, 16) })).toEqual(['T4', 'T5']);
    expect(sorted({ scope: S1, createdTo: Date.UTC(2025, 0, 13, 10) })).toEqual(['T8']); // exclusive end
  });

  it('combines filters', () => {
    expect(sorted({ scope: S1, statuses: ['completed'], agents: ['sales-bot'] })).toEqual(['T1', 'T4']);
    expect(sorted({ scope: SALES, labels: ['Interested'], statuses: ['completed'] })).toEqual(['T1', 'T9']);
    expect(sorted({ scope: S1, statuses: ['completed'], search: 'interested' })).toEqual(['T1']);
  });
});

describe('queryTasks search', () => {
  it('finds names, numbers, emails, companies, transcripts and summaries', () => {
    expect(ids({ scope: S1, search: 'rajesh' })).toEqual(['T1']);
    expect(ids({ scope: S1, search: 'Raj' })).toEqual(['T1']); // prefix on the last term
    expect(ids({ scope: S1, search: 'techstart.in' })).toEqual(['T1']);
    expect(ids({ scope: S1, search: 'TechStart Solutions' })).toEqual(['T1']);
    expect(ids({ scope: S1, search: 'automation' })).toEqual(['T1']);
    expect(ids({ scope: S1, search: 'call me back' })).toEqual(['T7']);
    expect(ids({ scope: S1, search: 'Summary of the call with Meera' })).toEqual(['T7']);
    expect(sorted({ scope: S1, search: 'INV-2025-001' })).toHaveLength(8); // context of every task
  });

  it('finds phone numbers by full number, local number or prefix', () => {
    expect(ids({ scope: S1, search: '+919988776655' })).toEqual(['T1']);
    expect(ids({ scope: S1, search: '9988776655' })).toEqual(['T1']);
    expect(ids({ scope: S1, search: '99887' })).toEqual(['T1']);
  });

  it('finds a number by its last digits, in national format with punctuation, and in full', () => {
    const us = task({
      id: 'T10',
      name: 'Dana Whitfield',
      phone: '+14697979987',
      status: 'completed',
      agent: 'sales-bot',
      created: '2025-01-11T10:00:00.000000',
      duration: 20,
      transcript: ['Hello?', 'I paid on 15-01-2025, call me on my other number.'],
    });
    const uk = task({
      id: 'T11',
      name: 'Oliver Hughes',
      phone: '+447700900123',
      status: 'pending',
      agent: 'sales-bot',
      created: '2025-01-11T09:00:00.000000',
    });
    cache.tasks.upsertTasks([us, uk], S1);
    for (const search of [
      '9987',
      '79987',
      '(469) 797-9987',
      '469-797-9987',
      '469 797 9987',
      '469.797.9987',
      '469 - 797 - 9987',
      '+1 (469) 797-9987',
      '1-469-797-9987',
      '+14697979987',
      '14697979987',
      '(469) 797-99', // still typing
      'whitfield 9987',
      '9987 dana',
    ]) {
      expect(ids({ scope: S1, search }), search).toEqual(['T10']);
    }
    expect(ids({ scope: S1, search: '07700 900123' })).toEqual(['T11']); // written with its trunk zero
    expect(ids({ scope: S1, search: '0123' })).toEqual(['T11']);
    expect(ids({ scope: S1, search: '6655' })).toEqual(['T1']);
    // Not a match: other digits, or the right digits followed by more when the number is complete.
    expect(ids({ scope: S1, search: '(469) 797-0000' })).toEqual([]);
    expect(ids({ scope: S1, search: '4321' })).toEqual([]);
    expect(ids({ scope: S1, search: '99870 dana' })).toEqual([]);
    // A date in a transcript is still found as the words it is written with.
    expect(ids({ scope: S1, search: '15-01-2025' })).toEqual(['T10']);
    // The counts beside the filters follow the same search.
    expect(cache.tasks.countByStatus({ scope: S1, search: '(469) 797-9987' })).toEqual([
      { value: 'completed', count: 1 },
    ]);
  });

  it('marks the digits a number was found by in the number as written', () => {
    const us = task({
      id: 'T10',
      name: 'Dana Whitfield',
      phone: '+1 (469) 797-9987',
      status: 'pending',
      agent: 'sales-bot',
      created: '2025-01-11T10:00:00.000000',
    });
    cache.tasks.upsertTasks([us], S1);
    const numberOf = (search: string) =>
      cache.tasks.queryTasks({ scope: S1, search }).rows[0]?.match?.contactNumber;
    expect(numberOf('9987')).toBe(`+1 (469) 797-${S}9987${E}`);
    expect(numberOf('469-797-9987')).toBe(`+1 (${S}469) 797-9987${E}`);
    expect(numberOf('+14697979987')).toBe(`+${S}1 (469) 797-9987${E}`);
    expect(numberOf('whitfield')).toBe('+1 (469) 797-9987'); // found by name: the number is not marked
    // A number the tokenizer matched itself keeps its own marks.
    expect(cache.tasks.queryTasks({ scope: S1, search: '+919988776655' }).rows[0]?.match?.contactNumber).toBe(
      `+${S}919988776655${E}`,
    );
  });

  it('says how the search was read; nothing searchable or one character filters nothing', () => {
    const read = (search: string | undefined) => {
      const page = cache.tasks.queryTasks({ scope: S1, search });
      return { search: page.search, total: page.total };
    };
    expect(read(undefined)).toEqual({ search: 'none', total: 8 });
    expect(read('rajesh')).toEqual({ search: 'words', total: 1 });
    for (const search of ['%%', '*', '_', '🌟', '* % _ 🌟']) {
      expect(read(search), search).toEqual({ search: 'no_words', total: 8 });
    }
    for (const search of ['r', 'R', '5'])
      expect(read(search), search).toEqual({ search: 'too_short', total: 8 });
    // The words before a one-letter last word are searched while it is being typed.
    expect(read('rajesh k')).toEqual({ search: 'words', total: 1 });
  });

  it('finds unicode names, with or without diacritics', () => {
    expect(ids({ scope: S1, search: 'Zoë' })).toEqual(['T3']);
    expect(ids({ scope: S1, search: 'zoe' })).toEqual(['T3']);
    expect(ids({ scope: S1, search: 'Łukasiewicz' })).toEqual(['T3']);
    expect(ids({ scope: S1, search: "o'brien" })).toEqual(['T3']);
    expect(ids({ scope: S1, search: '山田' })).toEqual(['T4']);
    expect(ids({ scope: S1, search: 'こんにちは' })).toEqual(['T4']);
    expect(ids({ scope: S1, search: 'Ana 🌟' })).toEqual(['T5']);
  });

  it('treats operators and stray punctuation as text, never as an error', () => {
    const nasty = [
      '"',
      '"unbalanced',
      '*',
      'a AND',
      'AND',
      '-x',
      ':',
      'name:',
      'NEAR(',
      '(',
      '^',
      '🌟',
      "'",
      '\\',
    ];
    for (const search of nasty) {
      expect(() => cache.tasks.queryTasks({ scope: S1, search }), search).not.toThrow();
      expect(() => cache.tasks.countByStatus({ scope: S1, search }), search).not.toThrow();
      expect(() => cache.tasks.countByLabel({ scope: S1, search }), search).not.toThrow();
    }
    expect(ids({ scope: S1, search: '"' })).toHaveLength(8); // nothing searchable: no text filter
    expect(ids({ scope: S1, search: '🌟' })).toHaveLength(8);
    expect(ids({ scope: S1, search: 'priya OR rajesh' })).toEqual([]); // OR is a word, not an operator
    expect(ids({ scope: S1, search: 'rajesh AND' })).toEqual(['T1']); // "And reason for calling"
    expect(ids({ scope: S1, search: '-rajesh' })).toEqual(['T1']);
    expect(ids({ scope: S1, search: '"Quote" Smith' })).toEqual(['T6']);
    expect(ids({ scope: S1, search: 'Dr. "Quote' })).toEqual(['T6']);
    expect(ids({ scope: S1, search: 'name:rajesh' })).toEqual([]);
  });

  it('returns highlighted fields and a snippet of the long text that matched', () => {
    const [row] = cache.tasks.queryTasks({ scope: S1, search: 'rajesh automat' }).rows;
    expect(row!.match!.name).toBe(`${S}Rajesh${E} Kumar`);
    expect(row!.match!.email).toBe(`${S}rajesh${E}@techstart.in`);
    expect(row!.match!.snippet).toEqual({
      column: 'transcript',
      text: `Hello, this is Unpod calling.\nAnd reason for calling? I am interested in ${S}automation${E}.`,
    });
    const [byName] = cache.tasks.queryTasks({ scope: S1, search: 'meera' }).rows;
    expect(byName!.match).toMatchObject({ name: `${S}Meera${E} Iyer`, snippet: { column: 'summary' } });
    const [plain] = cache.tasks.queryTasks({ scope: S1, statuses: ['hold'] }).rows;
    expect(plain!.match).toBeNull();
  });

  it('orders by relevance when asked', () => {
    // A newer task that only mentions "Rao" in its transcript, against T8 who is named Rao.
    const mention = task({
      id: 'T10',
      name: 'Anil Kapoor',
      status: 'completed',
      agent: 'sales-bot',
      created: '2025-01-20T10:00:00.000000',
      duration: 10,
      transcript: ['Hello', 'I spoke to Rao yesterday.'],
    });
    cache.tasks.upsertTasks([mention], S1);
    expect(ids({ scope: S1, search: 'rao' })).toEqual(['T10', 'T8']); // newest first
    expect(ids({ scope: S1, search: 'rao', sort: 'relevance' })).toEqual(['T8', 'T10']); // name hit first
    expect(ids({ scope: S1, search: 'rao', sort: 'relevance', direction: 'asc' })).toEqual(['T10', 'T8']);
    expect(ids({ scope: S1, sort: 'relevance' })).toEqual(ids({ scope: S1 })); // no search: newest first
  });
});

describe('queryTasks sort and paging', () => {
  it('sorts by every column, missing values last', () => {
    expect(ids({ scope: S1 })).toEqual(['T4', 'T5', 'T1', 'T2', 'T7', 'T3', 'T6', 'T8']); // newest first
    expect(ids({ scope: S1, sort: 'created', direction: 'asc' })).toEqual([
      'T8',
      'T6',
      'T3',
      'T7',
      'T2',
      'T1',
      'T5',
      'T4',
    ]);
    expect(ids({ scope: S1, statuses: ['completed'], sort: 'name', direction: 'asc' })).toEqual([
      'T7',
      'T1',
      'T4',
    ]);
    expect(ids({ scope: S1, sort: 'duration' }).slice(0, 4)).toEqual(['T4', 'T1', 'T7', 'T3']);
    // Ties (here: no cost) keep insertion order in the sort's direction, so pages are stable.
    expect(ids({ scope: S1, sort: 'cost', direction: 'asc' })).toEqual([
      'T3',
      'T7',
      'T1',
      'T4',
      'T2',
      'T5',
      'T6',
      'T8',
    ]);
    expect(
      ids({ scope: S1, sort: 'status', direction: 'asc', statuses: ['hold', 'failed', 'pending'] }),
    ).toEqual(['T3', 'T8', 'T2']);
    // modified equals created in these fixtures
    expect(ids({ scope: S1, sort: 'modified' })).toEqual(ids({ scope: S1, sort: 'created' }));
  });

  it('pages without gaps or repeats and reports the total', () => {
    const all = ids({ scope: S1, sort: 'cost' });
    const pages = [0, 3, 6].map((offset) =>
      cache.tasks.queryTasks({ scope: S1, sort: 'cost', offset, limit: 3 }),
    );
    expect(pages.map((p) => p.total)).toEqual([8, 8, 8]);
    expect(pages.map((p) => p.rows.length)).toEqual([3, 3, 2]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(all);
    expect(cache.tasks.queryTasks({ scope: S1, offset: 50 })).toMatchObject({ rows: [], total: 8 });
  });

  it('returns the list columns of a row', () => {
    const [row] = cache.tasks.queryTasks({ scope: S1, search: 'meera' }).rows;
    expect(row).toMatchObject({
      id: 'T7',
      spaceToken: 'SPACE-ONE',
      spaceId: '999',
      assignee: 'payment-bot',
      status: 'completed',
      executionType: 'call',
      created: '2025-01-14T18:45:00.000000',
      createdAt: Date.UTC(2025, 0, 14, 18, 45),
      name: 'Meera Iyer',
      outcomeStatus: 'Call Back',
      labels: ['Callback Requested', 'Interested'],
      duration: 30.5,
      cost: 0.05,
      hasRecording: true,
    });
  });
});

describe('counts beside the filters', () => {
  it('counts per status with the other filters applied and the status filter ignored', () => {
    expect(cache.tasks.countByStatus({ scope: S1 })).toEqual([
      { value: 'completed', count: 3 },
      { value: 'failed', count: 1 },
      { value: 'hold', count: 1 },
      { value: 'in_progress', count: 1 },
      { value: 'pending', count: 1 },
      { value: 'scheduled', count: 1 },
    ]);
    expect(
      cache.tasks.countByStatus({ scope: S1, statuses: ['completed'], agents: ['payment-bot'] }),
    ).toEqual([
      { value: 'completed', count: 1 },
      { value: 'pending', count: 1 },
      { value: 'scheduled', count: 1 },
    ]);
    expect(cache.tasks.countByStatus({ scope: S1, search: 'rajesh' })).toEqual([
      { value: 'completed', count: 1 },
    ]);
  });

  it('counts per label and per outcome the same way', () => {
    expect(cache.tasks.countByLabel({ scope: S1, labels: ['Interested'] })).toEqual([
      { value: 'Interested', count: 2 },
      { value: 'Callback Requested', count: 1 },
      { value: 'Not Interested', count: 1 },
    ]);
    expect(cache.tasks.countByLabel({ scope: SALES, statuses: ['completed'] })).toEqual([
      { value: 'Interested', count: 2 },
      { value: 'Not Interested', count: 1 },
    ]);
    expect(cache.tasks.countByOutcomeStatus({ scope: S1, outcomeStatuses: ['Call Back'] })).toEqual([
      { value: 'Call Back', count: 2 },
      { value: 'Not Interested', count: 1 },
      { value: 'Not Reachable', count: 1 },
    ]);
  });
});

describe('overview', () => {
  it('matches the hand-computed numbers for a space', () => {
    const o = cache.tasks.overview({ scope: S1 });
    expect(o.total).toBe(8);
    expect(o.byStatus.find((s) => s.value === 'completed')?.count).toBe(3);
    expect(o.byStatus.reduce((n, s) => n + s.count, 0)).toBe(8);
    expect(o.byLabel).toEqual([
      { value: 'Interested', count: 2 },
      { value: 'Callback Requested', count: 1 },
      { value: 'Not Interested', count: 1 },
    ]);
    expect(o.byOutcomeStatus[0]).toEqual({ value: 'Call Back', count: 2 });
    expect(o.perDay).toEqual([
      { day: '2025-01-12', count: 1 },
      { day: '2025-01-13', count: 1 },
      { day: '2025-01-14', count: 2 },
      { day: '2025-01-15', count: 2 },
      { day: '2025-01-16', count: 2 },
    ]);
    // Placed: the completed T1, T4, T7 and the failed T3; all four had talk time.
    expect(o.placed).toBe(4);
    expect(o.connected).toBe(4);
    expect(o.connectRate).toBe(1);
    expect(o.totalDurationSeconds).toBeCloseTo(76.769 + 12.25 + 120 + 30.5, 9); // 239.519
    expect(o.averageDurationSeconds).toBeCloseTo(239.519 / 4, 9);
    expect(o.totalCost).toBeCloseTo(0.139 + 0.01 + 0.2 + 0.05, 9); // 0.399
  });

  it('counts a call as connected only when it had talk time, and averages over those', () => {
    const S3: CacheScope = { kind: 'space', spaceToken: 'SPACE-THREE' };
    const at = '2025-02-01T10:00:00.000000';
    const call = (id: string, status: string, duration?: number, cost?: number) =>
      task({ id, name: id, status, agent: 'sales-bot', created: at, duration, cost });
    cache.tasks.upsertTasks(
      [
        call('C-answered', 'completed', 60, 0.1),
        call('C-hung-up-at-once', 'completed', 0, 0),
        call('C-no-answer', 'failed', 0, 0),
        call('C-failed-before-dialling', 'failed'), // no call output at all
        call('C-partial', 'partially_completed', 30, 0.05),
        call('C-dropped', 'failed', 15, 0.02),
        call('C-in-progress', 'in_progress'),
        call('C-pending', 'pending'),
      ],
      S3,
    );
    const o = cache.tasks.overview({ scope: S3 });
    expect(o.total).toBe(8);
    // Placed: every ended call (completed, partially completed, failed), answered or not.
    expect(o.placed).toBe(6);
    // Connected: the placed calls with talk time (answered, partial, dropped).
    expect(o.connected).toBe(3);
    expect(o.connectRate).toBe(0.5);
    expect(o.totalDurationSeconds).toBe(105);
    // Over the connected calls only: the 0 s calls do not pull it down.
    expect(o.averageDurationSeconds).toBe(35);
    expect(o.totalCost).toBeCloseTo(0.17, 9);
  });

  it('buckets days in the user’s time zone', () => {
    // India (UTC+5:30): T7 (14th 18:45Z) falls on the 15th, T4 (16th 23:30Z) on the 17th.
    expect(cache.tasks.overview({ scope: S1 }, { utcOffsetMinutes: 330 }).perDay).toEqual([
      { day: '2025-01-12', count: 1 },
      { day: '2025-01-13', count: 1 },
      { day: '2025-01-14', count: 1 },
      { day: '2025-01-15', count: 3 },
      { day: '2025-01-16', count: 1 },
      { day: '2025-01-17', count: 1 },
    ]);
  });

  it('narrows by any filter and is empty for an unknown scope', () => {
    const o = cache.tasks.overview({ scope: S1, agents: ['payment-bot'] });
    expect([o.total, o.placed, o.connected, o.totalDurationSeconds, o.totalCost]).toEqual([
      3, 1, 1, 30.5, 0.05,
    ]);
    expect(cache.tasks.overview({ scope: { kind: 'agent', agentHandle: 'nobody' } })).toEqual({
      total: 0,
      byStatus: [],
      byLabel: [],
      byOutcomeStatus: [],
      perDay: [],
      placed: 0,
      connected: 0,
      connectRate: null,
      totalDurationSeconds: 0,
      averageDurationSeconds: null,
      totalCost: 0,
    });
  });
});

describe('getTask', () => {
  it('returns the full task by task_id or _id', () => {
    const byId = cache.tasks.getTask('T1');
    expect(byId).toEqual({ status: 'found', task: SPACE_ONE[0] });
    expect(cache.tasks.getTask('obj-T1')).toEqual(byId);
    expect(cache.tasks.getTask('nope')).toEqual({ status: 'not_found' });
  });

  it('reports a tampered row instead of crashing', () => {
    const tamper = (id: string, json: string) =>
      cache.database
        .prepare('UPDATE task_documents SET json = ? WHERE task_pk = (SELECT pk FROM tasks WHERE id = ?)')
        .run(json, id);
    tamper('T1', '{"task_id": "T1", "status": "completed", "output": "not an object"}');
    const wrongType = cache.tasks.getTask('T1');
    expect(wrongType).toMatchObject({ status: 'invalid', id: 'T1' });
    expect(wrongType.status === 'invalid' && wrongType.problem).toMatch(/at output/);
    tamper('T2', '{"task_id": "T2", "sta');
    expect(cache.tasks.getTask('T2')).toEqual({
      status: 'invalid',
      id: 'T2',
      problem: 'The stored task is not valid JSON.',
    });
    tamper('T3', '[1, 2, 3]');
    expect(cache.tasks.getTask('T3').status).toBe('invalid');
    tamper('T5', '{"status": "pending", "input": {"name": "No id any more"}}');
    expect(cache.tasks.getTask('T5')).toMatchObject({
      status: 'invalid',
      problem: /neither task_id nor _id/,
    });
    // The list keeps working and other tasks still read fine.
    expect(cache.tasks.queryTasks({ scope: S1 }).total).toBe(8);
    expect(cache.tasks.getTask('T4').status).toBe('found');
  });
});

describe('listNonFinal', () => {
  it('lists pending, scheduled, in-progress and held tasks, oldest first', () => {
    expect(cache.tasks.listNonFinal(S1)).toEqual([
      {
        id: 'T8',
        status: 'hold',
        created: '2025-01-12T07:00:00.000000',
        modified: '2025-01-12T07:00:00.000000',
      },
      {
        id: 'T6',
        status: 'scheduled',
        created: '2025-01-13T10:00:00.000000',
        modified: '2025-01-13T10:00:00.000000',
      },
      {
        id: 'T2',
        status: 'pending',
        created: '2025-01-15T13:20:00.000000',
        modified: '2025-01-15T13:20:00.000000',
      },
      {
        id: 'T5',
        status: 'in_progress',
        created: '2025-01-16T08:00:00.000000',
        modified: '2025-01-16T08:00:00.000000',
      },
    ]);
    expect(cache.tasks.listNonFinal(S2)).toEqual([]);
    expect(cache.tasks.listTaskIds(S2)).toEqual(['T9']);
  });
});

describe('sync state', () => {
  it('is stored per scope, merges updates and survives a reopen', () => {
    expect(cache.syncState.get(S1)).toBeNull();
    cache.syncState.set(S1, { lastSyncedAt: '2025-01-16T10:00:00.000Z', count: 8 });
    cache.syncState.set(S1, { cursor: '{"page":3}' });
    cache.syncState.set(SALES, { lastSyncedAt: '2025-01-16T11:00:00.000Z', count: 6 });
    const path = cache.path;
    cache.close();
    cache = openCache(path).cache;
    expect(cache.syncState.get(S1)).toEqual({
      scopeKey: 'space:SPACE-ONE',
      lastSyncedAt: '2025-01-16T10:00:00.000Z',
      count: 8,
      cursor: '{"page":3}',
    });
    expect(cache.syncState.list().map((s) => s.scopeKey)).toEqual(['agent:sales-bot', 'space:SPACE-ONE']);
    cache.syncState.clear(SALES);
    expect(cache.syncState.get(SALES)).toBeNull();
    // And the tasks are still there after the reopen.
    expect(cache.tasks.queryTasks({ scope: S1 }).total).toBe(8);
  });
});
