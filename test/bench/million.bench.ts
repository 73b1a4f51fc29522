// 1,000,000 cached tasks (issue 10: query p95 ≤ 50 ms, first rows ≤ 300 ms, start-up to first
// rows ≤ 1 s). Builds the cache in a worker thread with the writer's own code in transactions of
// 10,000 tasks (build-cache-worker.ts), then measures through the app's StoreClient: start-up
// (open: writer check + migrations, reader) to the first page of the list, the first page alone
// on a cold reader, and the store benchmark's query mix with and without the counts.
// Opt-in (building takes many minutes): `npm run bench -- million`; BENCH_MILLION_TASKS sets the size.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { StoreClient } from '../../src-main/store/index.ts';
import { envInt, percentile, type BenchContext, type BenchModule } from './bench-kit.ts';
import { buildQueries } from './store.bench.ts';
import { createRandom, generateTask, SPACES } from './task-generator.ts';

const BATCH = 10_000;

async function build(ctx: BenchContext, path: string, count: number): Promise<number> {
  const started = performance.now();
  const worker = new Worker(new URL('./build-cache-worker.ts', import.meta.url), {
    workerData: { path, count, batch: BATCH },
  });
  let reported = 0;
  worker.on('message', ({ done }: { done: number }) => {
    if (done - reported >= count / 10 || done === count) {
      reported = done;
      ctx.note(
        `  built ${done.toLocaleString('en-US')} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    }
  });
  const code = await new Promise<number>((resolve, reject) => {
    worker.on('exit', resolve);
    worker.on('error', reject);
  });
  if (code !== 0) throw new Error(`the build worker exited with code ${code}`);
  return performance.now() - started;
}

async function run(ctx: BenchContext): Promise<void> {
  const count = envInt('BENCH_MILLION_TASKS', 1_000_000);
  const space = SPACES[0];
  const scope = { kind: 'space', spaceToken: space.token } as const;
  ctx.note(
    `sizes: ${count.toLocaleString('en-US')} tasks in one space (BENCH_MILLION_TASKS), ${BATCH} per transaction`,
  );
  const path = join(ctx.tempDir, 'million.db');
  const buildMs = await build(ctx, path, count);
  ctx.report('built (generated, stored, indexed)', count / (buildMs / 1000), 'tasks/s');
  ctx.report('file size', statSync(path).size / 2 ** 20, 'MiB');

  // Start-up: what the app does when a workspace opens, to the first page of its list.
  const t0 = performance.now();
  const { store } = await StoreClient.open(path);
  const openedMs = performance.now() - t0;
  const first = await store.tasks.queryTasks({ scope, limit: 100 });
  const startupMs = performance.now() - t0;
  ctx.report('start-up: open the cache (writer + reader threads)', openedMs, 'ms');
  ctx.report(
    'start-up to the first rows',
    startupMs,
    `ms   [target ≤ 1,000 ms]   (${first.total.toLocaleString('en-US')} tasks)`,
  );
  try {
    const firstRows: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await store.tasks.queryTasks({ scope, limit: 100 });
      firstRows.push(performance.now() - t);
    }
    ctx.report(
      'first rows (list page of 100), p50 of 5',
      percentile(firstRows, 50),
      'ms   [target ≤ 300 ms painted]',
    );

    const sample = Array.from({ length: 2_000 }, (_, i) => ({
      ...generateTask(Math.floor((i * count) / 2_000)),
      space_id: space.id,
    }));
    const queries = buildQueries(sample, createRandom(42)).map(({ query }) =>
      query.scope.kind === 'space' ? { ...query, scope } : query,
    );
    const listMs: number[] = [];
    const fullMs: number[] = [];
    for (const query of queries) {
      const t = performance.now();
      const page = store.tasks.queryTasks(query, { lane: 'list' });
      const counts = Promise.all([
        store.tasks.countByStatus(query, { lane: 'status' }),
        store.tasks.countByLabel(query, { lane: 'labels' }),
        store.tasks.countByOutcomeStatus(query, { lane: 'outcome' }),
        store.tasks.countByAgent(query, { lane: 'agent' }),
        store.tasks.countByExecutionType(query, { lane: 'type' }),
      ]);
      await page;
      listMs.push(performance.now() - t);
      await counts;
      fullMs.push(performance.now() - t);
    }
    const line = (samples: number[]) =>
      `${percentile(samples, 50).toFixed(1)} / ${percentile(samples, 95).toFixed(1)} / ${Math.max(...samples).toFixed(1)}`;
    ctx.report(`query (page) through the worker: p50 / p95 / max`, line(listMs), 'ms   [target p95 ≤ 50 ms]');
    ctx.report('query + the five counts: p50 / p95 / max', line(fullMs), 'ms');
  } finally {
    await store.close();
  }
}

const bench: BenchModule = {
  name: 'million',
  description:
    '1M cached tasks: start-up to first rows, first rows, query p95 (opt-in: npm run bench -- million)',
  optIn: true,
  run,
};
export default bench;
