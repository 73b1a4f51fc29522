// What the Tasks and Overview pages read: a page of the list (with counts), one task, the
// overview, and what a CSV export writes. Always from the cache, online or not; the only module that
// queries the cache's tasks. The queries run in the store's reader thread; each kind of read has
// its lane per list, so a newer one supersedes an older one still waiting (the older answers
// `cancelled`, which the window ignores), and the counts never hold up the page's rows.
import type {
  AgentName,
  CacheNotice,
  SyncStatus,
  TaskDetail,
  TaskFacets,
  TaskFilters,
  TaskOverview,
  TaskPage,
  TaskScope,
  TaskSort,
} from '../../ipc/contract.ts';
import { AppError } from '../../ipc/errors.ts';
import { localTimeZone, toIsoWithOffset } from '../../shared/iso-time.ts';
import {
  MAX_PAGE_SIZE,
  StoreClosedError,
  StoreWorkerRestartedError,
  type StoreClient,
} from '../../store/index.ts';
import type { ExportPlan } from './csv-exports.ts';
import { keyOf, toTaskFilter, toTaskQuery } from './filters.ts';
import { toTaskDetail, toTaskRow } from './views.ts';

export interface QueryInput {
  scope: TaskScope;
  filters: TaskFilters;
  sort: TaskSort;
  offset: number;
  limit: number;
  facets: boolean;
}

export type TaskLookup =
  { status: 'found'; task: TaskDetail } | { status: 'invalid'; id: string; problem: string };

export interface TaskReads {
  query(input: QueryInput): Promise<TaskPage>;
  get(id: string): Promise<TaskLookup>;
  overview(input: {
    scope: TaskScope;
    filters: TaskFilters;
    utcOffsetMinutes: number;
  }): Promise<TaskOverview>;
  /**
   * The CSV export of a view: its file name at once (the scope checked), and what it writes once
   * read (the view's keys). `timeZone`: the user's IANA zone for the file's times; default: this
   * machine's.
   */
  planExport(input: { scope: TaskScope; filters: TaskFilters; sort: TaskSort; timeZone?: string }): Promise<{
    filename: string;
    read(): Promise<ExportPlan>;
  }>;
  /** Reads the space's first row once, so the first list the user asks for comes from a warm file. */
  warm(cache: StoreClient, spaceToken: string): Promise<void>;
}

/** A scope as a read sees it: its cache, its sync status, and the freshness check it triggers. */
export interface ScopeView {
  cache: StoreClient;
  notice: CacheNotice | null;
  lastSyncedAt(): string | null;
  status(): SyncStatus;
  syncing(): boolean;
  /** The scope was read: refreshes it in the background when its data is stale. */
  revalidate(): void;
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * One read of the store: tried once more when the reader thread died under it (it has been
 * started again); superseded or closed meanwhile, it answers `cancelled` (nobody waits for it).
 */
async function storeRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    try {
      return await read();
    } catch (error) {
      if (error instanceof StoreWorkerRestartedError) return await read();
      throw error;
    }
  } catch (error) {
    if (isAbort(error) || error instanceof StoreClosedError) {
      throw new AppError('cancelled', 'A newer request replaced this one, or the saved data was closed.');
    }
    throw error;
  }
}

export function createTaskReads(deps: {
  /** The scope's view (the scope is checked to be the user's to read). */
  viewOf: (scope: TaskScope) => Promise<ScopeView>;
  /** The cache that holds the scope's tasks (checked the same way). */
  cacheFor: (scope: TaskScope) => Promise<StoreClient>;
  /** The open session's cache. */
  cache: () => Promise<StoreClient>;
  /** The names the list shows (drafts included, saved for offline): never a network wait. */
  agentNames: () => readonly AgentName[];
}): TaskReads {
  async function facetsOf(cache: StoreClient, scope: TaskScope, filters: TaskFilters): Promise<TaskFacets> {
    const filter = toTaskFilter(scope, filters);
    const tasks = cache.tasks;
    // Five counts, each in its own lane of this list: a newer filter's supersede these.
    const lane = (kind: string) => ({ lane: `counts:${kind}:${keyOf(scope)}` });
    const [statuses, labels, outcomeStatuses, agents, executionTypes] = await Promise.all([
      tasks.countByStatus(filter, lane('status')),
      tasks.countByLabel(filter, lane('label')),
      tasks.countByOutcomeStatus(filter, lane('outcome')),
      tasks.countByAgent(filter, lane('agent')),
      tasks.countByExecutionType(filter, lane('type')),
    ]);
    return { statuses, labels, outcomeStatuses, agents, executionTypes };
  }

  // The stamp is the user's local time, like every time they read.
  const csvName = (scope: TaskScope, timeZone: string) => {
    const stamp = (toIsoWithOffset(Date.now(), timeZone) ?? '').slice(0, 16).replace(/[T:]/g, '-');
    const what = scope.kind === 'space' ? 'space' : 'agent';
    return `unpod-tasks-${what}-${stamp}.csv`;
  };

  return {
    async query(input) {
      const view = await deps.viewOf(input.scope);
      // Rows and counts go to the reader together; the rows are asked first, so they come first.
      const pageRead = storeRead(() =>
        view.cache.tasks.queryTasks(
          toTaskQuery(input.scope, input.filters, input.sort, input.offset, input.limit),
          { lane: `list:${keyOf(input.scope)}:${input.offset}:${input.limit}` },
        ),
      );
      const facetsRead = input.facets
        ? storeRead(() => facetsOf(view.cache, input.scope, input.filters))
        : Promise.resolve(null);
      const [page, facets] = await Promise.all([pageRead, facetsRead]);
      const result: TaskPage = {
        rows: page.rows.map(toTaskRow),
        total: page.total,
        offset: page.offset,
        facets,
        lastSyncedAt: view.lastSyncedAt(),
        sync: view.status(),
        notice: view.notice,
        search: page.search,
        ...(page.notYetSearchable ? { notYetSearchable: page.notYetSearchable } : {}),
      };
      // After the read: the answer goes out first, a refresh it starts runs behind it.
      view.revalidate();
      if (view.syncing()) result.sync = view.status();
      return result;
    },

    async get(id) {
      const cache = await deps.cache();
      const found = await storeRead(() => cache.tasks.getTask(id));
      if (found.status === 'not_found') {
        throw new AppError('not_found', 'This task is not in the saved data (it may have been removed).');
      }
      if (found.status === 'invalid') return { status: 'invalid', id: found.id, problem: found.problem };
      const taskId = found.task.task_id?.trim() || found.task._id?.trim() || id;
      return { status: 'found', task: toTaskDetail(taskId, found.task) };
    },

    async overview({ scope, filters, utcOffsetMinutes }) {
      const view = await deps.viewOf(scope);
      const overview = await storeRead(() =>
        view.cache.tasks.overview(
          toTaskFilter(scope, filters),
          { utcOffsetMinutes },
          { lane: `overview:${keyOf(scope)}` },
        ),
      );
      view.revalidate();
      return { ...overview, lastSyncedAt: view.lastSyncedAt() };
    },

    async planExport({ scope, filters, sort, timeZone }) {
      const cache = await deps.cacheFor(scope);
      const zone = timeZone ?? localTimeZone();
      const filename = csvName(scope, zone);
      return {
        filename,
        read: async () => ({
          cache,
          keys: await storeRead(() =>
            cache.tasks.exportKeys(toTaskQuery(scope, filters, sort, 0, MAX_PAGE_SIZE)),
          ),
          filename,
          agentNames: deps.agentNames().map((a) => [a.handle, a.name] as const),
          timeZone: zone,
        }),
      };
    },

    async warm(cache, spaceToken) {
      await cache.tasks.queryTasks({ scope: { kind: 'space', spaceToken }, limit: 1 });
    },
  };
}
