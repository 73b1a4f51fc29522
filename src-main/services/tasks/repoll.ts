// Keeping the open cache's lists current while online:
// - stale-while-revalidate: a read of a scope whose data is older than `staleAfterMs` starts a
//   background refresh (a full sync if the scope was never synced);
// - re-polling: the current space, and agent lists viewed recently, are refreshed periodically
//   so calls that complete show up without pressing anything; the interval starts short and
//   doubles (up to `repollMaxMs`) while refreshes bring no changes;
// - back online: every active scope is refreshed at once.
import type { Logger } from '../../log/index.ts';
import type { ConnectionProbe } from './connection-probe.ts';
import type { ScopeEntry, ScopeRegistry } from './scope-registry.ts';
import type { SyncScheduler } from './sync-scheduler.ts';
import type { SyncTiming } from './sync-timing.ts';

export interface Repoller {
  /** Sets the timer for the next scope due (none while not online). */
  schedule(): void;
  stop(): void;
  /** Called on every read of a scope. */
  revalidate(entry: ScopeEntry): void;
  /** Back online: refreshes every active scope now. */
  refreshAllNow(): void;
}

export function createRepoller(options: {
  closing: AbortSignal;
  scopes: Pick<ScopeRegistry, 'active' | 'all' | 'lastSyncedAtOf'>;
  sync: Pick<SyncScheduler, 'start'>;
  probe: Pick<ConnectionProbe, 'schedule'>;
  /** The current space's token (its list is always kept fresh). */
  spaceToken: () => string | null;
  /** Online: neither unreachable nor refusing the token (then nothing is polled). */
  isOnline: () => boolean;
  isOffline: () => boolean;
  timing: Pick<SyncTiming, 'staleAfterMs' | 'repollMinMs' | 'repollMaxMs'>;
  logger: Logger;
}): Repoller {
  const { closing, scopes, sync, timing, logger } = options;
  let timer: NodeJS.Timeout | null = null;

  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  closing.addEventListener('abort', stop, { once: true });

  const active = () => scopes.active(options.spaceToken());

  function schedule(): void {
    if (closing.aborted) return;
    stop();
    if (!options.isOnline()) return; // the probe takes over, or the token must be replaced first
    const due = active()
      .filter((e) => e.run === null)
      .map((e) => e.nextRepollAt || Date.now() + e.repollDelayMs);
    if (due.length === 0) return;
    const wait = Math.max(0, Math.min(...due) - Date.now());
    timer = setTimeout(repollDue, wait).unref();
  }

  function repollDue(): void {
    timer = null;
    if (closing.aborted || !options.isOnline()) return;
    const now = Date.now();
    for (const entry of active()) {
      if (entry.run) continue;
      if (entry.nextRepollAt === 0) entry.nextRepollAt = now + entry.repollDelayMs;
      if (entry.nextRepollAt > now) continue;
      try {
        sync.start(entry, 'refresh');
      } catch (error) {
        logger.debug('re-poll not started', { scope: entry.key, error });
        entry.nextRepollAt = now + timing.repollMaxMs;
      }
    }
    schedule();
  }

  return {
    schedule,
    stop,
    revalidate(entry) {
      entry.lastViewedAt = Date.now();
      schedule();
      if (options.isOffline()) {
        // Offline since before this cache was opened: nobody is probing yet.
        options.probe.schedule();
        return;
      }
      if (!options.isOnline()) return; // the token is refused: a refresh would be refused too
      if (entry.run) return;
      const now = Date.now();
      if (now - entry.lastAttemptAt < timing.staleAfterMs) return;
      const last = scopes.lastSyncedAtOf(entry.scope);
      const age = last === null ? Number.POSITIVE_INFINITY : now - Date.parse(last);
      if (age < timing.staleAfterMs) return;
      try {
        sync.start(entry, last === null ? 'full' : 'refresh');
      } catch (error) {
        // No organization chosen: nothing to refresh from; the cached rows are still shown.
        logger.debug('background refresh not started', { scope: entry.key, error });
      }
    },
    refreshAllNow() {
      for (const entry of active()) {
        entry.repollDelayMs = timing.repollMinMs;
        if (entry.run) continue;
        try {
          sync.start(entry, 'refresh');
        } catch (error) {
          logger.debug('refresh after reconnecting not started', { scope: entry.key, error });
        }
      }
      // Scopes never synced (e.g. a rebuilt cache) get their full sync on the next read.
      for (const entry of scopes.all()) entry.lastAttemptAt = 0;
      schedule();
    },
  };
}
