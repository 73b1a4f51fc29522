// The task lists (scopes: a space, or an agent) of one open cache that the user has looked at:
// each one's sync status, its running sync, when it was viewed and when it is due to be
// re-polled. At most MAX_SCOPES are kept (the least recently viewed idle one goes), and only of
// one organization.
import type { SyncStatus, TaskScope } from '../../ipc/contract.ts';
import type { Emit } from '../emit.ts';
import type { OpenCache } from './cache-lifecycle.ts';
import { keyOf } from './filters.ts';
import { createScopeEvents, type ScopeEvents } from './scope-events.ts';
import type { SyncTiming } from './sync-timing.ts';

export type SyncMode = 'full' | 'refresh';

export interface SyncRun {
  mode: SyncMode;
  controller: AbortController;
  done: Promise<void>;
}

export interface ScopeEntry {
  scope: TaskScope;
  key: string;
  status: Omit<SyncStatus, 'lastSyncedAt'>;
  run: SyncRun | null;
  /** When a sync or refresh of this scope last started (ms), successful or not. */
  lastAttemptAt: number;
  lastViewedAt: number;
  repollDelayMs: number;
  nextRepollAt: number;
  events: ScopeEvents;
}

export interface ScopeRegistry {
  /** The scope's entry, made on first use. */
  entryOf(scope: TaskScope): ScopeEntry;
  all(): ScopeEntry[];
  /**
   * The scopes belong to one organization: another one forgets them (and stops their syncs).
   * True when it did.
   */
  forOrganization(orgHandle: string | null): boolean;
  /** Scopes kept fresh: the current space, and lists viewed recently. Only synced ones. */
  active(spaceToken: string | null): ScopeEntry[];
  lastSyncedAtOf(scope: TaskScope): string | null;
  statusOf(entry: ScopeEntry): SyncStatus;
}

const MAX_SCOPES = 20;

export const idleStatus = (scope: TaskScope): Omit<SyncStatus, 'lastSyncedAt'> => ({
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

export function createScopeRegistry(options: {
  opened: Pick<OpenCache, 'lastSynced' | 'closing'>;
  /** The organization the scopes are of, when the registry is made. */
  orgHandle: string | null;
  emit: Emit;
  timing: Pick<SyncTiming, 'repollMinMs' | 'scopeIdleMs' | 'eventIntervalMs'>;
}): ScopeRegistry {
  const { opened, timing } = options;
  const scopes = new Map<string, ScopeEntry>();
  let orgHandle = options.orgHandle;

  const stop = (entry: ScopeEntry) => {
    entry.run?.controller.abort();
    entry.events.stop();
  };
  opened.closing.addEventListener('abort', () => scopes.forEach(stop), { once: true });

  // From the open cache's mirror of its sync states: a status never waits for the store.
  const lastSyncedAtOf = (scope: TaskScope): string | null => opened.lastSynced.get(keyOf(scope)) ?? null;

  const statusOf = (entry: ScopeEntry): SyncStatus => ({
    ...entry.status,
    lastSyncedAt: lastSyncedAtOf(entry.scope),
  });

  function forgetIdlest(): void {
    let idlest: ScopeEntry | null = null;
    for (const entry of scopes.values()) {
      if (entry.run) continue;
      if (idlest === null || entry.lastViewedAt < idlest.lastViewedAt) idlest = entry;
    }
    if (idlest) {
      idlest.events.stop();
      scopes.delete(idlest.key);
    }
  }

  return {
    entryOf(scope) {
      const key = keyOf(scope);
      let entry = scopes.get(key);
      if (!entry) {
        const made: ScopeEntry = {
          scope,
          key,
          status: idleStatus(scope),
          run: null,
          lastAttemptAt: 0,
          lastViewedAt: 0,
          repollDelayMs: timing.repollMinMs,
          nextRepollAt: 0,
          events: createScopeEvents({
            scope,
            emit: options.emit,
            intervalMs: timing.eventIntervalMs,
            status: () => statusOf(made),
            closing: opened.closing,
          }),
        };
        entry = made;
        scopes.set(key, entry);
        if (scopes.size > MAX_SCOPES) forgetIdlest();
      }
      return entry;
    },
    all: () => [...scopes.values()],
    forOrganization(handle) {
      if (orgHandle === handle) return false;
      orgHandle = handle;
      scopes.forEach(stop);
      scopes.clear();
      return true;
    },
    active(spaceToken) {
      const now = Date.now();
      return [...scopes.values()].filter(
        (e) =>
          ((e.scope.kind === 'space' && e.scope.spaceToken === spaceToken) ||
            now - e.lastViewedAt < timing.scopeIdleMs) &&
          lastSyncedAtOf(e.scope) !== null,
      );
    },
    lastSyncedAtOf,
    statusOf,
  };
}
