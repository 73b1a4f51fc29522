// Walks every page of a task listing. The platform gives only `count` (no next links), so page 1
// is fetched first to learn how many pages exist, then the rest with bounded concurrency. Pages
// can shift while we walk (new tasks arrive newest-first), so tasks are deduplicated by id and a
// larger `count` on a later page extends the walk.
import { UnpodError } from './errors.ts';
import { taskKey, type Task } from './schemas.ts';

export interface TaskPage {
  count: number;
  tasks: Task[];
}

export interface PagerProgress {
  fetched: number;
  total: number;
  pagesDone: number;
  pagesTotal: number;
}

export interface PagerOptions {
  pageSize?: number;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: PagerProgress) => void;
}

export type FetchTaskPage = (page: number, pageSize: number, signal?: AbortSignal) => Promise<TaskPage>;

const pagesFor = (count: number, pageSize: number) => Math.max(1, Math.ceil(count / pageSize));

function cancelled(): UnpodError {
  return new UnpodError('cancelled', 'Loading the task list was cancelled.');
}

export async function fetchAllTasks(fetchPage: FetchTaskPage, options: PagerOptions = {}): Promise<Task[]> {
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 100));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const userSignal = options.signal;
  if (userSignal?.aborted) throw cancelled();

  // Aborted on the caller's cancel and on the first failed page, so in-flight pages stop too.
  const stop = new AbortController();
  // Rejects as soon as the caller cancels, even if a page fetch ignores its signal.
  let rejectOnAbort: (error: UnpodError) => void = () => {};
  const abortPromise = new Promise<never>((_, reject) => {
    rejectOnAbort = reject;
  });
  abortPromise.catch(() => {}); // observed through Promise.race below
  const onUserAbort = () => {
    stop.abort(userSignal?.reason);
    rejectOnAbort(cancelled());
  };
  userSignal?.addEventListener('abort', onUserAbort, { once: true });

  const pages = new Map<number, Task[]>();
  const seen = new Set<string>();
  let fetched = 0;
  let total = 0;
  let pagesTotal = 1;

  const record = (page: number, result: TaskPage) => {
    pages.set(page, result.tasks);
    for (const task of result.tasks) {
      const key = taskKey(task);
      if (key === undefined) fetched++;
      else if (!seen.has(key)) {
        seen.add(key);
        fetched++;
      }
    }
    total = Math.max(total, result.count);
    pagesTotal = Math.max(pagesTotal, pagesFor(result.count, pageSize));
    options.onProgress?.({ fetched, total, pagesDone: pages.size, pagesTotal });
  };

  const fetchOne = async (page: number) => {
    const result = await fetchPage(page, pageSize, stop.signal);
    if (stop.signal.aborted) throw userSignal?.aborted ? cancelled() : new Error('stopped');
    record(page, result);
  };

  try {
    const first = fetchOne(1);
    first.catch(() => {}); // if the caller cancels first, a late failure here is moot
    await Promise.race([first, abortPromise]);

    let next = 2;
    let failure: unknown;
    const worker = async () => {
      // `pagesTotal` may grow while workers run; each loop re-reads it.
      while (failure === undefined && next <= pagesTotal) {
        if (stop.signal.aborted) return;
        const page = next++;
        try {
          await fetchOne(page);
        } catch (error) {
          if (failure === undefined) failure = error;
          stop.abort(error);
        }
      }
    };
    await Promise.race([Promise.all(Array.from({ length: concurrency }, worker)), abortPromise]);

    if (userSignal?.aborted) throw cancelled();
    if (failure !== undefined) throw failure;
  } catch (error) {
    if (userSignal?.aborted) throw cancelled();
    throw error;
  } finally {
    userSignal?.removeEventListener('abort', onUserAbort);
  }

  // Page order = newest first; keep each task's first appearance.
  const out: Task[] = [];
  const emitted = new Set<string>();
  for (const page of [...pages.keys()].sort((a, b) => a - b)) {
    for (const task of pages.get(page) ?? []) {
      const key = taskKey(task);
      if (key !== undefined) {
        if (emitted.has(key)) continue;
        emitted.add(key);
      }
      out.push(task);
    }
  }
  return out;
}
