// Starting syncs of a scope into the open cache (one at a time per scope; a full sync supersedes
// a refresh), recording their outcome in the scope's status and the cache's sync state.
import { toIpcError } from '../../ipc/errors.ts';
import type { TaskScope } from '../../ipc/contract.ts';
import type { Logger } from '../../log/index.ts';
import { UnpodError, type UnpodClient } from '../../unpod/index.ts';
import type { WorkspaceService } from '../workspace.ts';
import type { OpenCache } from './cache-lifecycle.ts';
import { toCacheScope } from './filters.ts';
import { idleStatus, type ScopeEntry, type SyncMode, type SyncRun } from './scope-registry.ts';
import { noOrganization } from './scope-guard.ts';
import {
  runFullSync,
  runRefresh,
  type SyncCounts,
  type SyncProgress,
  type SyncTarget,
} from './sync-runner.ts';
import type { SyncTiming } from './sync-timing.ts';

export interface SyncScheduler {
  /** Starts a sync of `entry` (a refresh gives way to a full sync; otherwise one at a time). */
  start(entry: ScopeEntry, mode: SyncMode): void;
}

const isCancelled = (error: unknown) => error instanceof UnpodError && error.kind === 'cancelled';

export function createSyncScheduler(options: {
  opened: Pick<OpenCache, 'cache' | 'lastSynced' | 'closing'>;
  workspace: Pick<WorkspaceService, 'activeSession' | 'trackConnection'>;
  timing: Pick<SyncTiming, 'pageSize' | 'concurrency' | 'refreshMaxPages' | 'repollMinMs' | 'repollMaxMs'>;
  logger: Logger;
  /** A sync has finished (or failed, or was cancelled): the next re-poll is due. */
  onSettled: () => void;
}): SyncScheduler {
  const { opened, workspace, timing, logger } = options;
  const closed = () => opened.closing.aborted;

  function targetFor(scope: TaskScope, client: UnpodClient): SyncTarget {
    return {
      cache: opened.cache,
      scope: toCacheScope(scope),
      fetchPage: (page, pageSize, signal) =>
        workspace.trackConnection(() =>
          scope.kind === 'space'
            ? client.listSpaceTasks(scope.spaceToken, { page, pageSize }, { signal })
            : client.listAgentTasks(scope.agentHandle, { page, pageSize }, { signal }),
        ),
    };
  }

  function start(entry: ScopeEntry, mode: SyncMode): void {
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
      entry.events.progress(false);
    };
    const target = targetFor(entry.scope, client);
    const runOptions = {
      signal: controller.signal,
      pageSize: timing.pageSize,
      onProgress,
      onChanged: (c: SyncCounts) => entry.events.noteChange(c),
    };

    const run: SyncRun = { mode, controller, done: Promise.resolve() };
    run.done = (async () => {
      // Let the read that started this answer first.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        if (controller.signal.aborted) throw new UnpodError('cancelled', 'The sync was cancelled.');
        const outcome =
          mode === 'full'
            ? await runFullSync(target, { ...runOptions, concurrency: timing.concurrency })
            : await runRefresh(target, { ...runOptions, maxPages: timing.refreshMaxPages });
        if (closed()) return;
        const finishedAt = new Date().toISOString();
        const saved = await opened.cache.syncState.set(toCacheScope(entry.scope), {
          lastSyncedAt: finishedAt,
          count: outcome.total,
          ...(mode === 'full' ? { cursor: JSON.stringify({ fullSyncAt: finishedAt }) } : {}),
        });
        if (closed()) return;
        opened.lastSynced.set(saved.scopeKey, saved.lastSyncedAt);
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
        if (closed() || entry.run !== run) return;
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
          entry.events.flushChange();
          entry.events.progress(true);
          options.onSettled();
        }
      }
    })();
    entry.run = run;
    entry.events.progress(true);
  }

  return { start };
}
