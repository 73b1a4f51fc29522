// The offline task cache of the open workspace and everything that keeps it current.
//
// - One cache file per workspace: <profile data folder>/tasks-cache.sqlite, or
//   <app data folder>/demo/tasks-cache.sqlite for the demo. Opened on first use, closed when the
//   workspace closes or changes (sign-out may delete the folder right after).
// - Reads (lists, detail, overview, export) always come from the cache, online or not.
// - Stale-while-revalidate: a read of a scope whose data is older than `staleAfterMs` starts a
//   background refresh when online (a full sync if the scope was never synced).
// - Re-polling: the current space, and agent lists viewed recently, are refreshed periodically
//   so calls that complete show up without pressing anything; the interval starts short and
//   doubles (up to `repollMaxMs`) while refreshes bring no changes.
// - Offline: a network error or timeout anywhere flips the workspace's connection state to
//   offline (the workspace's tracker). While offline a cheap probe runs with backoff; its first
//   success flips the state back to online, and every active scope is refreshed at once.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CacheNotice,
  ConnectionState,
  EventName,
  EventPayload,
  SyncStatus,
  TaskDetail,
  TaskFacets,
  TaskFilters,
  TaskOverview,
  TaskPage,
  TaskScope,
  TaskSort,
} from '../../ipc/contract.ts';
import { AppError, toIpcError } from '../../ipc/errors.ts';
import { localTimeZone, toIsoWithOffset } from '../../shared/iso-time.ts';
import type { Logger } from '../../log/index.ts';
import {
  MAX_PAGE_SIZE,
  openCache,
  taskCsvColumns,
  type OpenCacheResult,
  toCsv,
  type TaskCache,
  type TaskListRow,
} from '../../store/index.ts';
import { UnpodError, type UnpodClient } from '../../unpod/index.ts';
import type { ActiveSession, Emit, WorkspaceService } from '../workspace.ts';
import { keyOf, toCacheScope, toTaskFilter, toTaskQuery } from './filters.ts';
import {
  runFullSync,
  runRefresh,
  type SyncCounts,
  type SyncProgress,
  type SyncTarget,
} from './sync-runner.ts';
import { checkIntegrityInBackground } from './integrity-check.ts';
import { toTaskDetail, toTaskRow } from './views.ts';

export const CACHE_FILE_NAME = 'tasks-cache.sqlite';

export interface SyncTiming {
  /** A read of data older than this starts a background refresh (when online). */
  staleAfterMs: number;
  /** Re-poll interval right after a change; doubles while nothing changes, up to the max. */
  repollMinMs: number;
  repollMaxMs: number;
  /** Connection probe interval while offline; doubles up to the max. */
  probeMinMs: number;
  probeMaxMs: number;
  /** An agent list not viewed for this long is no longer re-polled. */
  scopeIdleMs: number;
  /** Coalescing window of `tasks.changed` and `sync.progress` events. */
  eventIntervalMs: number;
  pageSize: number;
  concurrency: number;
  /** Pages a refresh walks at most. */
  refreshMaxPages: number;
  /** The background integrity check of a just-opened cache waits this long, so it does not
   * compete with the first screen for the CPU. */
  integrityCheckDelayMs: number;
}

export const DEFAULT_SYNC_TIMING: SyncTiming = {
  staleAfterMs: 60_000,
  repollMinMs: 5_000,
  repollMaxMs: 60_000,
  probeMinMs: 2_000,
  probeMaxMs: 15_000,
  scopeIdleMs: 10 * 60_000,
  eventIntervalMs: 250,
  pageSize: 100,
  concurrency: 4,
  refreshMaxPages: 10,
  integrityCheckDelayMs: 3_000,
};

export interface TasksServiceOptions {
  /** The app's data folder; the demo's cache lives in <dataDir>/demo. */
  dataDir: string;
  workspace: WorkspaceService;
  emit: Emit;
  logger: Logger;
  timing?: Partial<SyncTiming>;
}

export interface QueryInput {
  scope: TaskScope;
  filters: TaskFilters;
  sort: TaskSort;
  offset: number;
  limit: number;
  facets: boolean;
}

export interface TasksService {
  query(input: QueryInput): TaskPage;
  get(id: string): { status: 'found'; task: TaskDetail } | { status: 'invalid'; id: string; problem: string };
  overview(input: { scope: TaskScope; filters: TaskFilters; utcOffsetMinutes: number }): TaskOverview;
  /** `timeZone`: the user's IANA zone for the file's times; default: this machine's. */
  exportCsv(input: { scope: TaskScope; filters: TaskFilters; sort: TaskSort; timeZone?: string }): Promise<{
    filename: string;
    csv: string;
    rows: number;
  }>;
  startSync(scope: TaskScope, mode: 'full' | 'refresh'): SyncStatus;
  cancelSync(scope: TaskScope): SyncStatus;
  syncStatus(scope: TaskScope): SyncStatus;
  /** Waits for the scope's running sync, if any (tests and the benchmark). */
  whenIdle(scope: TaskScope): Promise<SyncStatus>;
  /** Hears the workspace's events (app-services forwards every emitted event). */
  onEvent<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The open cache (tests, diagnostics), or null. */
  currentCache(): TaskCache | null;
  close(): Promise<void>;
}

type Mode = 'full' | 'refresh';

interface Run {
  mode: Mode;
  controller: AbortController;
  done: Promise<void>;
}

interface ScopeEntry {
  scope: TaskScope;
  key: string;
  status: Omit<SyncStatus, 'lastSyncedAt'>;
  run: Run | null;
  /** When a sync or refresh of this scope last started (ms), successful or not. */
  lastAttemptAt: number;
  lastViewedAt: number;
  repollDelayMs: number;
  nextRepollAt: number;
  pendingChange: { inserted: number; updated: number; deleted: number } | null;
  changeTimer: NodeJS.Timeout | null;
  lastProgressAt: number;
  progressTimer: NodeJS.Timeout | null;
}

interface Context {
  sessionId: number;
  /** The organization the scopes below belong to; another one forgets them (see scopesFor). */
  orgHandle: string | null;
  path: string;
  cache: TaskCache;
  notice: CacheNotice | null;
  scopes: Map<string, ScopeEntry>;
  closed: boolean;
  repollTimer: NodeJS.Timeout | null;
  probeTimer: NodeJS.Timeout | null;
  probeDelayMs: number;
  probing: boolean;
  /** The background integrity check of this cache file, while it runs (stopped on close). */
  integrityCheck: { controller: AbortController; done: Promise<unknown> } | null;
}

const MAX_SCOPES = 20;

const notSignedIn = () =>
  new AppError('not_signed_in', 'No workspace is open. Open the demo or sign in with an API token first.');
const noOrganization = () =>
  new AppError('no_organization', 'Choose an organization first: its spaces and agents hold the tasks.');

const idleStatus = (scope: TaskScope): Omit<SyncStatus, 'lastSyncedAt'> => ({
  scope,
  phase: 'idle',
  mode: null,
  fetched: 0,
  total: 0,
  pagesDone: 0,
  pagesTotal: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  startedAt: null,
  finishedAt: null,
  error: null,
});

const isCancelled = (error: unknown) => error instanceof UnpodError && error.kind === 'cancelled';

const unref = (timer: NodeJS.Timeout): NodeJS.Timeout => {
  timer.unref();
  return timer;
};

export function createTasksService(options: TasksServiceOptions): TasksService {
  const timing: SyncTiming = { ...DEFAULT_SYNC_TIMING, ...options.timing };
  const { workspace, emit, logger } = options;
  let context: Context | null = null;

  // ---------------------------------------------------------------- the cache of the session

  function cacheDirOf(session: ActiveSession): string {
    return session.dataDir ?? join(options.dataDir, 'demo');
  }

  const recoveredNotice = (reason: string | null): CacheNotice => ({
    id: `recovered-${Date.now()}`,
    kind: 'recovered',
    message: `The saved task data could not be read (${reason ?? 'damaged'}), so it was set aside and is being downloaded again from Unpod.`,
    at: new Date().toISOString(),
  });

  function makeContext(sessionId: number, path: string, opened: OpenCacheResult): Context {
    let notice: CacheNotice | null = null;
    if (opened.recovered) {
      logger.warn('the task cache was damaged and has been rebuilt', {
        reason: opened.reason,
        movedTo: opened.movedTo,
      });
      notice = recoveredNotice(opened.reason);
    }
    const ctx: Context = {
      sessionId,
      orgHandle: workspace.activeSession()?.organization?.domainHandle ?? null,
      path,
      cache: opened.cache,
      notice,
      scopes: new Map(),
      closed: false,
      repollTimer: null,
      probeTimer: null,
      probeDelayMs: timing.probeMinMs,
      probing: false,
      integrityCheck: null,
    };
    if (notice) emit('cache.notice', notice);
    return ctx;
  }

  const cannotOpen = () =>
    new AppError(
      'internal',
      'Unpod Desk could not open its saved task data (the file is locked by another copy of the app, or cannot be read). Close other copies of Unpod Desk and try again.',
    );

  /** Integrity checks whose worker has not finished, of this cache or of one closed before. */
  const checksRunning = new Set<Promise<void>>();

  /**
   * Opens the session's cache. The schema is checked at once (a file that is no database is
   * set aside right here); the full integrity check runs in a worker meanwhile (see
   * integrity-check.ts) and rebuilds the cache if it fails.
   */
  function openContext(session: ActiveSession): Context {
    const path = join(cacheDirOf(session), CACHE_FILE_NAME);
    let opened: OpenCacheResult;
    try {
      opened = openCache(path, { quickCheck: false });
    } catch (error) {
      logger.error('the task cache could not be opened', { error, path });
      throw cannotOpen();
    }
    const ctx = makeContext(session.id, path, opened);
    if (!opened.recovered) {
      const timer = setTimeout(() => {
        if (ctx.closed) return;
        const controller = new AbortController();
        const done = checkIntegrityInBackground(path, controller.signal).then((result) => {
          checksRunning.delete(done);
          ctx.integrityCheck = null;
          if (controller.signal.aborted) return;
          if (result.status === 'corrupt') recoverDamaged(ctx, result.problem);
          else if (result.status === 'unknown') logger.warn('the task cache check did not run', result);
        });
        checksRunning.add(done);
        ctx.integrityCheck = { controller, done };
      }, timing.integrityCheckDelayMs);
      timer.unref();
    }
    return ctx;
  }

  /** The background check found damage: reopen with the check, which sets the file aside. */
  function recoverDamaged(ctx: Context, problem: string): void {
    if (ctx.closed || context !== ctx) return;
    logger.warn('the task cache failed its integrity check', { problem });
    const scopes = [...ctx.scopes.values()].map((e) => e.scope);
    closeContext(ctx);
    let opened: OpenCacheResult;
    try {
      opened = openCache(ctx.path);
    } catch (error) {
      logger.error('the task cache could not be reopened after its check failed', { error });
      return; // the next read tries again
    }
    context = makeContext(ctx.sessionId, ctx.path, opened);
    // Lists on screen re-read (they are empty now; their next read starts the download).
    for (const scope of scopes) emit('tasks.changed', { scope, inserted: 0, updated: 0, deleted: 0 });
  }

  function closeContext(ctx: Context): void {
    if (ctx.closed) return;
    ctx.closed = true;
    for (const entry of ctx.scopes.values()) {
      entry.run?.controller.abort();
      if (entry.changeTimer) clearTimeout(entry.changeTimer);
      if (entry.progressTimer) clearTimeout(entry.progressTimer);
    }
    if (ctx.repollTimer) clearTimeout(ctx.repollTimer);
    if (ctx.probeTimer) clearTimeout(ctx.probeTimer);
    ctx.integrityCheck?.controller.abort();
    ctx.cache.close();
    if (context === ctx) context = null;
  }

  /** The open session's context, opening its cache on first use. */
  function requireContext(): Context {
    const session = workspace.activeSession();
    if (session === null) {
      if (context) closeContext(context);
      throw notSignedIn();
    }
    if (context && context.sessionId === session.id) return context;
    if (context) closeContext(context);
    context = openContext(session);
    return context;
  }

  const isOffline = () => workspace.getState().connection.state === 'offline';
  /** Online: neither unreachable nor refusing the token (then nothing is polled or probed). */
  const isOnline = () => workspace.getState().connection.state === 'online';

  /**
   * The context of the open session, refusing a scope that is not the current space or an agent
   * of the current organization: no list, count, overview, export or sync can answer for a space
   * of another organization, whatever the renderer asks.
   */
  function contextFor(scope: TaskScope): Context {
    const ctx = requireContext();
    const session = workspace.activeSession();
    const organization = session?.organization ?? null;
    if (session === null || organization === null) throw noOrganization();
    scopesFor(ctx, organization.domainHandle);
    if (scope.kind === 'space' && scope.spaceToken !== session.spaceToken) {
      throw new AppError(
        'not_found',
        session.spaceToken === null
          ? `No space of ${organization.name} is chosen. Choose a space in the bar above to see its tasks.`
          : `This list is not of the space chosen in ${organization.name}. Choose the space in the bar above to see its tasks.`,
      );
    }
    if (scope.kind === 'agent' && !session.agentHandles.has(scope.agentHandle)) {
      throw new AppError(
        'not_found',
        `This agent is not one of ${organization.name}'s. Choose an agent of this organization to see its tasks.`,
      );
    }
    return ctx;
  }

  /** Another organization: its scopes (and their syncs, re-polls) are of no use any more. */
  function scopesFor(ctx: Context, orgHandle: string | null): void {
    if (ctx.orgHandle === orgHandle) return;
    ctx.orgHandle = orgHandle;
    for (const entry of ctx.scopes.values()) {
      entry.run?.controller.abort();
      if (entry.changeTimer) clearTimeout(entry.changeTimer);
      if (entry.progressTimer) clearTimeout(entry.progressTimer);
    }
    ctx.scopes.clear();
    if (ctx.repollTimer) clearTimeout(ctx.repollTimer);
    ctx.repollTimer = null;
  }

  // ---------------------------------------------------------------- scopes and their status

  function entryOf(ctx: Context, scope: TaskScope): ScopeEntry {
    const key = keyOf(scope);
    let entry = ctx.scopes.get(key);
    if (!entry) {
      entry = {
        scope,
        key,
        status: idleStatus(scope),
        run: null,
        lastAttemptAt: 0,
        lastViewedAt: 0,
        repollDelayMs: timing.repollMinMs,
        nextRepollAt: 0,
        pendingChange: null,
        changeTimer: null,
        lastProgressAt: 0,
        progressTimer: null,
      };
      ctx.scopes.set(key, entry);
      if (ctx.scopes.size > MAX_SCOPES) forgetIdlestScope(ctx);
    }
    return entry;
  }

  function forgetIdlestScope(ctx: Context): void {
    let idlest: ScopeEntry | null = null;
    for (const entry of ctx.scopes.values()) {
      if (entry.run) continue;
      if (idlest === null || entry.lastViewedAt < idlest.lastViewedAt) idlest = entry;
    }
    if (idlest) {
      if (idlest.changeTimer) clearTimeout(idlest.changeTimer);
      if (idlest.progressTimer) clearTimeout(idlest.progressTimer);
      ctx.scopes.delete(idlest.key);
    }
  }

  const lastSyncedAtOf = (ctx: Context, scope: TaskScope): string | null =>
    ctx.cache.syncState.get(toCacheScope(scope))?.lastSyncedAt ?? null;

  const statusOf = (ctx: Context, entry: ScopeEntry): SyncStatus => ({
    ...entry.status,
    lastSyncedAt: lastSyncedAtOf(ctx, entry.scope),
  });

  function emitProgress(ctx: Context, entry: ScopeEntry, force: boolean): void {
    if (ctx.closed) return;
    const now = Date.now();
    if (!force && now - entry.lastProgressAt < timing.eventIntervalMs) {
      entry.progressTimer ??= unref(
        setTimeout(() => {
          entry.progressTimer = null;
          emitProgress(ctx, entry, true);
        }, timing.eventIntervalMs),
      );
      return;
    }
    if (entry.progressTimer) {
      clearTimeout(entry.progressTimer);
      entry.progressTimer = null;
    }
    entry.lastProgressAt = now;
    emit('sync.progress', statusOf(ctx, entry));
  }

  /** Collects row changes and announces them at most once per event interval. */
  function noteChange(
    ctx: Context,
    entry: ScopeEntry,
    counts: Pick<SyncCounts, 'inserted' | 'updated' | 'deleted'>,
  ) {
    const pending = (entry.pendingChange ??= { inserted: 0, updated: 0, deleted: 0 });
    pending.inserted += counts.inserted;
    pending.updated += counts.updated;
    pending.deleted += counts.deleted;
    entry.changeTimer ??= unref(setTimeout(() => flushChange(ctx, entry), timing.eventIntervalMs));
  }

  function flushChange(ctx: Context, entry: ScopeEntry): void {
    if (entry.changeTimer) clearTimeout(entry.changeTimer);
    entry.changeTimer = null;
    const pending = entry.pendingChange;
    entry.pendingChange = null;
    if (pending && !ctx.closed) emit('tasks.changed', { scope: entry.scope, ...pending });
  }

  // ---------------------------------------------------------------- syncing

  function targetFor(ctx: Context, scope: TaskScope, client: UnpodClient): SyncTarget {
    return {
      cache: ctx.cache,
      scope: toCacheScope(scope),
      fetchPage: (page, pageSize, signal) =>
        workspace.trackConnection(() =>
          scope.kind === 'space'
            ? client.listSpaceTasks(scope.spaceToken, { page, pageSize }, { signal })
            : client.listAgentTasks(scope.agentHandle, { page, pageSize }, { signal }),
        ),
    };
  }

  /** Starts a sync of `entry` (a refresh gives way to a full sync; otherwise one at a time). */
  function start(ctx: Context, entry: ScopeEntry, mode: Mode): void {
    if (entry.run) {
      if (entry.run.mode === 'full' || mode === 'refresh') return;
      entry.run.controller.abort(); // a full sync supersedes a refresh
    }
    const client = workspace.activeSession()?.orgClient ?? null;
    if (client === null) throw noOrganization();

    const controller = new AbortController();
    const startedAt = new Date().toISOString();
    entry.lastAttemptAt = Date.now();
    entry.status = { ...idleStatus(entry.scope), phase: 'running', mode, startedAt };
    const onProgress = (p: SyncProgress) => {
      if (controller.signal.aborted) return;
      entry.status = {
        ...entry.status,
        fetched: p.fetched,
        total: p.total,
        pagesDone: p.pagesDone,
        pagesTotal: p.pagesTotal,
        inserted: p.inserted,
        updated: p.updated,
        unchanged: p.unchanged,
      };
      emitProgress(ctx, entry, false);
    };
    const target = targetFor(ctx, entry.scope, client);
    const runOptions = {
      signal: controller.signal,
      pageSize: timing.pageSize,
      onProgress,
      onChanged: (c: SyncCounts) => noteChange(ctx, entry, c),
    };

    const run: Run = { mode, controller, done: Promise.resolve() };
    run.done = (async () => {
      // Let the read that started this answer first (a refresh begins with a scan of the
      // tasks in flight, ~80 ms at 100k).
      await new Promise((resolve) => setImmediate(resolve));
      try {
        if (controller.signal.aborted) throw new UnpodError('cancelled', 'The sync was cancelled.');
        const outcome =
          mode === 'full'
            ? await runFullSync(target, { ...runOptions, concurrency: timing.concurrency })
            : await runRefresh(target, { ...runOptions, maxPages: timing.refreshMaxPages });
        if (ctx.closed) return;
        const finishedAt = new Date().toISOString();
        ctx.cache.syncState.set(toCacheScope(entry.scope), {
          lastSyncedAt: finishedAt,
          count: outcome.total,
          ...(mode === 'full' ? { cursor: JSON.stringify({ fullSyncAt: finishedAt }) } : {}),
        });
        const changed = outcome.counts.inserted + outcome.counts.updated + outcome.counts.deleted;
        entry.repollDelayMs =
          changed > 0 ? timing.repollMinMs : Math.min(entry.repollDelayMs * 2, timing.repollMaxMs);
        entry.status = {
          ...entry.status,
          phase: 'done',
          fetched: outcome.fetched,
          total: outcome.total,
          inserted: outcome.counts.inserted,
          updated: outcome.counts.updated,
          unchanged: outcome.counts.unchanged,
          finishedAt,
        };
        logger.info('tasks synced', {
          scope: entry.key,
          mode,
          ...outcome.counts,
          total: outcome.total,
          ms: Math.round(outcome.timings.wallMs),
        });
      } catch (error) {
        if (ctx.closed || entry.run !== run) return;
        const finishedAt = new Date().toISOString();
        if (isCancelled(error) || controller.signal.aborted) {
          entry.status = { ...entry.status, phase: 'cancelled', finishedAt };
        } else {
          const { error: ipcError, expected } = toIpcError(error);
          if (!expected) logger.error('syncing tasks failed', { scope: entry.key, error });
          entry.status = { ...entry.status, phase: 'failed', finishedAt, error: ipcError };
          entry.repollDelayMs = Math.min(entry.repollDelayMs * 2, timing.repollMaxMs);
        }
      } finally {
        if (entry.run === run) {
          entry.run = null;
          entry.nextRepollAt = Date.now() + entry.repollDelayMs;
          flushChange(ctx, entry);
          emitProgress(ctx, entry, true);
          scheduleRepoll(ctx);
        }
      }
    })();
    entry.run = run;
    emitProgress(ctx, entry, true);
  }

  /** Stale-while-revalidate: called on every read of a scope. */
  function revalidate(ctx: Context, entry: ScopeEntry): void {
    entry.lastViewedAt = Date.now();
    scheduleRepoll(ctx);
    if (isOffline()) {
      // Offline since before this cache was opened: nobody is probing yet.
      scheduleProbe(ctx);
      return;
    }
    if (!isOnline()) return; // the token is refused: a refresh would be refused too
    if (entry.run) return;
    const now = Date.now();
    if (now - entry.lastAttemptAt < timing.staleAfterMs) return;
    const last = lastSyncedAtOf(ctx, entry.scope);
    const age = last === null ? Number.POSITIVE_INFINITY : now - Date.parse(last);
    if (age < timing.staleAfterMs) return;
    try {
      start(ctx, entry, last === null ? 'full' : 'refresh');
    } catch (error) {
      // No organization chosen: nothing to refresh from; the cached rows are still shown.
      logger.debug('background refresh not started', { scope: entry.key, error });
    }
  }

  // ---------------------------------------------------------------- re-polling and probing

  /** Scopes kept fresh: the current space, and lists viewed recently. Only synced ones. */
  function activeScopes(ctx: Context): ScopeEntry[] {
    const spaceToken = workspace.activeSession()?.spaceToken ?? null;
    const now = Date.now();
    return [...ctx.scopes.values()].filter(
      (e) =>
        ((e.scope.kind === 'space' && e.scope.spaceToken === spaceToken) ||
          now - e.lastViewedAt < timing.scopeIdleMs) &&
        lastSyncedAtOf(ctx, e.scope) !== null,
    );
  }

  function scheduleRepoll(ctx: Context): void {
    if (ctx.closed) return;
    if (ctx.repollTimer) clearTimeout(ctx.repollTimer);
    ctx.repollTimer = null;
    if (!isOnline()) return; // the probe takes over, or the token must be replaced first
    const due = activeScopes(ctx)
      .filter((e) => e.run === null)
      .map((e) => e.nextRepollAt || Date.now() + e.repollDelayMs);
    if (due.length === 0) return;
    const wait = Math.max(0, Math.min(...due) - Date.now());
    ctx.repollTimer = unref(setTimeout(() => repollDue(ctx), wait));
  }

  function repollDue(ctx: Context): void {
    ctx.repollTimer = null;
    if (ctx.closed || !isOnline()) return;
    const now = Date.now();
    for (const entry of activeScopes(ctx)) {
      if (entry.run) continue;
      if (entry.nextRepollAt === 0) entry.nextRepollAt = now + entry.repollDelayMs;
      if (entry.nextRepollAt > now) continue;
      try {
        start(ctx, entry, 'refresh');
      } catch (error) {
        logger.debug('re-poll not started', { scope: entry.key, error });
        entry.nextRepollAt = now + timing.repollMaxMs;
      }
    }
    scheduleRepoll(ctx);
  }

  function scheduleProbe(ctx: Context): void {
    if (ctx.closed || ctx.probeTimer || ctx.probing) return;
    ctx.probeTimer = unref(
      setTimeout(() => {
        ctx.probeTimer = null;
        void probe(ctx);
      }, ctx.probeDelayMs),
    );
  }

  /**
   * The workspace's quick check (one cheap request, short timeout): an answer flips the
   * connection back to online (see onEvent).
   */
  async function probe(ctx: Context): Promise<void> {
    if (ctx.closed || !isOffline()) return;
    const session = workspace.activeSession();
    if (session === null || session.id !== ctx.sessionId) return;
    ctx.probing = true;
    try {
      await workspace.checkConnection();
    } finally {
      ctx.probing = false;
    }
    if (ctx.closed) return;
    if (isOffline()) {
      ctx.probeDelayMs = Math.min(ctx.probeDelayMs * 2, timing.probeMaxMs);
      scheduleProbe(ctx);
    }
  }

  function onConnectionChanged(state: ConnectionState['state']): void {
    const ctx = context;
    if (!ctx || ctx.closed) return;
    if (state !== 'online') {
      if (ctx.repollTimer) clearTimeout(ctx.repollTimer);
      ctx.repollTimer = null;
      // Offline: probe until the platform answers. Rejected: it answers; the token must change.
      if (state === 'offline') scheduleProbe(ctx);
      else if (ctx.probeTimer) {
        clearTimeout(ctx.probeTimer);
        ctx.probeTimer = null;
      }
      return;
    }
    // Back online: stop probing and bring every active scope up to date now.
    if (ctx.probeTimer) clearTimeout(ctx.probeTimer);
    ctx.probeTimer = null;
    ctx.probeDelayMs = timing.probeMinMs;
    for (const entry of activeScopes(ctx)) {
      entry.repollDelayMs = timing.repollMinMs;
      if (entry.run) continue;
      try {
        start(ctx, entry, 'refresh');
      } catch (error) {
        logger.debug('refresh after reconnecting not started', { scope: entry.key, error });
      }
    }
    // Scopes never synced (e.g. a rebuilt cache) get their full sync on the next read.
    for (const entry of ctx.scopes.values()) entry.lastAttemptAt = 0;
    scheduleRepoll(ctx);
  }

  /**
   * Opens the new workspace's cache and reads its current space once, right after the
   * workspace opens: the first list the user asks for then comes from a warm file (the first
   * read of a large file costs 100+ ms). Only within an existing data folder (the hosts create
   * it), so a stray data path never gets folders made for it.
   */
  function warmUp(sessionId: number): void {
    const session = workspace.activeSession();
    if (session === null || session.id !== sessionId || context !== null) return;
    if (!existsSync(options.dataDir)) return;
    try {
      const ctx = requireContext();
      if (session.spaceToken) {
        ctx.cache.tasks.queryTasks({ scope: { kind: 'space', spaceToken: session.spaceToken }, limit: 1 });
      }
      // Opened offline (the platform was unreachable at start): probe until it answers, even
      // before any list is read, so the workspace comes online by itself.
      if (isOffline()) scheduleProbe(ctx);
    } catch (error) {
      logger.warn('warming the task cache failed', { error });
    }
  }

  // ---------------------------------------------------------------- reads

  function facetsOf(ctx: Context, scope: TaskScope, filters: TaskFilters): TaskFacets {
    const filter = toTaskFilter(scope, filters);
    const tasks = ctx.cache.tasks;
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
      const ctx = contextFor(input.scope);
      const entry = entryOf(ctx, input.scope);
      const page = ctx.cache.tasks.queryTasks(
        toTaskQuery(input.scope, input.filters, input.sort, input.offset, input.limit),
      );
      const result: TaskPage = {
        rows: page.rows.map(toTaskRow),
        total: page.total,
        offset: page.offset,
        facets: input.facets ? facetsOf(ctx, input.scope, input.filters) : null,
        lastSyncedAt: lastSyncedAtOf(ctx, input.scope),
        sync: statusOf(ctx, entry),
        notice: ctx.notice,
        search: page.search,
      };
      // After the read: the answer goes out first, a refresh it starts runs behind it.
      revalidate(ctx, entry);
      if (entry.run) result.sync = statusOf(ctx, entry);
      return result;
    },

    get(id) {
      const ctx = requireContext();
      const found = ctx.cache.tasks.getTask(id);
      if (found.status === 'not_found') {
        throw new AppError('not_found', 'This task is not in the saved data (it may have been removed).');
      }
      if (found.status === 'invalid') return { status: 'invalid', id: found.id, problem: found.problem };
      const taskId = found.task.task_id?.trim() || found.task._id?.trim() || id;
      return { status: 'found', task: toTaskDetail(taskId, found.task) };
    },

    overview({ scope, filters, utcOffsetMinutes }) {
      const ctx = contextFor(scope);
      const entry = entryOf(ctx, scope);
      const overview = ctx.cache.tasks.overview(toTaskFilter(scope, filters), { utcOffsetMinutes });
      revalidate(ctx, entry);
      return { ...overview, lastSyncedAt: lastSyncedAtOf(ctx, scope) };
    },

    async exportCsv({ scope, filters, sort, timeZone }) {
      const ctx = contextFor(scope);
      const rows: TaskListRow[] = [];
      for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
        const page = ctx.cache.tasks.queryTasks(toTaskQuery(scope, filters, sort, offset, MAX_PAGE_SIZE));
        rows.push(...page.rows);
        if (page.rows.length < MAX_PAGE_SIZE || rows.length >= page.total) break;
      }
      // The names the list shows (drafts included, saved for offline): never a network wait.
      const agentNames = new Map(workspace.getState().agentNames.map((a) => [a.handle, a.name]));
      const zone = timeZone ?? localTimeZone();
      const columns = taskCsvColumns({ agentNames, timeZone: zone });
      return { filename: csvName(scope, zone), csv: toCsv(rows, columns, { bom: true }), rows: rows.length };
    },

    startSync(scope, mode) {
      const ctx = contextFor(scope);
      const entry = entryOf(ctx, scope);
      entry.lastViewedAt = Date.now();
      const synced = lastSyncedAtOf(ctx, scope) !== null;
      start(ctx, entry, mode === 'refresh' && !synced ? 'full' : mode);
      return statusOf(ctx, entry);
    },

    cancelSync(scope) {
      const ctx = contextFor(scope);
      const entry = entryOf(ctx, scope);
      entry.run?.controller.abort();
      return statusOf(ctx, entry);
    },

    syncStatus(scope) {
      const ctx = contextFor(scope);
      return statusOf(ctx, entryOf(ctx, scope));
    },

    async whenIdle(scope) {
      const ctx = requireContext();
      const entry = entryOf(ctx, scope);
      while (entry.run) await entry.run.done;
      return statusOf(ctx, entry);
    },

    onEvent(event, payload) {
      if (event === 'workspace.changed') {
        const session = workspace.activeSession();
        if (context && (session === null || session.id !== context.sessionId)) closeContext(context);
        else if (context) {
          scopesFor(context, session?.organization?.domainHandle ?? null);
          scheduleRepoll(context); // the current space may have changed
        }
        if (session !== null && context === null) setImmediate(() => warmUp(session.id));
      } else if (event === 'connection.changed') {
        onConnectionChanged((payload as EventPayload<'connection.changed'>).state);
      }
    },

    currentCache: () => (context && !context.closed ? context.cache : null),

    async close() {
      // The worker holds its own connection to the file: stop it and wait until it has let go
      // before closing ours, so ours is the last one and SQLite folds the WAL into the file.
      // (A read arriving meanwhile may open the cache again: the loop closes that one too.)
      // Checks of caches closed earlier (another profile) were stopped then, and may still be
      // letting go: they are waited for too.
      while (context || checksRunning.size > 0) {
        const ctx = context;
        ctx?.integrityCheck?.controller.abort();
        await Promise.all(checksRunning);
        if (ctx) closeContext(ctx);
      }
    },
  };
}
