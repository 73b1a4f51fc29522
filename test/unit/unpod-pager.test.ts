// The pager against an in-memory task list (the HTTP path is covered in test/integration).
import { describe, expect, it } from 'vitest';
import {
  fetchAllTasks,
  type FetchTaskPage,
  type PagerProgress,
  type Task,
} from '../../src-main/unpod/index.ts';

const task = (n: number): Task => ({ _id: `t${n}`, task_id: `T${n}`, status: 'completed' }) as Task;

/** Newest first, like the platform; `list` can be changed between page requests. */
function listing(list: Task[], opts: { delayMs?: number } = {}) {
  const requested: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage: FetchTaskPage = async (page, pageSize, signal) => {
    requested.push(page);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, opts.delayMs ?? 5);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      });
      return { count: list.length, tasks: list.slice((page - 1) * pageSize, page * pageSize) };
    } finally {
      inFlight--;
    }
  };
  return { fetchPage, requested, maxInFlight: () => maxInFlight };
}

describe('fetchAllTasks', () => {
  it('walks every page once, in order, with bounded concurrency and progress', async () => {
    const all = Array.from({ length: 95 }, (_, i) => task(i));
    const source = listing(all);
    const progress: PagerProgress[] = [];
    const tasks = await fetchAllTasks(source.fetchPage, {
      pageSize: 10,
      concurrency: 3,
      onProgress: (p) => progress.push(p),
    });
    expect(tasks.map((t) => t._id)).toEqual(all.map((t) => t._id));
    expect(source.requested[0]).toBe(1);
    expect([...source.requested].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(source.maxInFlight()).toBe(3);
    expect(progress).toHaveLength(10);
    expect(progress.at(-1)).toEqual({ fetched: 95, total: 95, pagesDone: 10, pagesTotal: 10 });
  });

  it('an empty listing is one request and no tasks', async () => {
    const source = listing([]);
    expect(await fetchAllTasks(source.fetchPage, { pageSize: 10 })).toEqual([]);
    expect(source.requested).toEqual([1]);
  });

  it('deduplicates when new tasks push older ones onto later pages, and follows the grown count', async () => {
    const all = Array.from({ length: 20 }, (_, i) => task(i + 100));
    const source = listing(all);
    const shifting: FetchTaskPage = async (page, pageSize, signal) => {
      // Two new calls land right after page 1 was read.
      if (page === 2) all.unshift(task(1), task(2));
      return source.fetchPage(page, pageSize, signal);
    };
    const tasks = await fetchAllTasks(shifting, { pageSize: 10, concurrency: 1 });
    const ids = tasks.map((t) => t._id);
    expect(new Set(ids).size).toBe(ids.length);
    // All 20 originals are there, including the two pushed onto a third page.
    for (let i = 100; i < 120; i++) expect(ids).toContain(`t${i}`);
    expect(source.requested).toEqual([1, 2, 3]);
  });

  it('cancellation stops launching pages and rejects with kind cancelled', async () => {
    const all = Array.from({ length: 200 }, (_, i) => task(i));
    const source = listing(all, { delayMs: 20 });
    const controller = new AbortController();
    const promise = fetchAllTasks(source.fetchPage, {
      pageSize: 10,
      concurrency: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.pagesDone === 3) controller.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ kind: 'cancelled' });
    const launched = source.requested.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(source.requested.length).toBe(launched);
    expect(launched).toBeLessThan(20);
  });

  it('the first failing page fails the walk and stops the others', async () => {
    const all = Array.from({ length: 100 }, (_, i) => task(i));
    const source = listing(all);
    const failing: FetchTaskPage = async (page, pageSize, signal) => {
      if (page === 4) throw Object.assign(new Error('boom'), { kind: 'server' });
      return source.fetchPage(page, pageSize, signal);
    };
    await expect(fetchAllTasks(failing, { pageSize: 10, concurrency: 2 })).rejects.toThrow('boom');
    expect(source.requested.length).toBeLessThan(10);
  });
});
