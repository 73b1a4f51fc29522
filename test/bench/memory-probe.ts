// The memory benchmark's subject, run as its own Node process (memory.bench.ts starts it) so its
// resident size is the store's alone: the main thread with the StoreClient and its two worker
// threads, as in the app, without the benchmark's own data. It writes N generated tasks page by
// page as a sync would, waits until they are searchable, then browses (lists, counts, details)
// for a while, and prints one JSON line of figures after each phase.
import { join } from 'node:path';
import { StoreClient } from '../../src-main/store/index.ts';
import type { Task } from '../../src-main/store/task-shape.ts';
import { buildQueries } from './store.bench.ts';
import { createRandom, generateTask, spaceTokenOf } from './task-generator.ts';

const [dir, countText, secondsText] = process.argv.slice(2);
const count = Number(countText);
const seconds = Number(secondsText);
const PAGE = 100;
const MiB = 2 ** 20;

const gc = (globalThis as { gc?: () => void }).gc;

async function snapshot(store: StoreClient, phase: string): Promise<void> {
  gc?.();
  const [writer, reader] = await Promise.all([
    store.diagnostics.memory('writer'),
    store.diagnostics.memory('reader'),
  ]);
  const own = process.memoryUsage();
  const figures = {
    phase,
    rssMiB: own.rss / MiB,
    mainHeapMiB: own.heapUsed / MiB,
    writerHeapMiB: writer.heapUsed / MiB,
    readerHeapMiB: reader.heapUsed / MiB,
    externalMiB: (own.external + writer.external + reader.external) / MiB,
    pageCacheLimitMiB: (writer.pageCacheLimit + reader.pageCacheLimit) / MiB,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

const { store } = await StoreClient.open(join(dir!, 'memory-probe.db'));
await snapshot(store, 'opened');
// A sync's pages: the platform lists 100 per page, stored one by one as they arrive.
const sample: Task[] = [];
for (let i = 0; i < count; i += PAGE) {
  const page: Task[] = [];
  for (let j = i; j < Math.min(count, i + PAGE); j++) page.push(generateTask(j));
  if (sample.length < 1_000) sample.push(...page); // for the queries: names, numbers, words
  const bySpace = new Map<string, Task[]>();
  for (const task of page)
    bySpace.set(spaceTokenOf(task), [...(bySpace.get(spaceTokenOf(task)) ?? []), task]);
  await Promise.all(
    [...bySpace].map(([spaceToken, tasks]) => store.tasks.upsertTasks(tasks, { kind: 'space', spaceToken })),
  );
}
while (store.searchBacklog > 0) await new Promise((resolve) => setTimeout(resolve, 50));
await new Promise((resolve) => setTimeout(resolve, 200));
await snapshot(store, 'after sync');

// Browsing: a new filter's first page with its counts, the next pages, a task's detail.
const queries = buildQueries(sample, createRandom(7));
const until = Date.now() + seconds * 1000;
let reads = 0;
for (let i = 0; Date.now() < until; i++) {
  const { query } = queries[i % queries.length]!;
  const [page] = await Promise.all([
    store.tasks.queryTasks({ ...query, limit: 100 }),
    store.tasks.countByStatus(query),
    store.tasks.countByLabel(query),
    store.tasks.countByOutcomeStatus(query),
    store.tasks.countByAgent(query),
    store.tasks.countByExecutionType(query),
  ]);
  await store.tasks.queryTasks({ ...query, offset: 100, limit: 100 });
  const first = page.rows[0];
  if (first) await store.tasks.getTask(first.id);
  reads += 8;
}
process.stdout.write(`${JSON.stringify({ phase: 'reads', reads })}\n`);
await snapshot(store, `after ${seconds} s of browsing`);
await store.close();
