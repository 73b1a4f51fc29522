// Opening a SQLite file with the settings the cache relies on, plus the two small helpers every
// repository uses: transactions and a cache of prepared statements.
import { DatabaseSync, type StatementSync } from 'node:sqlite';

export function openDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: 5_000 });
  try {
    db.exec(`
      -- Only takes effect when the file is created. A task's JSON is ~3 KB: on 4 KB pages nearly
      -- every row took a page of its own; 16 KB pages measured ~20% less CPU per ingested task.
      PRAGMA page_size = 16384;
      PRAGMA journal_mode = WAL;      -- readers never block the writer, crash-safe
      PRAGMA synchronous = NORMAL;    -- with WAL: never corrupt; a power cut may drop the last sync
      PRAGMA foreign_keys = ON;
      PRAGMA busy_timeout = 5000;
      PRAGMA temp_store = MEMORY;
      PRAGMA cache_size = -65536;     -- up to 64 MB page cache
      -- No memory map (mmap_size stays 0): if anything truncates a mapped file (another program,
      -- a sync tool, a test), the next read kills the whole process with SIGBUS instead of
      -- returning an error SQLite can report. The page cache above serves repeated reads.
      -- Checkpoint every ~40 MB of WAL (2,500 16 KB pages) instead of every 1,000 pages: each
      -- checkpoint syncs the disk, and during a big sync that waiting halved ingest speed.
      -- The WAL file is cut back to 64 MB afterwards.
      PRAGMA wal_autocheckpoint = 2500;
      PRAGMA journal_size_limit = 67108864;
    `);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Runs `fn` inside BEGIN IMMEDIATE … COMMIT; rolls back and rethrows on error. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Prepared statements keyed by their SQL. Filter queries are assembled from the filter's shape
 * (how many statuses, whether there is a search, …), so the same few shapes recur; preparing
 * each once saves the parse and plan on every keystroke.
 */
export class StatementCache {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  readonly #max: number;

  constructor(db: DatabaseSync, max = 200) {
    this.#db = db;
    this.#max = max;
  }

  get(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement) {
      // Refresh its place: the Map's insertion order doubles as the LRU order.
      this.#statements.delete(sql);
    } else {
      statement = this.#db.prepare(sql);
      if (this.#statements.size >= this.#max) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
    }
    this.#statements.set(sql, statement);
    return statement;
  }
}
