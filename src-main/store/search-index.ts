// Keeping the full-text index in step with the stored tasks. Tokenising a task's text is about
// half the cost of writing it, so a writer may leave it for later: it then lists the task in
// search_backlog, and catchUp() indexes the backlog from the stored JSON in small transactions
// whenever the writer is idle (the store worker does this between requests). Until then the task
// is not found by a search, and backlog() says how many are behind. With inline indexing (the
// default of openCache) every write indexes at once, as before.
//
// The index is contentless (migration 3): it forgets a task's text only when given that text
// again. The text is rebuilt from what is stored (the JSON and the list columns), so the writer
// removes a task's text before it overwrites or deletes the task. A task in search_backlog has no
// text in the index at all, so there is nothing to remove for it.
import type { DatabaseSync, SQLOutputValue, StatementSync } from 'node:sqlite';
import { transaction } from './database.ts';
import { decodeDocument } from './document-codec.ts';
import { toSearchText, type TaskListColumns, type TaskSearchText } from './task-record.ts';

export type IndexingMode = 'inline' | 'deferred';

/** What the writer hands over for each task it wrote. */
export interface IndexEntry {
  pk: number;
  task: unknown;
  record: Pick<TaskListColumns, 'name' | 'contactNumber' | 'email' | 'company'>;
}

export interface SearchIndexWriter {
  readonly mode: IndexingMode;
  /** Before a stored task is deleted: its current text leaves the index. */
  removing(pk: number): void;
  /**
   * Before a stored task is overwritten by `entry`: false when the new version's searchable text
   * is the same as the indexed one (a status or a cost changed), so the index keeps it and the
   * writer leaves the task out of written(); true when the old text has left the index (or was
   * never in it) and the task must go to written().
   */
  changing(entry: IndexEntry): boolean;
  /** Inside the writer's transaction, after the rows: index these tasks now, or list them. */
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

type Row = Record<string, SQLOutputValue>;
const text = (v: SQLOutputValue | undefined): string | null => (typeof v === 'string' ? v : null);

/** The text the index holds for a stored task: from its JSON (if it parses) and list columns. */
function storedText(row: Row): TaskSearchText {
  let task: unknown = null;
  try {
    task = JSON.parse(decodeDocument(row.json) ?? '');
  } catch {
    // damaged JSON: the list columns are still worth finding
  }
  return toSearchText(task, {
    name: text(row.name),
    contactNumber: text(row.contact_number),
    email: text(row.email),
    company: text(row.company),
  });
}

const STORED_TEXT_SQL = `SELECT t.pk, t.name, t.contact_number, t.email, t.company, d.json
  FROM tasks t LEFT JOIN task_documents d ON d.task_pk = t.pk`;

const sameText = (a: TaskSearchText, b: TaskSearchText): boolean =>
  a.name === b.name &&
  a.contact === b.contact &&
  a.email === b.email &&
  a.company === b.company &&
  a.context === b.context &&
  a.objective === b.objective &&
  a.transcript === b.transcript &&
  a.summary === b.summary &&
  a.phoneDigits === b.phoneDigits;

/** Adds and removes tasks' text in tasks_fts. */
function ftsWriter(db: DatabaseSync) {
  const insert = db.prepare(
    `INSERT INTO tasks_fts (rowid, ${FTS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let remove: StatementSync | null = null;
  let stored: StatementSync | null = null;
  const removeText = (pk: number, text: TaskSearchText) => {
    remove ??= db.prepare(
      `INSERT INTO tasks_fts (tasks_fts, rowid, ${FTS_COLUMNS}) VALUES ('delete', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    remove.run(...values(pk, text));
  };
  /** The text indexed for a stored task: rebuilt from what is stored for it now. */
  const indexedText = (pk: number): TaskSearchText | null => {
    stored ??= db.prepare(`${STORED_TEXT_SQL} WHERE t.pk = ?`);
    const row = stored.get(pk) as Row | undefined;
    return row === undefined ? null : storedText(row);
  };
  return {
    add: (pk: number, text: TaskSearchText) => insert.run(...values(pk, text)),
    /** Removes the indexed text of a task from what is stored for it now. */
    remove(pk: number) {
      const text = indexedText(pk);
      if (text !== null) removeText(pk, text);
    },
    /**
     * Before `entry` overwrites its stored task: keeps the index as it is when the searchable
     * text is unchanged (returns false), else removes the old text (returns true). Tokenising is
     * most of an update's cost, and a re-sync mostly brings status changes.
     */
    replace(entry: IndexEntry): boolean {
      const old = indexedText(entry.pk);
      if (old === null) return true;
      if (sameText(old, toSearchText(entry.task, entry.record))) return false;
      removeText(entry.pk, old);
      return true;
    },
  };
}

export function createSearchIndexWriter(db: DatabaseSync, mode: IndexingMode): SearchIndexWriter {
  const fts = ftsWriter(db);
  if (mode === 'inline') {
    return {
      mode,
      removing: (pk) => fts.remove(pk),
      changing: (entry) => fts.replace(entry),
      written: (entries) => {
        for (const e of entries) fts.add(e.pk, toSearchText(e.task, e.record));
      },
    };
  }
  const queue = db.prepare('INSERT OR IGNORE INTO search_backlog (task_pk) SELECT value FROM json_each(?)');
  const listed = db.prepare('SELECT 1 FROM search_backlog WHERE task_pk = ?');
  return {
    mode,
    removing(pk) {
      if (listed.get(pk) === undefined) fts.remove(pk);
    },
    // A task still in the backlog has no text in the index: it stays listed, to be indexed anew.
    changing: (entry) => listed.get(entry.pk) !== undefined || fts.replace(entry),
    written(entries) {
      if (entries.length > 0) queue.run(JSON.stringify(entries.map((e) => e.pk)));
    },
  };
}

/** `onIndexed` runs after a catch-up step changed the index (cached search matches are stale). */
export function createSearchIndexStatus(db: DatabaseSync, onIndexed: () => void): SearchIndexStatus {
  const count = db.prepare('SELECT count(*) AS n FROM search_backlog');
  const next = db.prepare(
    `${STORED_TEXT_SQL} JOIN search_backlog b ON b.task_pk = t.pk ORDER BY b.task_pk LIMIT ?`,
  );
  const done = db.prepare('DELETE FROM search_backlog WHERE task_pk IN (SELECT value FROM json_each(?))');
  const fts = ftsWriter(db);
  const backlog = () => Number((count.get() as Row).n);
  return {
    backlog,
    catchUp(maxTasks) {
      const indexed = transaction(db, () => {
        const rows = next.all(Math.max(1, Math.trunc(maxTasks))) as Row[];
        const pks: number[] = [];
        for (const row of rows) {
          const pk = Number(row.pk);
          fts.add(pk, storedText(row));
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
