// Opening a profile's cache file, with the start-up check. The cache only holds what the
// platform already has, so a damaged file is not worth a crash or a repair attempt: it is moved
// aside (kept for diagnosis, never deleted) and a fresh cache is created, which the next sync
// refills. The result says so, so the app can tell the user.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase, StatementCache } from './database.ts';
import { applyMigrations, CACHE_SCHEMA_NAME, NewerSchemaError, readUserVersion } from './migrations.ts';
import { PageText } from './page-highlights.ts';
import { SearchHits } from './search-hits.ts';
import {
  createSearchIndexStatus,
  createSearchIndexWriter,
  type IndexingMode,
  type SearchIndexStatus,
} from './search-index.ts';
import { createSyncStateRepository, type SyncStateRepository } from './sync-state.ts';
import { createTaskReader, type TaskReader } from './task-queries.ts';
import { createTaskWriter, type TaskWriter } from './task-writes.ts';
import { createRecentCallReader, type RecentCallReader } from './recent-calls.ts';

export type TasksRepository = TaskWriter & TaskReader;

export interface TaskCache {
  readonly path: string;
  readonly tasks: TasksRepository;
  readonly syncState: SyncStateRepository;
  /** How far the full-text index is behind the stored tasks, and the step that catches it up. */
  readonly searchIndex: SearchIndexStatus;
  /** The raw connection, for diagnostics and tests; the repositories are the API. */
  readonly database: DatabaseSync;
  close(): void;
}

export interface OpenCacheResult {
  cache: TaskCache;
  /** True when the old file was unusable and a fresh cache was created in its place. */
  recovered: boolean;
  /** Where the unusable file was moved (its -wal/-shm files sit beside it with those suffixes). */
  movedTo: string | null;
  /** Why the old file was unusable, in plain words; null when nothing was recovered. */
  reason: string | null;
  /** Schema versions applied by this open (empty when the file was already current). */
  migrationsApplied: number[];
}

export interface OpenCacheOptions {
  /** Run PRAGMA quick_check at open (default true). It reads the whole file. */
  quickCheck?: boolean;
  /**
   * `inline` (default): every write indexes its tasks' text at once, and a backlog left in the
   * file (by an upgrade, or a deferred writer) is indexed at open. `deferred`: writes only list
   * their tasks in the backlog; the owner calls `searchIndex.catchUp()` when idle.
   */
  indexing?: IndexingMode;
}

/** The file cannot serve as this app's cache; `reason` is shown to the user. */
class UnusableCacheError extends Error {
  override readonly name = 'UnusableCacheError';
}

// SQLite primary result codes that mean "this file is damaged or not a database". Anything else
// (locked by another instance, permission denied, disk full) is a real problem to report, and
// moving the file aside would not fix it and could lose a healthy cache.
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

function unusableReason(error: unknown): string | null {
  if (error instanceof UnusableCacheError) return error.message;
  if (error instanceof NewerSchemaError) return error.message;
  if (
    typeof error === 'object' &&
    error !== null &&
    'errcode' in error &&
    typeof error.errcode === 'number'
  ) {
    const primary = error.errcode & 0xff;
    if (primary === SQLITE_NOTADB)
      return 'The cache file is not a database (it is damaged or was overwritten).';
    if (primary === SQLITE_CORRUPT) return 'The cache file is damaged.';
  }
  return null;
}

const EXPECTED_TABLES = [
  'meta',
  'tasks',
  'task_documents',
  'task_labels',
  'tasks_fts',
  'search_backlog',
  'sync_state',
];

function checkAndMigrate(db: DatabaseSync, quickCheck: boolean): number[] {
  if (quickCheck) {
    const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') {
      throw new UnusableCacheError(
        `The cache file failed its integrity check (${rows[0]?.quick_check ?? 'no result'}).`,
      );
    }
  }
  const objects = db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')").all() as {
    name: string;
  }[];
  if (readUserVersion(db) === 0 && objects.length > 0) {
    throw new UnusableCacheError('The cache file holds a database that is not an Unpod Desk cache.');
  }
  const applied = applyMigrations(db);
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  const missing = EXPECTED_TABLES.filter((t) => !tables.has(t));
  if (missing.length > 0) {
    throw new UnusableCacheError(`The cache file is missing parts of its schema (${missing.join(', ')}).`);
  }
  const schema = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as
    { value: string } | undefined;
  if (schema?.value !== CACHE_SCHEMA_NAME) {
    throw new UnusableCacheError('The cache file holds a database that is not an Unpod Desk cache.');
  }
  return applied;
}

/** Tasks indexed per catch-up transaction at open (inline indexing). */
const OPEN_CATCH_UP_STEP = 2_000;

function buildCache(path: string, db: DatabaseSync, indexing: IndexingMode): TaskCache {
  // Preparing the repositories' statements also proves every column they use exists.
  const statements = new StatementCache(db);
  const hits = new SearchHits(db);
  const searchIndex = createSearchIndexStatus(db, () => hits.invalidate());
  if (indexing === 'inline') {
    while (searchIndex.backlog() > 0) searchIndex.catchUp(OPEN_CATCH_UP_STEP);
  }
  const tasks: TasksRepository = {
    ...createTaskWriter(db, () => hits.invalidate(), createSearchIndexWriter(db, indexing)),
    ...createTaskReader(statements, hits, new PageText(db), searchIndex.backlog),
  };
  return {
    path,
    tasks,
    syncState: createSyncStateRepository(db),
    searchIndex,
    database: db,
    close: () => {
      if (!db.isOpen) return;
      // Fold the WAL into the file now. SQLite does so itself when the last connection closes,
      // but only if no other connection (a check's worker, a statement not yet collected) still
      // holds the file; then the pages would stay in the WAL until some later open.
      try {
        db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      } catch {
        // Busy or read-only: the next open replays the WAL, nothing is lost.
      }
      db.close();
    },
  };
}

function tryOpen(
  path: string,
  quickCheck: boolean,
  indexing: IndexingMode,
): { cache: TaskCache; applied: number[] } {
  const db = openDatabase(path);
  try {
    const applied = checkAndMigrate(db, quickCheck);
    return { cache: buildCache(path, db, indexing), applied };
  } catch (error) {
    db.close();
    throw error;
  }
}

const timestamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

/** Moves the database and its WAL/shared-memory files aside; returns the new database path. */
function moveAside(path: string): string {
  let movedTo = `${path}.corrupt-${timestamp(new Date())}`;
  for (let n = 2; existsSync(movedTo); n++) movedTo = `${path}.corrupt-${timestamp(new Date())}-${n}`;
  renameSync(path, movedTo);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix);
  }
  return movedTo;
}

/**
 * Opens (creating if needed) the cache at `path`, one file per profile. Checks the file and
 * applies pending migrations. A damaged, foreign or newer-version file is moved to
 * `<path>.corrupt-<timestamp>` and replaced by a fresh cache (`recovered: true`). Other failures
 * (file locked, no permission, disk full) are thrown.
 */
export function openCache(path: string, options: OpenCacheOptions = {}): OpenCacheResult {
  const quickCheck = options.quickCheck ?? true;
  const indexing = options.indexing ?? 'inline';
  mkdirSync(dirname(path), { recursive: true });
  try {
    const { cache, applied } = tryOpen(path, quickCheck, indexing);
    return { cache, recovered: false, movedTo: null, reason: null, migrationsApplied: applied };
  } catch (error) {
    const reason = unusableReason(error);
    if (reason === null) throw error;
    const movedTo = moveAside(path);
    const { cache, applied } = tryOpen(path, false, indexing);
    return { cache, recovered: true, movedTo, reason, migrationsApplied: applied };
  }
}

/** A second connection that only reads (the store worker's reader): no check, no migration. */
export interface CacheReader {
  readonly tasks: TaskReader;
  readonly syncState: Pick<SyncStateRepository, 'get' | 'list'>;
  /** Tasks the writer has not indexed yet (a search cannot find them yet). */
  searchBacklog(): number;
  /** The raw connection (the import journal's reads, import-journal.ts). */
  readonly database: DatabaseSync;
  /** Calls placed in a space since a time, by number (the lead import's duplicates). */
  readonly calls: RecentCallReader;
  close(): void;
}

/**
 * Opens a reading connection to a cache that `openCache` has already opened, checked and
 * migrated. In WAL mode it reads the last committed state and never waits for the writer.
 */
export function openCacheReader(path: string): CacheReader {
  const db = openDatabase(path);
  try {
    const statements = new StatementCache(db);
    const hits = new SearchHits(db);
    const backlog = db.prepare('SELECT count(*) AS n FROM search_backlog');
    const searchBacklog = () => Number((backlog.get() as { n: number }).n);
    const syncState = createSyncStateRepository(db);
    return {
      tasks: createTaskReader(statements, hits, new PageText(db), searchBacklog),
      syncState: { get: syncState.get, list: syncState.list },
      searchBacklog,
      database: db,
      calls: createRecentCallReader(statements),
      close: () => {
        if (db.isOpen) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
