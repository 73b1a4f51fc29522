// What the Tasks and Overview pages read: a page of the list (with counts), one task, the
// overview, and the CSV export. Always from the cache, online or not; the only module that
// queries the cache's tasks.
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
import { MAX_PAGE_SIZE, taskCsvColumns, toCsv, type TaskCache, type TaskListRow } from '../../store/index.ts';
import { toTaskFilter, toTaskQuery } from './filters.ts';
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
  query(input: QueryInput): TaskPage;
  get(id: string): TaskLookup;
  overview(input: { scope: TaskScope; filters: TaskFilters; utcOffsetMinutes: number }): TaskOverview;
  /** `timeZone`: the user's IANA zone for the file's times; default: this machine's. */
  exportCsv(input: { scope: TaskScope; filters: TaskFilters; sort: TaskSort; timeZone?: string }): Promise<{
    filename: string;
    csv: string;
    rows: number;
  }>;
  /** Reads the space's first row once, so the first list the user asks for comes from a warm file. */
  warm(cache: TaskCache, spaceToken: string): void;
}

/** A scope as a read sees it: its cache, its sync status, and the freshness check it triggers. */
export interface ScopeView {
  cache: TaskCache;
  notice: CacheNotice | null;
  lastSyncedAt(): string | null;
  status(): SyncStatus;
  syncing(): boolean;
  /** The scope was read: refreshes it in the background when its data is stale. */
  revalidate(): void;
}

export function createTaskReads(deps: {
  /** The scope's view (the scope is checked to be the user's to read). */
  viewOf: (scope: TaskScope) => ScopeView;
  /** The cache that holds the scope's tasks (checked the same way). */
  cacheFor: (scope: TaskScope) => TaskCache;
  /** The open session's cache. */
  cache: () => TaskCache;
  /** The names the list shows (drafts included, saved for offline): never a network wait. */
  agentNames: () => readonly AgentName[];
}): TaskReads {
  function facetsOf(cache: TaskCache, scope: TaskScope, filters: TaskFilters): TaskFacets {
    const filter = toTaskFilter(scope, filters);
    const tasks = cache.tasks;
    return {
      statuses: tasks.countByStatus(filter),
      labels: tasks.countByLabel(filter),
      outcomeStatuses: tasks.countByOutcomeStatus(filter),
      agents: tasks.countByAgent(filter),
      executionTypes: tasks.countByExecutionType(filter),
    };
  }

  // The stamp is the user's local time, like every time they read.
  const csvName = (scope: TaskScope, timeZone: string) => {
    const stamp = (toIsoWithOffset(Date.now(), timeZone) ?? '').slice(0, 16).replace(/[T:]/g, '-');
    const what = scope.kind === 'space' ? 'space' : 'agent';
    return `unpod-tasks-${what}-${stamp}.csv`;
  };

  return {
    query(input) {
      const view = deps.viewOf(input.scope);
      const page = view.cache.tasks.queryTasks(
        toTaskQuery(input.scope, input.filters, input.sort, input.offset, input.limit),
      );
      const result: TaskPage = {
        rows: page.rows.map(toTaskRow),
        total: page.total,
        offset: page.offset,
        facets: input.facets ? facetsOf(view.cache, input.scope, input.filters) : null,
        lastSyncedAt: view.lastSyncedAt(),
        sync: view.status(),
        notice: view.notice,
        search: page.search,
      };
      // After the read: the answer goes out first, a refresh it starts runs behind it.
      view.revalidate();
      if (view.syncing()) result.sync = view.status();
      return result;
    },

    get(id) {
      const found = deps.cache().tasks.getTask(id);
      if (found.status === 'not_found') {
        throw new AppError('not_found', 'This task is not in the saved data (it may have been removed).');
      }
      if (found.status === 'invalid') return { status: 'invalid', id: found.id, problem: found.problem };
      const taskId = found.task.task_id?.trim() || found.task._id?.trim() || id;
      return { status: 'found', task: toTaskDetail(taskId, found.task) };
    },

    overview({ scope, filters, utcOffsetMinutes }) {
      const view = deps.viewOf(scope);
      const overview = view.cache.tasks.overview(toTaskFilter(scope, filters), { utcOffsetMinutes });
      view.revalidate();
      return { ...overview, lastSyncedAt: view.lastSyncedAt() };
    },

    async exportCsv({ scope, filters, sort, timeZone }) {
      const cache = deps.cacheFor(scope);
      const rows: TaskListRow[] = [];
      for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
        const page = cache.tasks.queryTasks(toTaskQuery(scope, filters, sort, offset, MAX_PAGE_SIZE));
        rows.push(...page.rows);
        if (page.rows.length < MAX_PAGE_SIZE || rows.length >= page.total) break;
      }
      const agentNames = new Map(deps.agentNames().map((a) => [a.handle, a.name]));
      const zone = timeZone ?? localTimeZone();
      const columns = taskCsvColumns({ agentNames, timeZone: zone });
      return { filename: csvName(scope, zone), csv: toCsv(rows, columns, { bom: true }), rows: rows.length };
    },

    warm(cache, spaceToken) {
      cache.tasks.queryTasks({ scope: { kind: 'space', spaceToken }, limit: 1 });
    },
  };
}
