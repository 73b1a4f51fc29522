// The offline task cache of the open workspace and everything that keeps it current; this front
// composes the modules that do it:
// - cache-lifecycle.ts: the session's cache file (open, integrity check, rebuild, close);
// - task-context.ts: per open cache, its scopes (scope-registry.ts), their syncs
//   (sync-scheduler.ts, events coalesced in scope-events.ts), re-polling (repoll.ts) and the
//   offline probe (connection-probe.ts);
// - scope-guard.ts: which lists main answers for; task-reads.ts: the reads.
// It hears the workspace through its listeners: another session closes the cache, another
// organization forgets the scopes, a change of connection starts probing or refreshing.
import { existsSync } from 'node:fs';
import type { SyncStatus, TaskScope } from '../../ipc/contract.ts';
import type { Logger } from '../../log/index.ts';
import type { StoreClient } from '../../store/index.ts';
import type { Emit } from '../emit.ts';
import type { WorkspaceService } from '../workspace.ts';
import { createCacheLifecycle, type OpenCache } from './cache-lifecycle.ts';
import { checkScope, notSignedIn, withOrganization } from './scope-guard.ts';
import type { ScopeEntry } from './scope-registry.ts';
import { DEFAULT_SYNC_TIMING, type SyncTiming } from './sync-timing.ts';
import { createTaskContext, type TaskContext } from './task-context.ts';
import { createTaskReads, type TaskReads } from './task-reads.ts';

export { CACHE_FILE_NAME } from './cache-lifecycle.ts';
export { DEFAULT_SYNC_TIMING, type SyncTiming } from './sync-timing.ts';
export type { QueryInput } from './task-reads.ts';

export interface TasksServiceOptions {
  /** The app's data folder; the demo's cache lives in <dataDir>/demo. */
  dataDir: string;
  workspace: Pick<
    WorkspaceService,
    'activeSession' | 'getState' | 'trackConnection' | 'checkConnection' | 'onChanged' | 'onConnectionChanged'
  >;
  emit: Emit;
  logger: Logger;
  timing?: Partial<SyncTiming>;
}

export interface TasksService extends Omit<TaskReads, 'warm'> {
  startSync(scope: TaskScope, mode: 'full' | 'refresh'): Promise<SyncStatus>;
  cancelSync(scope: TaskScope): Promise<SyncStatus>;
  syncStatus(scope: TaskScope): Promise<SyncStatus>;
  /** Waits for the scope's running sync, if any (tests and the benchmark). */
  whenIdle(scope: TaskScope): Promise<SyncStatus>;
  /** The open cache (tests, diagnostics), or null. */
  currentCache(): StoreClient | null;
  /** The open session's cache, opened on first use (the import journal lives in it). */
  openCache(): Promise<StoreClient>;
  close(): Promise<void>;
}

export function createTasksService(options: TasksServiceOptions): TasksService {
  const timing: SyncTiming = { ...DEFAULT_SYNC_TIMING, ...options.timing };
  const { workspace, emit, logger } = options;

  const contexts = new WeakMap<OpenCache, TaskContext>();
  const contextOf = (opened: OpenCache): TaskContext => {
    let ctx = contexts.get(opened);
    if (!ctx) contexts.set(opened, (ctx = createTaskContext(opened, { workspace, emit, logger, timing })));
    return ctx;
  };

  const caches = createCacheLifecycle({
    dataDir: options.dataDir,
    logger,
    emit,
    integrityCheckDelayMs: timing.integrityCheckDelayMs,
    // Lists on screen re-read (they are empty now; their next read starts the download).
    onRebuilt: (old) => {
      for (const entry of contexts.get(old)?.scopes.all() ?? []) {
        emit('tasks.changed', { scope: entry.scope, inserted: 0, updated: 0, deleted: 0 });
      }
    },
  });

  /** The open session's context, opening its cache on first use. */
  async function requireContext(): Promise<TaskContext> {
    const session = workspace.activeSession();
    if (session === null) {
      caches.close();
      throw notSignedIn();
    }
    const opened = await caches.openFor(session);
    // The workspace changed while the file opened: answer as for the session now open.
    if (workspace.activeSession()?.id !== session.id) return requireContext();
    return contextOf(opened);
  }

  /** The context and entry of a scope the user may read (see scope-guard.ts). */
  async function scoped(scope: TaskScope): Promise<{ ctx: TaskContext; entry: ScopeEntry }> {
    const ctx = await contextFor(scope);
    return { ctx, entry: ctx.scopes.entryOf(scope) };
  }

  async function contextFor(scope: TaskScope): Promise<TaskContext> {
    const ctx = await requireContext();
    const { session, organization } = withOrganization(workspace.activeSession());
    ctx.keepScopesOf(organization.domainHandle);
    checkScope(session, organization, scope);
    return ctx;
  }

  const reads = createTaskReads({
    async viewOf(scope) {
      const { ctx, entry } = await scoped(scope);
      return {
        cache: ctx.opened.cache,
        notice: ctx.opened.notice,
        lastSyncedAt: () => ctx.scopes.lastSyncedAtOf(scope),
        status: () => ctx.scopes.statusOf(entry),
        syncing: () => entry.run !== null,
        revalidate: () => ctx.repoll.revalidate(entry),
      };
    },
    cacheFor: async (scope) => (await contextFor(scope)).opened.cache,
    cache: async () => (await requireContext()).opened.cache,
    agentNames: () => workspace.getState().agentNames,
  });

  /**
   * Opens the new workspace's cache and reads its current space once, right after the
   * workspace opens: the first list the user asks for then comes from a warm file (the first
   * read of a large file costs 100+ ms). Only within an existing data folder (the hosts create
   * it), so a stray data path never gets folders made for it.
   */
  async function warmUp(sessionId: number): Promise<void> {
    const session = workspace.activeSession();
    if (session === null || session.id !== sessionId || caches.current() !== null) return;
    if (!existsSync(options.dataDir)) return;
    try {
      const ctx = await requireContext();
      if (session.spaceToken) await reads.warm(ctx.opened.cache, session.spaceToken);
      // Opened offline (the platform was unreachable at start): probe until it answers, even
      // before any list is read, so the workspace comes online by itself.
      if (workspace.getState().connection.state === 'offline') ctx.probe.schedule();
    } catch (error) {
      logger.warn('warming the task cache failed', { error });
    }
  }

  workspace.onChanged(() => {
    const session = workspace.activeSession();
    const opened = caches.current();
    if (opened && (session === null || session.id !== opened.sessionId)) caches.close();
    else if (opened) {
      const ctx = contextOf(opened);
      ctx.keepScopesOf(session?.organization?.domainHandle ?? null);
      ctx.repoll.schedule(); // the current space may have changed
    }
    if (session !== null && caches.current() === null) setImmediate(() => void warmUp(session.id));
  });

  workspace.onConnectionChanged(({ state }) => {
    const opened = caches.current();
    if (opened) contextOf(opened).connectionChanged(state);
  });

  return {
    query: reads.query,
    get: reads.get,
    overview: reads.overview,
    exportCsv: reads.exportCsv,

    async startSync(scope, mode) {
      const { ctx, entry } = await scoped(scope);
      entry.lastViewedAt = Date.now();
      const synced = ctx.scopes.lastSyncedAtOf(scope) !== null;
      ctx.sync.start(entry, mode === 'refresh' && !synced ? 'full' : mode);
      return ctx.scopes.statusOf(entry);
    },

    async cancelSync(scope) {
      const { ctx, entry } = await scoped(scope);
      entry.run?.controller.abort();
      return ctx.scopes.statusOf(entry);
    },

    async syncStatus(scope) {
      const { ctx, entry } = await scoped(scope);
      return ctx.scopes.statusOf(entry);
    },

    async whenIdle(scope) {
      const ctx = await requireContext();
      const entry = ctx.scopes.entryOf(scope);
      while (entry.run) await entry.run.done;
      return ctx.scopes.statusOf(entry);
    },

    currentCache: () => caches.current()?.cache ?? null,
    openCache: async () => (await requireContext()).opened.cache,

    close: () => caches.closeAll(),
  };
}
