// Sync benchmarks: a full sync of a 10,000-task space from the local sandbox over real HTTP into
// a fresh cache (the app's own sync code: the client's pager, 4 pages in flight, 100 per page),
// with the time split into HTTP and storing; then a re-sync of the same, unchanged tasks, and
// one refresh (what the re-poll does every few seconds while the app is open).
// The cache is the app's: the store's worker threads (StoreClient), so "storing" is the time from
// handing a page to the writer thread until it has stored it; a first full sync into the old
// synchronous cache on the main thread is the "before", with the main thread's event-loop delay
// printed for both.
// The sandbox runs in this process, so "HTTP" includes the sandbox building and serialising its
// answers on the same two cores: on a real network the HTTP share is larger, the storing time
// the same.
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startSandbox } from '../../src-main/sandbox/index.ts';
import {
  runFullSync,
  runRefresh,
  type SyncOutcome,
  type SyncTarget,
} from '../../src-main/services/tasks/index.ts';
import { openCache, StoreClient, type CacheScope } from '../../src-main/store/index.ts';
import { createUnpodClient } from '../../src-main/unpod/index.ts';
import { envInt, type BenchContext, type BenchModule } from './bench-kit.ts';

/** Runs `work` and prints the main thread's event-loop delay meanwhile (p99 and max). */
async function withLoopDelay<T>(ctx: BenchContext, label: string, work: () => Promise<T>): Promise<T> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  try {
    return await work();
  } finally {
    delay.disable();
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    ctx.report(
      `${label}: main thread event-loop delay`,
      `p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms`,
    );
  }
}

/**
 * Before: the synchronous cache on the main thread (what the services used until issue 10),
 * behind the same async interface the sync code takes.
 */
function onMainThread(path: string): { cache: SyncTarget['cache']; close(): void } {
  const { cache } = openCache(path);
  const tasks = {
    upsertTasks: async (...args: Parameters<typeof cache.tasks.upsertTasks>) =>
      cache.tasks.upsertTasks(...args),
    listTaskIds: async (scope: CacheScope) => cache.tasks.listTaskIds(scope),
    deleteTasks: async (ids: readonly string[]) => cache.tasks.deleteTasks(ids),
    listNonFinal: async (scope: CacheScope) => cache.tasks.listNonFinal(scope),
  };
  // Only the four methods the sync code calls are used.
  return { cache: { tasks } as unknown as SyncTarget['cache'], close: () => cache.close() };
}

function report(ctx: BenchContext, label: string, outcome: SyncOutcome): void {
  const { wallMs, httpMs, storeMs } = outcome.timings;
  ctx.report(`${label}: wall time`, wallMs, 'ms');
  ctx.report(`${label}: tasks per second`, (outcome.fetched / wallMs) * 1000, 'tasks/s');
  // Pages in flight wait for the writer thread together, so these waits overlap.
  ctx.report(`${label}: storing, summed waits`, `${storeMs.toFixed(0)} ms (overlapping)`);
  ctx.report(
    `${label}: request time, summed`,
    `${httpMs.toFixed(0)} ms over ${outcome.pages} pages (overlapping)`,
  );
  const c = outcome.counts;
  ctx.report(`${label}: rows`, `${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged`);
}

const bench: BenchModule = {
  name: 'sync',
  description: 'full sync of a large space from the local sandbox: HTTP versus storing',
  async run(ctx) {
    const size = envInt('BENCH_SYNC_TASKS', 10_000);
    const sandbox = await startSandbox({ tasksPerSpace: size });
    const cache = (await StoreClient.open(join(ctx.tempDir, 'sync-bench.sqlite'))).store;
    try {
      const client = createUnpodClient({
        baseUrl: sandbox.baseUrl,
        token: sandbox.credentials.token,
        orgHandle: sandbox.credentials.orgHandle,
      });
      const scope: CacheScope = { kind: 'space', spaceToken: sandbox.credentials.spaceToken };
      const target: SyncTarget = {
        cache,
        scope,
        fetchPage: (page, pageSize, signal) =>
          client.listSpaceTasks(scope.spaceToken, { page, pageSize }, { signal }),
      };
      ctx.note(
        `space of ${size.toLocaleString('en-US')} tasks; 100 per page, 4 pages in flight; fresh cache file`,
      );

      // Warm the sandbox (it builds each task's payload on first request) and the JIT on a
      // throwaway cache, so the figures below are the steady state.
      const warm = (await StoreClient.open(join(ctx.tempDir, 'warm.sqlite'))).store;
      await runFullSync({ ...target, cache: warm });
      await warm.close();

      const before = onMainThread(join(ctx.tempDir, 'before.sqlite'));
      try {
        report(
          ctx,
          'before (cache on the main thread): full sync',
          await withLoopDelay(ctx, 'before: full sync', () =>
            runFullSync({ ...target, cache: before.cache }),
          ),
        );
      } finally {
        before.close();
      }
      report(ctx, 'full sync', await withLoopDelay(ctx, 'full sync', () => runFullSync(target)));
      report(ctx, 're-sync, unchanged', await runFullSync(target));
      const refresh = await runRefresh(target);
      ctx.report(
        'refresh (newest pages + tasks in flight)',
        `${refresh.timings.wallMs.toFixed(0)} ms, ${refresh.pages} pages`,
      );
    } finally {
      await cache.close();
      await sandbox.close();
    }
  },
};

export default bench;
