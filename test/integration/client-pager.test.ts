// fetchAllTasks over real HTTP: every page, bounded concurrency, progress, cancellation, and
// pages that shift while new tasks are created mid-walk.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import {
  createUnpodClient,
  fetchAllTasks,
  type FetchTaskPage,
  type PagerProgress,
  type RequestLogEntry,
  type UnpodClient,
} from '../../src-main/unpod/index.ts';

const TASKS = 230;
let sandbox: Sandbox;
let client: UnpodClient;
let requests: RequestLogEntry[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, tasksPerSpace: TASKS });
  client = createUnpodClient({
    baseUrl: sandbox.baseUrl,
    token: sandbox.credentials.token,
    retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 50 },
    onRequest: (r) => requests.push(r),
  }).withOrg(sandbox.credentials.orgHandle);
});
afterEach(() => {
  sandbox.faults.clear();
  requests = [];
});
afterAll(async () => {
  await sandbox.close();
});

/** listSpaceTasks as a page fetcher, tracking how many pages are in flight at once. */
function spacePages() {
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage: FetchTaskPage = async (page, pageSize, signal) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await client.listSpaceTasks(sandbox.credentials.spaceToken, { page, pageSize }, { signal });
    } finally {
      inFlight--;
    }
  };
  return { fetchPage, maxInFlight: () => maxInFlight };
}

const pageOf = (r: RequestLogEntry) => Number(new URL(r.url).searchParams.get('page'));

describe('fetchAllTasks over HTTP', () => {
  it('walks all pages with bounded concurrency and reports progress', async () => {
    // Slow answers make the concurrency observable.
    sandbox.faults.add({ kind: 'latency', latencyMs: 40, path: '/tasks/' });
    const pages = spacePages();
    const progress: PagerProgress[] = [];
    const tasks = await fetchAllTasks(pages.fetchPage, {
      pageSize: 25,
      concurrency: 3,
      onProgress: (p) => progress.push(p),
    });

    expect(tasks).toHaveLength(TASKS);
    expect(new Set(tasks.map((t) => t.task_id)).size).toBe(TASKS);
    // Newest first across page boundaries.
    const created = tasks.map((t) => t.created!);
    expect(created).toEqual([...created].sort().reverse());

    expect(pageOf(requests[0]!)).toBe(1);
    expect(requests.map(pageOf).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const r of requests) expect(new URL(r.url).searchParams.get('page_size')).toBe('25');
    expect(pages.maxInFlight()).toBe(3);

    expect(progress).toHaveLength(10);
    expect(progress[0]).toEqual({ fetched: 25, total: TASKS, pagesDone: 1, pagesTotal: 10 });
    expect(progress.at(-1)).toEqual({ fetched: TASKS, total: TASKS, pagesDone: 10, pagesTotal: 10 });
  });

  it('a page that fails transiently is retried and the walk completes', async () => {
    sandbox.faults.add({ kind: 'server_error', status: 502, path: '/tasks/', times: 2 });
    const tasks = await fetchAllTasks(spacePages().fetchPage, { pageSize: 50, concurrency: 2 });
    expect(tasks).toHaveLength(TASKS);
    expect(requests).toHaveLength(5 + 2);
  });

  it('a page that keeps failing fails the walk with its error', async () => {
    sandbox.faults.add({ kind: 'server_error', status: 500, path: '/tasks/' });
    await expect(fetchAllTasks(spacePages().fetchPage, { pageSize: 50 })).rejects.toMatchObject({
      kind: 'server',
    });
  });

  it('cancelling stops launching pages and rejects with cancelled', async () => {
    sandbox.faults.add({ kind: 'latency', latencyMs: 100, path: '/tasks/' });
    const controller = new AbortController();
    const walk = fetchAllTasks(spacePages().fetchPage, {
      pageSize: 10,
      concurrency: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.pagesDone === 3) controller.abort();
      },
    });
    await expect(walk).rejects.toMatchObject({ kind: 'cancelled' });
    const launched = requests.length;
    expect(launched).toBeLessThan(Math.ceil(TASKS / 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests.length).toBe(launched);
  });

  it('tasks created mid-walk shift the pages; nothing is duplicated or missed', async () => {
    const before = await fetchAllTasks(spacePages().fetchPage, { pageSize: 100 });
    expect(before).toHaveLength(TASKS);
    const pages = spacePages();
    let created = false;
    // 230 tasks at 46 a page is exactly 5 pages; three new ones after page 1 push the oldest
    // three onto a sixth page that page 1's count did not announce.
    const shifting: FetchTaskPage = async (page, pageSize, signal) => {
      if (page === 2 && !created) {
        created = true;
        await client.createTask(sandbox.credentials.spaceToken, {
          pilot: sandbox.credentials.agentHandle,
          context: 'pager test',
          documents: ['Ann', 'Bob', 'Cy'].map((name) => ({
            name: `Shift ${name}`,
            contact_number: '+15550199',
          })),
        });
      }
      return pages.fetchPage(page, pageSize, signal);
    };
    requests = [];
    const during = await fetchAllTasks(shifting, { pageSize: 46, concurrency: 1 });
    const ids = during.map((t) => t.task_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of before) expect(ids).toContain(t.task_id);
    expect(requests.filter((r) => r.method === 'GET').map(pageOf)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
