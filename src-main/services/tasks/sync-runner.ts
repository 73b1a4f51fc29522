// Fetching a scope's tasks from Unpod into the cache. Two ways:
// - full sync: every page (the client's pager, bounded concurrency), each page stored as it
//   arrives so the list fills while the sync runs; afterwards tasks the platform no longer lists
//   are removed, but only when the walk provably saw every task;
// - refresh: the newest pages only, until they stop bringing changes and every task still in
//   flight (pending, scheduled, in progress, on hold) has been seen again. The platform lists
//   newest first and has no "changed since" filter, so this is the cheap way to notice new calls
//   and calls that completed.
// The store decides what changed: unchanged tasks are not rewritten, only counted.
import {
  parsePlatformTime,
  taskIdOf,
  type CacheScope,
  type StoreClient,
  type UpsertCounts,
} from '../../store/index.ts';
import { fetchAllTasks, UnpodError, type Task, type TaskPage } from '../../unpod/index.ts';

export type FetchPage = (page: number, pageSize: number, signal?: AbortSignal) => Promise<TaskPage>;

export interface SyncCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  deleted: number;
}

export interface SyncProgress extends SyncCounts {
  fetched: number;
  total: number;
  pagesDone: number;
  pagesTotal: number;
}

export interface SyncTimings {
  /** From start to end. */
  wallMs: number;
  /** Sum of the page requests' durations (they overlap when pages are fetched in parallel). */
  httpMs: number;
  /** Time from handing a page to the cache's writer thread until it has stored it (summed). */
  storeMs: number;
}

export interface SyncOutcome {
  counts: SyncCounts;
  /** The task count the platform last reported. */
  total: number;
  fetched: number;
  pages: number;
  timings: SyncTimings;
}

export interface SyncTarget {
  cache: Pick<StoreClient, 'tasks'>;
  scope: CacheScope;
  fetchPage: FetchPage;
}

export interface RunOptions {
  signal?: AbortSignal;
  pageSize?: number;
  onProgress?(progress: SyncProgress): void;
  /** After each page that inserted, changed or removed rows. */
  onChanged?(counts: SyncCounts): void;
}

export interface FullSyncOptions extends RunOptions {
  concurrency?: number;
}

export interface RefreshOptions extends RunOptions {
  /** Never walk further than this many pages in one refresh (default 10). */
  maxPages?: number;
}

const DEFAULT_PAGE_SIZE = 100;

const emptyCounts = (): SyncCounts => ({ inserted: 0, updated: 0, unchanged: 0, skipped: 0, deleted: 0 });

function addCounts(into: SyncCounts, add: UpsertCounts): void {
  into.inserted += add.inserted;
  into.updated += add.updated;
  into.unchanged += add.unchanged;
  into.skipped += add.skipped;
}

/** Wraps fetching and storing so both are timed and every stored page is counted. */
function createRecorder(target: SyncTarget, options: RunOptions) {
  const counts = emptyCounts();
  const timings: SyncTimings = { wallMs: 0, httpMs: 0, storeMs: 0 };
  const started = performance.now();
  return {
    counts,
    timings,
    async fetch(page: number, pageSize: number, signal?: AbortSignal): Promise<TaskPage> {
      const t0 = performance.now();
      try {
        return await target.fetchPage(page, pageSize, signal);
      } finally {
        timings.httpMs += performance.now() - t0;
      }
    },
    async store(tasks: readonly Task[]): Promise<UpsertCounts> {
      const t0 = performance.now();
      const result = await target.cache.tasks.upsertTasks(tasks, target.scope);
      timings.storeMs += performance.now() - t0;
      addCounts(counts, result);
      if (result.inserted + result.updated > 0) options.onChanged?.({ ...emptyCounts(), ...result });
      return result;
    },
    finish(): SyncTimings {
      timings.wallMs = performance.now() - started;
      return timings;
    },
  };
}

export async function runFullSync(target: SyncTarget, options: FullSyncOptions = {}): Promise<SyncOutcome> {
  const recorder = createRecorder(target, options);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const seen = new Set<string>();
  const reportedCounts: number[] = [];
  let pages = 0;

  const tasks = await fetchAllTasks(
    async (page, size, signal) => {
      const result = await recorder.fetch(page, size, signal);
      // The pager drops a page that arrives after a cancel; so does this.
      if (signal?.aborted) return result;
      reportedCounts.push(result.count);
      for (const task of result.tasks) {
        const id = taskIdOf(task);
        if (id !== null) seen.add(id);
      }
      await recorder.store(result.tasks);
      pages++;
      return result;
    },
    {
      pageSize,
      concurrency: options.concurrency ?? 4,
      signal: options.signal,
      onProgress: (p) => options.onProgress?.({ ...p, ...recorder.counts }),
    },
  );

  const total = Math.max(0, ...reportedCounts);
  // Tasks gone from the platform are removed only when this walk saw every task and the count
  // did not move while it ran (new tasks shift pages, and a shifted task can be missed).
  const countStable = reportedCounts.every((c) => c === total);
  if (target.scope.kind === 'space' && countStable && seen.size === total && !options.signal?.aborted) {
    const gone = (await target.cache.tasks.listTaskIds(target.scope)).filter((id) => !seen.has(id));
    if (gone.length > 0) {
      const deleted = await target.cache.tasks.deleteTasks(gone);
      recorder.counts.deleted += deleted;
      if (deleted > 0) options.onChanged?.({ ...emptyCounts(), deleted });
    }
  }
  return {
    counts: recorder.counts,
    total,
    fetched: tasks.length,
    pages,
    timings: recorder.finish(),
  };
}

export async function runRefresh(target: SyncTarget, options: RefreshOptions = {}): Promise<SyncOutcome> {
  const recorder = createRecorder(target, options);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const maxPages = Math.max(1, options.maxPages ?? 10);

  // The tasks still in flight: each must be seen again for the refresh to stop early.
  const watched = new Set<string>();
  let oldestWatched = Number.POSITIVE_INFINITY;
  for (const task of await target.cache.tasks.listNonFinal(target.scope)) {
    watched.add(task.id);
    oldestWatched = Math.min(oldestWatched, parsePlatformTime(task.created) ?? Number.NEGATIVE_INFINITY);
  }

  let total = 0;
  let fetched = 0;
  let page = 1;
  for (;;) {
    if (options.signal?.aborted) break;
    const result = await recorder.fetch(page, pageSize, options.signal);
    total = result.count;
    fetched += result.tasks.length;
    const stored = await recorder.store(result.tasks);
    let oldestOnPage = Number.POSITIVE_INFINITY;
    for (const task of result.tasks) {
      const id = taskIdOf(task);
      if (id !== null) watched.delete(id);
      oldestOnPage = Math.min(oldestOnPage, parsePlatformTime(task.created) ?? Number.POSITIVE_INFINITY);
    }
    const pagesTotal = Math.min(maxPages, Math.max(1, Math.ceil(total / pageSize)));
    options.onProgress?.({ fetched, total, pagesDone: page, pagesTotal, ...recorder.counts });

    const atEnd = result.tasks.length < pageSize || page * pageSize >= total;
    const quiet = stored.inserted + stored.updated === 0;
    // Everything still in flight was seen, or the rest of the list is older than all of it.
    const nothingLeftToSee = watched.size === 0 || oldestOnPage < oldestWatched;
    if (atEnd || page >= maxPages || (quiet && nothingLeftToSee)) break;
    page++;
  }
  if (options.signal?.aborted) throw cancelledError();
  return { counts: recorder.counts, total, fetched, pages: page, timings: recorder.finish() };
}

const cancelledError = () => new UnpodError('cancelled', 'Refreshing the task list was cancelled.');
