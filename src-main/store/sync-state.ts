// Per-scope bookkeeping of the sync service: when a scope was last fully synced, how many tasks
// the platform reported, and an opaque cursor so a restart does not reprocess history.
import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import { scopeKey, type CacheScope } from './scope.ts';

export interface SyncState {
  scopeKey: string;
  /** ISO time of the last complete sync of the scope. */
  lastSyncedAt: string | null;
  /** Task count the platform reported at that sync. */
  count: number | null;
  /** Whatever the sync service needs to resume (stored as given). */
  cursor: string | null;
}

export type SyncStateUpdate = Partial<Pick<SyncState, 'lastSyncedAt' | 'count' | 'cursor'>>;

export interface SyncStateRepository {
  get(scope: CacheScope): SyncState | null;
  /** Creates or updates the scope's state; fields left out keep their stored value. */
  set(scope: CacheScope, update: SyncStateUpdate): SyncState;
  list(): SyncState[];
  clear(scope: CacheScope): void;
}

type Row = Record<string, SQLOutputValue>;

const fromRow = (row: Row): SyncState => ({
  scopeKey: String(row.scope_key),
  lastSyncedAt: typeof row.last_synced_at === 'string' ? row.last_synced_at : null,
  count: typeof row.count === 'number' ? row.count : null,
  cursor: typeof row.cursor === 'string' ? row.cursor : null,
});

export function createSyncStateRepository(db: DatabaseSync): SyncStateRepository {
  const select = db.prepare(
    'SELECT scope_key, last_synced_at, count, cursor FROM sync_state WHERE scope_key = ?',
  );
  const selectAll = db.prepare(
    'SELECT scope_key, last_synced_at, count, cursor FROM sync_state ORDER BY scope_key',
  );
  const write = db.prepare(
    `INSERT INTO sync_state (scope_key, last_synced_at, count, cursor) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope_key) DO UPDATE SET last_synced_at = excluded.last_synced_at,
       count = excluded.count, cursor = excluded.cursor`,
  );
  const remove = db.prepare('DELETE FROM sync_state WHERE scope_key = ?');

  const get = (scope: CacheScope): SyncState | null => {
    const row = select.get(scopeKey(scope)) as Row | undefined;
    return row === undefined ? null : fromRow(row);
  };

  return {
    get,
    set(scope, update) {
      const key = scopeKey(scope);
      const current = get(scope) ?? { scopeKey: key, lastSyncedAt: null, count: null, cursor: null };
      const next: SyncState = {
        scopeKey: key,
        lastSyncedAt: update.lastSyncedAt !== undefined ? update.lastSyncedAt : current.lastSyncedAt,
        count: update.count !== undefined ? update.count : current.count,
        cursor: update.cursor !== undefined ? update.cursor : current.cursor,
      };
      write.run(next.scopeKey, next.lastSyncedAt, next.count, next.cursor);
      return next;
    },
    list: () => (selectAll.all() as Row[]).map(fromRow),
    clear(scope) {
      remove.run(scopeKey(scope));
    },
  };
}
