// Keeping the full-text index in step with the stored tasks. Tokenising a task's text is about
// half the cost of writing it, so a writer may leave it for later: it then lists the task in
// search_backlog, and catchUp() indexes the backlog from the stored JSON in small transactions
// whenever the writer is idle (the store worker does this between requests). Until then the task
// is not found by a search, or found by its previous text, and backlog() says how many are behind.
// With inline indexing (the default of openCache) every write indexes at once, as before.
import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import { transaction } from './database.ts';
import { decodeDocument } from './document-codec.ts';
import { toSearchText, type TaskListColumns, type TaskSearchText } from './task-record.ts';

export type IndexingMode = 'inline' | 'deferred';

/** What the writer hands over for each task it wrote. */
export interface IndexEntry {
  pk: number;
  task: unknown;
  record: Pick<TaskListColumns, 'name' | 'contactNumber' | 'email' | 'company'>;
  /** False for a task written for the first time (nothing in the index to replace). */
  replace: boolean;
}

export interface SearchIndexWriter {
  readonly mode: IndexingMode;
  /** Inside the writer's transaction: index these tasks now, or list them in the backlog. */
  written(entries: readonly IndexEntry[]): void;
}

export interface SearchIndexStatus {
  /** Tasks whose latest text is not in the index yet (0 with inline indexing). */
  backlog(): number;
  /**
   * Indexes up to `maxTasks` tasks of the backlog from their stored JSON, in one transaction.
   * Returns how many are still behind.
   */
  catchUp(maxTasks: number): number;
}

const FTS_COLUMNS = 'name, contact, email, company, context, objective, transcript, summary, phone_digits';

const values = (pk: number, text: TaskSearchText) => [
  pk,
  text.name,
  text.contact,
  text.email,
  text.company,
  text.context,
  text.objective,
  text.transcript,
  text.summary,
  text.phoneDigits,
];

/** Writes tasks' text into tasks_fts (any schema version: it touches only that table). */
function ftsWriter(db: DatabaseSync) {
  const insert = db.prepare(
    `INSERT INTO tasks_fts (rowid, ${FTS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const replace = db.prepare(
    `INSERT OR REPLACE INTO tasks_fts (rowid, ${FTS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (entry: IndexEntry) =>
    (entry.replace ? replace : insert).run(...values(entry.pk, toSearchText(entry.task, entry.record)));
}

export function createSearchIndexWriter(db: DatabaseSync, mode: IndexingMode): SearchIndexWriter {
  if (mode === 'inline') {
    const write = ftsWriter(db);
    return { mode, written: (entries) => entries.forEach(write) };
  }
  const queue = db.prepare('INSERT OR IGNORE INTO search_backlog (task_pk) SELECT value FROM json_each(?)');
  return {
    mode,
    written(entries) {
      if (entries.length > 0) queue.run(JSON.stringify(entries.map((e) => e.pk)));
    },
  };
}

type Row = Record<string, SQLOutputValue>;
const text = (v: SQLOutputValue | undefined): string | null => (typeof v === 'string' ? v : null);

/** `onIndexed` runs after a catch-up step changed the index (cached search matches are stale). */
export function createSearchIndexStatus(db: DatabaseSync, onIndexed: () => void): SearchIndexStatus {
  const count = db.prepare('SELECT count(*) AS n FROM search_backlog');
  const next = db.prepare(
    `SELECT b.task_pk AS pk, t.name, t.contact_number, t.email, t.company, d.json
     FROM search_backlog b JOIN tasks t ON t.pk = b.task_pk LEFT JOIN task_documents d ON d.task_pk = b.task_pk
     ORDER BY b.task_pk LIMIT ?`,
  );
  const done = db.prepare('DELETE FROM search_backlog WHERE task_pk IN (SELECT value FROM json_each(?))');
  const write = ftsWriter(db);
  const backlog = () => Number((count.get() as Row).n);
  return {
    backlog,
    catchUp(maxTasks) {
      const indexed = transaction(db, () => {
        const rows = next.all(Math.max(1, Math.trunc(maxTasks))) as Row[];
        const pks: number[] = [];
        for (const row of rows) {
          const pk = Number(row.pk);
          let task: unknown = null;
          const json = decodeDocument(row.json);
          try {
            task = JSON.parse(json ?? '');
          } catch {
            // damaged JSON: the list columns are still worth finding
          }
          const record = {
            name: text(row.name),
            contactNumber: text(row.contact_number),
            email: text(row.email),
            company: text(row.company),
          };
          // Whether the index holds an older text of this task is unknown: replace either way.
          write({ pk, task, record, replace: true });
          pks.push(pk);
        }
        if (pks.length > 0) done.run(JSON.stringify(pks));
        return pks.length;
      });
      if (indexed > 0) onIndexed();
      return backlog();
    },
  };
}
