// The events of one scope's syncs, coalesced: `sync.progress` and `tasks.changed` go out at most
// once per event interval (a sync of 100k tasks would otherwise flood the window).
import type { SyncStatus, TaskScope } from '../../ipc/contract.ts';
import type { Emit } from '../emit.ts';
import type { SyncCounts } from './sync-runner.ts';

export interface ScopeEvents {
  /** Announces the scope's sync status; unless `force`, at most once per interval. */
  progress(force: boolean): void;
  /** Collects row changes, announced at most once per interval. */
  noteChange(counts: Pick<SyncCounts, 'inserted' | 'updated' | 'deleted'>): void;
  /** Announces the changes collected so far now. */
  flushChange(): void;
  /** Stops the timers (the scope is forgotten or its cache closed). */
  stop(): void;
}

export function createScopeEvents(options: {
  scope: TaskScope;
  emit: Emit;
  intervalMs: number;
  status: () => SyncStatus;
  /** Aborted when the cache closes: nothing is announced after. */
  closing: AbortSignal;
}): ScopeEvents {
  const { scope, emit, intervalMs, closing } = options;
  let pendingChange: { inserted: number; updated: number; deleted: number } | null = null;
  let changeTimer: NodeJS.Timeout | null = null;
  let lastProgressAt = 0;
  let progressTimer: NodeJS.Timeout | null = null;

  function progress(force: boolean): void {
    if (closing.aborted) return;
    const now = Date.now();
    if (!force && now - lastProgressAt < intervalMs) {
      progressTimer ??= setTimeout(() => {
        progressTimer = null;
        progress(true);
      }, intervalMs).unref();
      return;
    }
    if (progressTimer) {
      clearTimeout(progressTimer);
      progressTimer = null;
    }
    lastProgressAt = now;
    emit('sync.progress', options.status());
  }

  function flushChange(): void {
    if (changeTimer) clearTimeout(changeTimer);
    changeTimer = null;
    const pending = pendingChange;
    pendingChange = null;
    if (pending && !closing.aborted) emit('tasks.changed', { scope, ...pending });
  }

  return {
    progress,
    noteChange(counts) {
      const pending = (pendingChange ??= { inserted: 0, updated: 0, deleted: 0 });
      pending.inserted += counts.inserted;
      pending.updated += counts.updated;
      pending.deleted += counts.deleted;
      changeTimer ??= setTimeout(flushChange, intervalMs).unref();
    },
    flushChange,
    stop() {
      if (changeTimer) clearTimeout(changeTimer);
      if (progressTimer) clearTimeout(progressTimer);
    },
  };
}
