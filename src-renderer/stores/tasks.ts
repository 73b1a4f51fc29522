// The task list as the review screen shows it: what it is of (a space or an agent), the filters,
// search and sort, the rows loaded so far (in pages, fetched from main as the user scrolls),
// the counts beside the filters, the sync state, and the selected task.
//
// Every query change bumps `version`; an answer to an older version is dropped, so a slow page
// can never paint rows of a previous filter. `tasks.changed` marks loaded pages stale: they stay
// on screen and the visible ones are fetched again (stale-while-revalidate in the renderer too).
//
// `createTasksStore(api)` makes one list over the API it is given: the app makes one at start-up
// over `window.unpod`, unit tests a fresh one over a fake transport.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  CacheNotice,
  ExportProgress,
  IpcError,
  SyncStatus,
  TaskFacets,
  TaskFilters,
  TaskPage,
  TaskRow,
  TaskScope,
  TaskSort,
  UnpodApi,
  WorkspaceState,
} from '../../src-main/ipc/contract.ts';
import { localTimeZone } from '../../src-main/shared/iso-time.ts';
import { settle } from '../lib/ipc.ts';

export const PAGE_SIZE = 100;

export const emptyFilters = (): TaskFilters => ({
  statuses: [],
  labels: [],
  outcomeStatuses: [],
  agents: [],
  executionTypes: [],
  createdFrom: null,
  createdTo: null,
  search: '',
});

export const defaultSort: TaskSort = { field: 'created', direction: 'desc' };

/**
 * What the task list belongs to: the workspace and its organization. Another one starts the
 * list afresh (no scope, no rows), so no list, count, overview or export of a previous
 * organization stays.
 */
export const tasksSessionKey = (state: WorkspaceState | null): string =>
  `${state?.kind}:${state?.profileId ?? ''}:${state?.organization?.domainHandle ?? ''}`;

export const scopeKeyOf = (scope: TaskScope | null): string | null =>
  scope === null ? null : scope.kind === 'space' ? `space:${scope.spaceToken}` : `agent:${scope.agentHandle}`;

export const hasActiveFilters = (f: TaskFilters): boolean =>
  f.statuses.length + f.labels.length + f.outcomeStatuses.length + f.agents.length + f.executionTypes.length >
    0 ||
  f.createdFrom !== null ||
  f.createdTo !== null ||
  f.search.trim() !== '';

/** How main read the search: `no_words` and `too_short` filter nothing (see TaskPage). */
export type SearchKind = TaskPage['search'];

/** The filters that narrowed the list: a search that filtered nothing does not count. */
export const appliedFilters = (f: TaskFilters, searchKind: SearchKind | null): TaskFilters =>
  searchKind === 'no_words' || searchKind === 'too_short' ? { ...f, search: '' } : f;

/** A "Created to" day before the "Created from" day: no task can match. */
export const hasInvertedDates = (f: TaskFilters): boolean =>
  f.createdFrom !== null && f.createdTo !== null && f.createdTo <= f.createdFrom;

/**
 * Whether `next` is older news than `current` about a scope's sync. Answers (sync.start, a page's
 * status) and events (sync.progress) travel separately and can cross: a sync that fails at once
 * may report "failed" before the answer that started it says "running", which would otherwise
 * stay on screen with nothing left to correct it (offline, or a refused token, nothing polls).
 */
export function isOlderSync(next: SyncStatus, current: SyncStatus | null): boolean {
  if (current === null || scopeKeyOf(next.scope) !== scopeKeyOf(current.scope)) return false;
  const nextStart = next.startedAt ?? '';
  const currentStart = current.startedAt ?? '';
  if (nextStart !== currentStart) return nextStart < currentStart;
  return next.phase === 'running' && current.phase !== 'running';
}

interface LoadedPage {
  rows: TaskRow[];
  stale: boolean;
  /** The dataStamp when these rows were asked for. */
  stamp: number;
}

export interface TasksStore {
  scope: TaskScope | null;
  filters: TaskFilters;
  sort: TaskSort;
  version: number;
  /** Bumped whenever main reports changed rows (the open detail re-reads its task). */
  dataStamp: number;
  /** Matching tasks in all; null until the first page answered. */
  total: number | null;
  /** How main read the current search; null until the first page answered. */
  searchKind: SearchKind | null;
  /** Tasks the current search cannot find yet (main's search index is catching up). */
  notYetSearchable: number;
  pages: Record<number, LoadedPage>;
  facets: TaskFacets | null;
  lastSyncedAt: string | null;
  sync: SyncStatus | null;
  notice: CacheNotice | null;
  dismissedNotice: string | null;
  error: IpcError | null;
  /** The rows the list shows now (from the virtualizer), re-fetched after a change. */
  visible: { start: number; end: number };
  selectedIndex: number | null;
  selectedId: string | null;
  exporting: boolean;
  exportError: IpcError | null;
  /** The export main is writing (rows written of total), until it ends. */
  exportProgress: ExportProgress | null;

  /** Which workspace the list belongs to; another one resets everything. */
  sessionKey: string | null;
  reset(sessionKey: string): void;
  setScope(scope: TaskScope | null): void;
  setFilters(patch: Partial<TaskFilters>): void;
  clearFilters(): void;
  sortBy(field: TaskSort['field']): void;
  /** Loads the pages covering rows start..end (inclusive) that are missing or stale. */
  showRange(start: number, end: number): void;
  /** Re-reads the visible pages and the counts (after tasks.changed). */
  revalidate(): void;
  rowAt(index: number): TaskRow | undefined;
  select(index: number): void;
  /** Moves the selection by `delta` rows (keyboard review). */
  move(delta: number): void;
  startSync(mode?: 'full' | 'refresh'): Promise<void>;
  cancelSync(): Promise<void>;
  applySync(status: SyncStatus): void;
  applyNotice(notice: CacheNotice): void;
  dismissNotice(): void;
  /** Starts the export; a download (web host) comes back for the page to fetch, else null. */
  exportCsv(): Promise<{ filename: string; url: string } | null>;
  cancelExport(): Promise<void>;
  applyExportProgress(progress: ExportProgress): void;
  /** Follows main's events: sync progress, changed rows, cache notices. Returns the undo. */
  followEvents(): () => void;
  /**
   * Follows main's events from a request made before the Tasks page mounted (see
   * features/tasks/openEarly.ts) until the page takes them over, so a change reported in between
   * is not missed. Does nothing while already following.
   */
  followEventsEarly(): void;
  /** Ends the early subscription; true when there was one (the list was opened early). */
  takeOverEarlyEvents(): boolean;
}

/** What the task list asks main for. */
export type TasksApi = Pick<UnpodApi, 'tasks' | 'sync' | 'on'>;
export type TasksStoreApi = StoreApi<TasksStore>;

const pageOf = (index: number) => Math.floor(index / PAGE_SIZE);

/** Fields sorted high-to-low on the first click (newest, longest, most expensive first). */
const DESCENDING_FIRST = new Set<TaskSort['field']>(['created', 'modified', 'duration', 'cost', 'relevance']);

export function createTasksStore(api: TasksApi): TasksStoreApi {
  // Per store, so each list (and each test's) starts with nothing in flight.
  const inFlight = new Map<string, Promise<void>>();
  let facetsTimer: ReturnType<typeof setTimeout> | null = null;
  /** Counts requests are numbered: an answer older than the counts shown is dropped. */
  let facetsAsked = 0;
  let facetsShown = 0;
  let stopEarlyEvents: (() => void) | null = null;

  return createStore<TasksStore>()((set, get) => {
    /**
     * Loads one page of rows; a second call for the same page shares the request in flight, unless
     * main reported changed rows since that request was sent (its answer may predate them).
     */
    function loadPage(page: number, version: number): Promise<void> {
      const stamp = get().dataStamp;
      const key = `${version}:${stamp}:${page}`;
      let request = inFlight.get(key);
      if (!request) {
        request = fetchPage(page, version, stamp).finally(() => inFlight.delete(key));
        inFlight.set(key, request);
      }
      return request;
    }

    async function fetchPage(page: number, version: number, stamp: number): Promise<void> {
      const { scope, filters, sort } = get();
      if (scope === null) return;
      const result = await settle(() =>
        api.tasks.query({ scope, filters, sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
      );
      if (get().version !== version) return;
      if (!result.ok) {
        // Superseded by a newer request of the same page: that one's answer fills it.
        if (result.error.code !== 'cancelled') set({ error: result.error });
        return;
      }
      // An answer older than the rows already shown (requests can finish out of order) is dropped.
      if ((get().pages[page]?.stamp ?? -1) > stamp) return;
      const data = result.data;
      const changedSince = get().dataStamp !== stamp;
      set((s) => ({
        pages: { ...s.pages, [page]: { rows: data.rows, stale: changedSince, stamp } },
        total: data.total,
        searchKind: data.search,
        notYetSearchable: data.notYetSearchable ?? 0,
        lastSyncedAt: data.lastSyncedAt,
        sync: isOlderSync(data.sync, s.sync) ? s.sync : data.sync,
        notice: data.notice,
        error: null,
      }));
      relocateSelection();
      // Rows changed while this page was on its way: ask again for the current ones.
      if (changedSince) void loadPage(page, version);
    }

    async function loadFacets(version: number): Promise<void> {
      const { scope, filters, sort } = get();
      if (scope === null) return;
      const asked = ++facetsAsked;
      const result = await settle(() =>
        api.tasks.query({ scope, filters, sort, offset: 0, limit: 1, facets: true }),
      );
      // Two counts requests of one query (rows changed in between) can finish out of order.
      if (get().version !== version || !result.ok || asked < facetsShown) return;
      facetsShown = asked;
      set({ facets: result.data.facets });
    }

    /** Counts are a few full scans at 100k tasks: asked for after the rows, at most every 400 ms. */
    function scheduleFacets(version: number, delayMs: number): void {
      if (facetsTimer) clearTimeout(facetsTimer);
      facetsTimer = setTimeout(() => {
        facetsTimer = null;
        void loadFacets(version);
      }, delayMs);
    }

    /** After rows moved (new tasks arrived above), keep the selected task selected. */
    function relocateSelection(): void {
      const { selectedId, selectedIndex, pages } = get();
      if (selectedId === null || selectedIndex === null) return;
      if (get().rowAt(selectedIndex)?.id === selectedId) return;
      for (const [page, loaded] of Object.entries(pages)) {
        const at = loaded.rows.findIndex((r) => r.id === selectedId);
        if (at !== -1) {
          set({ selectedIndex: Number(page) * PAGE_SIZE + at });
          return;
        }
      }
    }

    /** A new query: forget the rows, keep nothing of the old answer but the sync state. */
    function restart(patch: Partial<TasksStore>): void {
      const version = get().version + 1;
      set({
        ...patch,
        version,
        total: null,
        searchKind: null,
        notYetSearchable: 0,
        pages: {},
        error: null,
        selectedIndex: null,
        selectedId: null,
      });
      if (get().scope === null) return;
      const { start, end } = get().visible;
      get().showRange(start, Math.max(end, start + 30));
      // The counts cost a few full scans at 100k tasks: asked for once the first rows are in, so
      // they never hold the rows up.
      void loadPage(pageOf(start), version).then(() => scheduleFacets(version, 0));
    }

    return {
      scope: null,
      filters: emptyFilters(),
      sort: defaultSort,
      version: 0,
      dataStamp: 0,
      total: null,
      searchKind: null,
      notYetSearchable: 0,
      pages: {},
      facets: null,
      lastSyncedAt: null,
      sync: null,
      notice: null,
      dismissedNotice: null,
      error: null,
      visible: { start: 0, end: 30 },
      selectedIndex: null,
      selectedId: null,
      exporting: false,
      exportError: null,
      exportProgress: null,
      sessionKey: null,

      reset(sessionKey) {
        if (get().sessionKey === sessionKey) return;
        set({ sessionKey, scope: null, facets: null, sync: null, lastSyncedAt: null, notice: null });
        restart({ filters: emptyFilters(), sort: defaultSort });
      },

      setScope(scope) {
        if (scopeKeyOf(scope) === scopeKeyOf(get().scope)) return;
        restart({ scope, facets: null, sync: null, lastSyncedAt: null, filters: emptyFilters() });
      },
      setFilters(patch) {
        const filters = { ...get().filters, ...patch };
        // Best match first while searching; back to newest first when the search is cleared.
        let sort = get().sort;
        const searching = filters.search.trim() !== '';
        if (searching && get().filters.search.trim() === '' && sort.field === 'created') {
          sort = { field: 'relevance', direction: 'desc' };
        } else if (!searching && sort.field === 'relevance') {
          sort = defaultSort;
        }
        restart({ filters, sort });
      },
      clearFilters() {
        restart({ filters: emptyFilters(), sort: defaultSort });
      },
      sortBy(field) {
        const current = get().sort;
        const direction =
          current.field === field
            ? current.direction === 'asc'
              ? 'desc'
              : 'asc'
            : DESCENDING_FIRST.has(field)
              ? 'desc'
              : 'asc';
        restart({ sort: { field, direction } });
      },

      showRange(start, end) {
        set({ visible: { start, end } });
        const { total, pages, version } = get();
        const last = total === null ? pageOf(end) : Math.min(pageOf(end), pageOf(Math.max(0, total - 1)));
        for (let page = pageOf(start); page <= last; page++) {
          const loaded = pages[page];
          if (!loaded || loaded.stale) void loadPage(page, version);
        }
      },

      revalidate() {
        if (get().scope === null) return;
        set((s) => ({
          dataStamp: s.dataStamp + 1,
          pages: Object.fromEntries(
            Object.entries(s.pages).map(([page, loaded]) => [page, { ...loaded, stale: true }]),
          ),
        }));
        const { start, end } = get().visible;
        get().showRange(start, end);
        scheduleFacets(get().version, 400);
      },

      rowAt(index) {
        return get().pages[pageOf(index)]?.rows[index % PAGE_SIZE];
      },

      select(index) {
        const { total } = get();
        if (total === null || total === 0) return;
        const clamped = Math.max(0, Math.min(total - 1, index));
        const row = get().rowAt(clamped);
        set({ selectedIndex: clamped, selectedId: row?.id ?? null });
        if (!row) {
          // Not loaded yet (a jump to the end): load it, then take its id.
          const version = get().version;
          void loadPage(pageOf(clamped), version).then(() => {
            if (get().version === version && get().selectedIndex === clamped) {
              set({ selectedId: get().rowAt(clamped)?.id ?? null });
            }
          });
        }
      },

      move(delta) {
        const { selectedIndex } = get();
        get().select(selectedIndex === null ? (delta > 0 ? 0 : 0) : selectedIndex + delta);
      },

      async startSync(mode = 'full') {
        const { scope } = get();
        if (scope === null) return;
        const result = await settle(() => api.sync.start({ scope, mode }));
        if (result.ok) get().applySync(result.data);
        else set({ error: result.error });
      },

      async cancelSync() {
        const { scope } = get();
        if (scope === null) return;
        const result = await settle(() => api.sync.cancel({ scope }));
        if (result.ok) get().applySync(result.data);
      },

      applySync(status) {
        if (scopeKeyOf(status.scope) !== scopeKeyOf(get().scope)) return;
        if (isOlderSync(status, get().sync)) return;
        set({ sync: status, lastSyncedAt: status.lastSyncedAt });
      },

      applyNotice(notice) {
        set({ notice });
      },

      dismissNotice() {
        set({ dismissedNotice: get().notice?.id ?? null });
      },

      async exportCsv() {
        const { scope, filters, sort } = get();
        if (scope === null || get().exporting) return null;
        set({ exporting: true, exportError: null, exportProgress: null });
        // The file's times are written in the zone the screen shows them in.
        const timeZone = localTimeZone();
        const result = await settle(() => api.tasks.exportCsv({ scope, filters, sort, timeZone }));
        if (!result.ok || result.data.kind === 'dismissed') {
          set({ exporting: false, exportError: result.ok ? null : result.error });
          return null;
        }
        const { id, filename, total } = result.data;
        // Progress events may have come first (a small file may even be written already).
        const seen = get().exportProgress;
        if (get().exporting && seen?.id !== id) {
          set({ exportProgress: { id, filename, written: 0, total, phase: 'waiting', error: null } });
        }
        return result.data.kind === 'download' ? { filename, url: result.data.url } : null;
      },

      async cancelExport() {
        const progress = get().exportProgress;
        if (progress === null) return;
        const result = await settle(() => api.tasks.cancelExport({ id: progress.id }));
        if (result.ok) get().applyExportProgress(result.data);
        else set({ exporting: false, exportProgress: null });
      },

      applyExportProgress(progress) {
        const current = get().exportProgress;
        if (!get().exporting || (current !== null && current.id !== progress.id)) return;
        const ended =
          progress.phase === 'done' || progress.phase === 'failed' || progress.phase === 'cancelled';
        set({
          exportProgress: ended ? null : progress,
          exporting: !ended,
          ...(progress.phase === 'failed'
            ? {
                exportError: {
                  code: 'internal',
                  message: progress.error ?? 'The file could not be written.',
                },
              }
            : {}),
        });
      },

      followEvents() {
        const offs = [
          api.on('sync.progress', (status) => get().applySync(status)),
          api.on('tasks.changed', () => get().revalidate()),
          api.on('cache.notice', (notice) => get().applyNotice(notice)),
          api.on('export.progress', (progress) => get().applyExportProgress(progress)),
        ];
        return () => {
          for (const off of offs) off();
        };
      },

      followEventsEarly() {
        stopEarlyEvents ??= get().followEvents();
      },

      takeOverEarlyEvents() {
        if (!stopEarlyEvents) return false;
        stopEarlyEvents();
        stopEarlyEvents = null;
        return true;
      },
    };
  });
}
