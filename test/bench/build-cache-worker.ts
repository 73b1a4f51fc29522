// A worker thread that fills a cache file with generated tasks for the 1M benchmark: the writer's
// own code (openCache, upsertTasks, inline full-text indexing) in big transactions, generated in
// the thread itself so nothing is copied between threads. Posts { done } every batch, then exits.
import { parentPort, workerData } from 'node:worker_threads';
import { openCache } from '../../src-main/store/index.ts';
import type { Task } from '../../src-main/store/task-shape.ts';
import { generateTask, SPACES } from './task-generator.ts';

const { path, count, batch } = workerData as { path: string; count: number; batch: number };
const space = SPACES[0];
const { cache } = openCache(path, { quickCheck: false, indexing: 'inline' });
for (let from = 0; from < count; from += batch) {
  const tasks: Task[] = [];
  for (let i = from; i < Math.min(count, from + batch); i++)
    tasks.push({ ...generateTask(i), space_id: space.id });
  cache.tasks.upsertTasks(tasks, { kind: 'space', spaceToken: space.token });
  parentPort!.postMessage({ done: Math.min(count, from + batch) });
}
cache.close();
