// The main process keeps answering while the task cache works: the app services (as both hosts
// create them) against the sandbox over real HTTP, the cache in the store's worker threads on a
// real SQLite file. While a sync of a few thousand tasks runs, a trivial IPC call answers and
// the lists read during the sync are right; the main thread's event-loop delay and the call's
// round trips are printed (never asserted: timings belong to `npm run bench`). Also: a newer
// read of the same list supersedes an older one, and a cache thread that dies is restarted and
// the user told.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CacheNotice, SyncStatus, TaskPage } from '../../src-main/ipc/contract.ts';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import type { Task } from '../../src-main/unpod/index.ts';
import {
  allSpaceTasks,
  createHarness,
  query,
  removeDir,
  spaceScope,
  syncAndWait,
  waitFor,
  type Harness,
} from './sync-helpers.ts';

const TASKS = 3_000;

let sandbox: Sandbox;
let platformTasks: Task[];
let h: Harness;

beforeAll(async () => {
  sandbox = await startSandbox({ tasksPerSpace: TASKS });
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

const ms = (ns: number) => `${(ns / 1e6).toFixed(1)} ms`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;

const countBy = (values: (string | null | undefined)[]) => {
  const counts: Record<string, number> = {};
  for (const v of values) if (v) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
};

describe('the main process while the cache works', () => {
  it('answers a trivial call during a sync of thousands of tasks, and the lists read meanwhile are right', async () => {
    const scope = spaceScope(sandbox);
    const platformIds = new Set(platformTasks.map((t) => t.task_id));
    expect(platformTasks.length).toBe(TASKS);

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = await h.call<SyncStatus>('sync.start', { scope });
    expect(started.phase).toBe('running');

    const roundTrips: number[] = [];
    const totals: number[] = [];
    let syncing = true;
    const idle = h.services.tasks.whenIdle(scope).finally(() => {
      syncing = false;
    });
    // A trivial call every 20 ms, beside the list reads (as the window's other calls would be).
    const pinger = (async () => {
      while (syncing) {
        const t0 = performance.now();
        const info = await h.call<{ version: string }>('app.getInfo');
        roundTrips.push(performance.now() - t0);
        expect(typeof info.version).toBe('string');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    while (syncing) {
      // A list read mid-sync: only the platform's tasks, newest first, the total never going back.
      const page = await query(h, { scope, limit: 50, facets: totals.length % 5 === 0 });
      expect(page.rows.every((row) => platformIds.has(row.id))).toBe(true);
      const created = page.rows.map((row) => row.createdAt ?? 0);
      expect(created).toEqual([...created].sort((a, b) => b - a));
      expect(page.total).toBeGreaterThanOrEqual(totals.at(-1) ?? 0);
      expect(page.total).toBeLessThanOrEqual(TASKS);
      totals.push(page.total);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await pinger;
    const done = await idle;
    delay.disable();
    expect(done).toMatchObject({ phase: 'done', inserted: TASKS });
    // The sync was read while it ran, not only before and after it.
    expect(totals.some((total) => total > 0 && total < TASKS)).toBe(true);

    // After the sync: everything, and counts that match the platform's tasks.
    const after = await query(h, { scope, limit: 1, facets: true });
    expect(after.total).toBe(TASKS);
    const statuses = Object.fromEntries(after.facets!.statuses.map((f) => [f.value, f.count]));
    expect(statuses).toEqual(countBy(platformTasks.map((t) => t.status)));

    // A search right after the sync finds what it brought, or says the index is catching up.
    const target = platformTasks.find((t) => t.input?.name)!;
    const found = await query(h, { scope, filters: { search: target.input!.name }, limit: 100 });
    if (found.notYetSearchable === undefined) {
      expect(found.rows.map((r) => r.id)).toContain(target.task_id);
    } else {
      expect(found.notYetSearchable).toBeGreaterThan(0);
    }

    const sorted = [...roundTrips].sort((a, b) => a - b);
    console.log(
      [
        `sync of ${TASKS} tasks in the app services (cache in worker threads), ${roundTrips.length} app.getInfo calls meanwhile`,
        `  main thread event-loop delay: p50 ${ms(delay.percentile(50))}, p99 ${ms(delay.percentile(99))}, max ${ms(delay.max)}`,
        `  app.getInfo round trip: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`,
        `  list totals read during the sync: ${totals.length} reads, from ${totals[0]} to ${totals.at(-1)}`,
      ].join('\n'),
    );
  });

  it('a newer read of the same list supersedes an older one still waiting: the older answers "cancelled"', async () => {
    const scope = spaceScope(sandbox);
    await syncAndWait(h, scope);
    const store = h.services.tasks.currentCache()!;
    // Hold the reader thread, as a long query would, so both reads wait behind it.
    const busy = store.diagnostics.sleepReader(300);
    const older = h.failure('tasks.query', { scope, filters: { statuses: ['completed'] } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const newer = query(h, { scope, filters: { statuses: ['failed'] } });
    expect((await older).code).toBe('cancelled');
    const page: TaskPage = await newer;
    expect(page.total).toBe(platformTasks.filter((t) => t.status === 'failed').length);
    await busy;
  });

  it('a cache thread that dies is restarted, the user is told, and the list reads again', async () => {
    const scope = spaceScope(sandbox);
    await syncAndWait(h, scope);
    const store = h.services.tasks.currentCache()!;
    await store.diagnostics.terminate('reader');
    await waitFor(() => h.eventsNamed('cache.notice').length > 0, 'a notice that the cache restarted');
    const [notice] = h.eventsNamed('cache.notice') as CacheNotice[];
    expect(notice!.message).toMatch(/stopped answering and was restarted/);
    expect(notice!.kind).toBe('restarted');
    const page = await query(h, { scope });
    expect(page.total).toBe(TASKS);
    // Every list read carries it too, so a page that reads again (or opens later) still says so.
    expect(page.notice).toEqual(notice);
    expect(h.logs.some((line) => line.includes('a task cache thread stopped and was restarted'))).toBe(true);
  });

  it('a cache thread that keeps dying: the user is told the saved data stopped working', async () => {
    const scope = spaceScope(sandbox);
    await syncAndWait(h, scope);
    const store = h.services.tasks.currentCache()!;
    const notices = () => h.eventsNamed('cache.notice') as CacheNotice[];
    // The store restarts a thread five times; the sixth death is one too many.
    for (let restarts = 1; restarts <= 5; restarts++) {
      await store.diagnostics.terminate('reader');
      await waitFor(() => notices().length === restarts, `restart notice ${restarts}`);
    }
    await store.diagnostics.terminate('reader');
    await waitFor(() => notices().some((n) => n.kind === 'unavailable'), 'a notice that the cache stopped');
    expect(notices().at(-1)!.message).toMatch(/stopped working\. Quit and reopen Unpod Desk/);
  });
});
