// The task cache and sync, end to end in main: a signed-in session against the sandbox over
// real HTTP, a real SQLite file, driven through the router like both hosts do.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { Agent, SyncStatus, TaskDetail, TaskOverview } from '../../src-main/ipc/contract.ts';
import { parsePlatformTime } from '../../src-main/shared/platform-time.ts';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import { createUnpodClient, type Task } from '../../src-main/unpod/index.ts';
import {
  allSpaceTasks,
  createHarness,
  exportCsv,
  query,
  removeDir,
  spaceScope,
  syncAndWait,
  waitFor,
  type Harness,
} from './sync-helpers.ts';

let sandbox: Sandbox;
let h: Harness;
let platformTasks: Task[];

beforeAll(async () => {
  // A fast call simulator: a created call is dialled within ~0.1 s and lasts 0.5-2.5 s.
  sandbox = await startSandbox({ speed: 40 });
  platformTasks = await allSpaceTasks(sandbox);
});
afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  h = await createHarness(sandbox);
});
afterEach(async () => {
  await h.close();
  await removeDir(h.dataDir);
  expect(h.unexpected).toEqual([]);
});

const countBy = (values: (string | null | undefined)[]) => {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
};

describe('syncing a space into the cache', () => {
  it('fetches every page, reports progress, stores every task and says when', async () => {
    const scope = spaceScope(sandbox);
    const before = await query(h, { scope });
    expect(before.total).toBe(0);
    expect(before.lastSyncedAt).toBeNull();

    const done = await syncAndWait(h, scope);
    expect(done).toMatchObject({ phase: 'done', mode: 'full', error: null });
    expect(done.fetched).toBe(platformTasks.length);
    expect(done.inserted).toBe(platformTasks.length);
    expect(Date.parse(done.lastSyncedAt!)).toBeGreaterThan(Date.now() - 60_000);

    const progress = h.eventsNamed('sync.progress');
    expect(progress[0]).toMatchObject({ phase: 'running', mode: 'full' });
    expect(progress.at(-1)).toMatchObject({ phase: 'done', total: platformTasks.length });
    expect(progress.some((p) => p.phase === 'running' && p.pagesDone > 0)).toBe(true);
    const changed = h.eventsNamed('tasks.changed');
    expect(changed.reduce((n, c) => n + c.inserted, 0)).toBe(platformTasks.length);

    const page = await query(h, { scope, limit: 50 });
    expect(page.total).toBe(platformTasks.length);
    expect(page.rows).toHaveLength(50);
    expect(page.lastSyncedAt).toBe(done.lastSyncedAt);
    // Newest first by default, like the platform lists them.
    const created = page.rows.map((r) => r.createdAt!);
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    expect(page.rows[0]!.id).toBe(platformTasks[0]!.task_id);
  });

  it('a second sync rewrites nothing when nothing changed', async () => {
    const scope = spaceScope(sandbox);
    await syncAndWait(h, scope);
    const changedBefore = h.eventsNamed('tasks.changed').length;
    const again = await syncAndWait(h, scope);
    expect(again).toMatchObject({ phase: 'done', inserted: 0, updated: 0 });
    expect(again.unchanged).toBe(platformTasks.length);
    expect(h.eventsNamed('tasks.changed')).toHaveLength(changedBefore);
  });

  it('syncs an agent’s tasks as their own list', async () => {
    const scope = { kind: 'agent' as const, agentHandle: sandbox.credentials.agentHandle };
    const done = await syncAndWait(h, scope);
    expect(done.phase).toBe('done');
    const page = await query(h, { scope });
    expect(page.total).toBe(done.total);
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.assignee === sandbox.credentials.agentHandle)).toBe(true);
  });

  it('a cancelled sync stops and says so', async () => {
    const scope = spaceScope(sandbox);
    sandbox.faults.add({ kind: 'latency', latencyMs: 300, path: '/tasks/' });
    try {
      await h.call('sync.start', { scope });
      const cancelled = await h.call<SyncStatus>('sync.cancel', { scope });
      expect(cancelled.phase).toBe('running'); // the request is on its way out
      const end = await h.services.tasks.whenIdle(scope);
      expect(end.phase).toBe('cancelled');
      expect(end.lastSyncedAt).toBeNull();
    } finally {
      sandbox.faults.clear();
    }
  });
});

describe('reading the cache: filters, counts, search, detail, export', () => {
  beforeEach(async () => {
    await syncAndWait(h, spaceScope(sandbox));
  });

  it('counts per status and label match the platform’s tasks, and filters narrow the list', async () => {
    const scope = spaceScope(sandbox);
    const page = await query(h, { scope, facets: true, limit: 1 });
    const byStatus = countBy(platformTasks.map((t) => t.status));
    expect(new Map(page.facets!.statuses.map((f) => [f.value, f.count]))).toEqual(byStatus);
    const byLabel = countBy(
      platformTasks.flatMap((t) => t.output?.post_call_data?.classification?.labels ?? []),
    );
    expect(new Map(page.facets!.labels.map((f) => [f.value, f.count]))).toEqual(byLabel);

    const completed = await query(h, { scope, filters: { statuses: ['completed'] }, limit: 500 });
    expect(completed.total).toBe(byStatus.get('completed'));
    expect(completed.rows.every((r) => r.status === 'completed')).toBe(true);

    const [label] = [...byLabel.keys()];
    const labelled = await query(h, { scope, filters: { labels: [label] }, facets: true });
    expect(labelled.total).toBe(byLabel.get(label!));
    // The status counts beside the filters follow the label filter.
    expect(labelled.facets!.statuses.reduce((n, f) => n + f.count, 0)).toBe(labelled.total);

    const agent = platformTasks[0]!.assignee!;
    const byAgent = await query(h, { scope, filters: { agents: [agent] }, facets: true });
    expect(byAgent.total).toBe(platformTasks.filter((t) => t.assignee === agent).length);
    expect(byAgent.facets!.agents.find((f) => f.value === agent)?.count).toBe(byAgent.total);

    // The newest task's day, as a range in epoch ms.
    const newest = page.rows[0]!.createdAt!;
    const dayStart = newest - (newest % 86_400_000);
    const oneDay = await query(h, {
      scope,
      filters: { createdFrom: dayStart, createdTo: dayStart + 86_400_000 },
      limit: 500,
    });
    expect(oneDay.total).toBeGreaterThan(0);
    expect(oneDay.rows.every((r) => r.createdAt! >= dayStart && r.createdAt! < dayStart + 86_400_000)).toBe(
      true,
    );

    const byDuration = await query(h, {
      scope,
      filters: { statuses: ['completed'] },
      sort: { field: 'duration', direction: 'desc' },
      limit: 20,
    });
    const durations = byDuration.rows.map((r) => r.durationSeconds ?? -1);
    expect([...durations].sort((a, b) => b - a)).toEqual(durations);
  });

  it('search finds names and transcript words, with the matches marked', async () => {
    const scope = spaceScope(sandbox);
    const target = platformTasks.find((t) => t.status === 'completed' && t.input?.name)!;
    // The last word as the search tokenizer sees it ("O'Brien" is the words O and Brien).
    const lastName = target
      .input!.name!.split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .at(-1)!;
    const found = await query(h, { scope, filters: { search: target.input!.name }, limit: 100 });
    expect(found.rows.map((r) => r.id)).toContain(target.task_id);
    const row = found.rows.find((r) => r.id === target.task_id)!;
    expect(row.match?.name?.some((part) => part.match && part.text === lastName)).toBe(true);

    // A word only the transcript has: the row comes with an excerpt that marks it.
    const transcriptHit = await query(h, { scope, filters: { search: 'afternoon' }, limit: 100 });
    expect(transcriptHit.total).toBeGreaterThan(0);
    const withSnippet = transcriptHit.rows.find((r) => r.match?.snippet);
    expect(withSnippet?.match?.snippet?.parts.some((p) => p.match && /afternoon/i.test(p.text))).toBe(true);

    // Search text that is FTS syntax is just text.
    const odd = await query(h, { scope, filters: { search: '"unbalanced AND (' } });
    expect(odd.total).toBe(0);
  });

  it('the detail of a finished call: contact, outcome, evaluation, structured data, transcript', async () => {
    const parses = (value: unknown): boolean => {
      try {
        JSON.parse(String(value));
        return true;
      } catch {
        return false;
      }
    };
    const evaluatorOf = (t: Task) => t.output?.post_call_data?.success_evaluator;
    const target = platformTasks.find(
      (t) => t.status === 'completed' && typeof evaluatorOf(t) === 'string' && parses(evaluatorOf(t)),
    )!;
    const result = await h.call<{ status: 'found'; task: TaskDetail }>('tasks.get', { id: target.task_id });
    expect(result.status).toBe('found');
    const detail = result.task;
    expect(detail.contact.name).toBe(target.input!.name);
    expect(detail.contact.contactNumber).toBe(target.input!.contact_number);
    expect(detail.objective).toBe(target.task!.objective);
    expect(detail.outcome.status).toBe(target.output!.post_call_data!.summary!.status);
    expect(detail.transcript.length).toBeGreaterThan(0);
    expect(detail.transcript.map((l) => l.role)).toContain('user');
    expect(detail.hasRecording).toBe(true);
    // The call's start, to which the transcript's wall-clock times are aligned for playback.
    expect(detail.recordingStart).toBe(Date.parse(`${target.output!.start_time!.replace(' ', 'T')}Z`));
    const parsed = JSON.parse(evaluatorOf(target) as string) as { score: number; reason: string };
    expect(detail.successEvaluation).toEqual({
      kind: 'parsed',
      value: { score: parsed.score, reason: parsed.reason },
    });
    expect(detail.structuredData?.kind).toBe('parsed');
    // The platform's user token inside the task never reaches the renderer.
    expect(JSON.stringify(result)).not.toContain('user_token');

    // The sandbox deliberately sends some evaluations that are not JSON: shown as the raw text.
    const broken = platformTasks.find(
      (t) => typeof evaluatorOf(t) === 'string' && evaluatorOf(t) !== '' && !parses(evaluatorOf(t)),
    )!;
    const shown = await h.call<{ status: 'found'; task: TaskDetail }>('tasks.get', { id: broken.task_id });
    expect(shown.task.successEvaluation).toEqual({ kind: 'raw', text: evaluatorOf(broken) });

    expect((await h.failure('tasks.get', { id: 'no-such-task' })).code).toBe('not_found');
  });

  it('overview numbers and the CSV export of the filtered view', async () => {
    const scope = spaceScope(sandbox);
    const overview = await h.call<TaskOverview>('tasks.overview', { scope });
    expect(overview.total).toBe(platformTasks.length);
    expect(overview.perDay.reduce((n, d) => n + d.count, 0)).toBe(platformTasks.length);
    const cost = platformTasks.reduce((n, t) => n + (t.output?.cost ?? 0), 0);
    expect(overview.totalCost).toBeCloseTo(cost, 6);
    // Placed: ended calls; connected: those with talk time (the sandbox's failed calls have 0 s).
    const placed = platformTasks.filter((t) =>
      ['completed', 'partially_completed', 'failed'].includes(t.status!),
    );
    const connected = placed.filter((t) => (t.output?.duration ?? 0) > 0);
    expect(placed.some((t) => t.status === 'failed' && t.output?.duration === 0)).toBe(true);
    expect([overview.placed, overview.connected]).toEqual([placed.length, connected.length]);
    const talk = connected.reduce((n, t) => n + t.output!.duration!, 0);
    expect(overview.averageDurationSeconds).toBeCloseTo(talk / connected.length, 6);

    const exported = await exportCsv(h, { scope, filters: { statuses: ['failed'] } });
    const failed = platformTasks.filter((t) => t.status === 'failed').length;
    expect(exported.rows).toBe(failed);
    expect(exported.filename).toMatch(/\.csv$/);
    const lines = exported.csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^Name,Contact number,/);
    // Statuses read as on screen.
    expect(lines.filter((l) => l.includes(',Failed,'))).toHaveLength(failed);
  });

  it('exports agents by name, numbers unchanged and times in the user’s zone', async () => {
    const scope = spaceScope(sandbox);
    await syncAndWait(h, scope);
    const agents = await h.call<Agent[]>('agents.list'); // the list the Tasks page loads
    const agent = agents.find((a) => a.handle === sandbox.credentials.agentHandle)!;

    const exported = await exportCsv(h, {
      scope,
      filters: { agents: [agent.handle] },
      timeZone: 'Asia/Kolkata',
    });
    const rows = Papa.parse<Record<string, string>>(exported.csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.length).toBeGreaterThan(0);
    const byId = new Map(platformTasks.map((t) => [t.task_id, t]));
    for (const row of rows) {
      const task = byId.get(row['Task id'])!;
      expect([row.Agent, row['Agent handle']]).toEqual([agent.name, agent.handle]);
      expect(row['Contact number']).toBe(task.input!.contact_number);
      expect(row.Created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/);
      expect(Math.floor(Date.parse(row.Created!) / 1000)).toBe(
        Math.floor(parsePlatformTime(task.created)! / 1000),
      );
    }
    expect((await h.failure('tasks.exportCsv', { scope, timeZone: 'Mars/Olympus_Mons' })).code).toBe(
      'invalid_input',
    );
  });
});

describe('re-polling tasks still in flight', () => {
  it('calls created after the sync appear and complete in the cache without a manual sync', async () => {
    const scope = spaceScope(sandbox);
    await syncAndWait(h, scope);
    await query(h, { scope }); // the list is open

    const client = createUnpodClient({
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      orgHandle: sandbox.credentials.orgHandle,
    });
    const created = await client.createTask(sandbox.credentials.spaceToken, {
      pilot: sandbox.credentials.agentHandle,
      context: 'Re-poll test',
      schedule: { type: 'now' },
      documents: [
        { name: 'Repoll One', contact_number: '+919800000001' },
        { name: 'Repoll Two', contact_number: '+919800000002' },
      ],
    });
    expect(created.taskIds).toHaveLength(2);

    const finalStatuses = new Set(['completed', 'failed']);
    const statuses = async () => {
      const rows = (await query(h, { scope, filters: { search: 'Repoll' }, limit: 10 })).rows;
      return new Map(rows.map((r) => [r.id, r.status]));
    };
    // First they show up while still in flight, then they finish, without anyone starting a sync.
    const seen = new Set<string>();
    await waitFor(
      async () => {
        const now = await statuses();
        for (const status of now.values()) seen.add(status);
        return now.size === 2 && [...now.values()].every((s) => finalStatuses.has(s));
      },
      'the created tasks to complete in the cache',
      20_000,
    );
    expect([...seen].some((s) => !finalStatuses.has(s))).toBe(true);
    const done = await statuses();
    expect([...done.keys()].sort()).toEqual([...created.taskIds].sort());
    const refreshes = h
      .eventsNamed('sync.progress')
      .filter((p) => p.mode === 'refresh' && p.phase === 'done');
    expect(refreshes.length).toBeGreaterThan(1);
    // The lists were told (the event follows the write within the coalescing window).
    await waitFor(() => h.eventsNamed('tasks.changed').some((c) => c.updated > 0), 'tasks.changed');
    const detail = await h.call<{ status: 'found'; task: TaskDetail }>('tasks.get', {
      id: created.taskIds[0],
    });
    expect(finalStatuses.has(detail.task.status)).toBe(true);
  });
});
