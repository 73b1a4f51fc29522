// The cache's schema, as an ordered list of migrations. Migration N (1-based) moves the database
// from `PRAGMA user_version` N-1 to N; each runs in its own transaction together with the version
// bump, so a crash mid-way leaves the previous version intact. Append new migrations; never edit
// one that has shipped.
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from './database.ts';
import { migrateImportJournal } from './import-journal.ts';

export type Migration = (db: DatabaseSync) => void;

/** Identifies a file as this app's cache (the meta table's `schema` value). */
export const CACHE_SCHEMA_NAME = 'unpod-desk-task-cache';

export const migrations: readonly Migration[] = [
  // 1: tasks with their list columns, the full JSON apart, labels, full-text index, sync state.
  (db) => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      -- Kept narrow on purpose: filters, counts and sorts scan this table, so the large JSON
      -- lives in task_documents and the searchable text in tasks_fts.
      CREATE TABLE tasks (
        pk             INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,     -- task_id, or _id when there is no task_id
        doc_id         TEXT,                     -- _id (the create response returns only this)
        space_token    TEXT,                     -- set once the task was seen in a space listing
        space_id       TEXT,
        assignee       TEXT,                     -- agent handle
        status         TEXT NOT NULL,
        execution_type TEXT,
        created        TEXT,                     -- as the platform sent it
        created_ts     INTEGER,                  -- epoch ms (zoneless platform times read as UTC)
        modified       TEXT,
        modified_ts    INTEGER,
        name           TEXT,
        contact_number TEXT,
        email          TEXT,
        company        TEXT,
        outcome_status TEXT,                     -- output.post_call_data.summary.status
        duration       REAL,                     -- seconds
        cost           REAL,                     -- USD
        has_recording  INTEGER NOT NULL DEFAULT 0,
        content_hash   TEXT NOT NULL,            -- sha256 of the JSON text as stored
        stored_at      INTEGER NOT NULL          -- epoch ms of the last write of this row
      );
      -- One covering index per kind of scope, newest first within the scope. Every filter and
      -- sort column is in it, so counting, filtering and sorting read only the index (no table
      -- lookups), and the default "newest first" page stops after the rows it shows.
      CREATE INDEX tasks_space_list ON tasks (space_token, created_ts, status, outcome_status, assignee,
        execution_type, modified_ts, duration, cost, name);
      CREATE INDEX tasks_agent_list ON tasks (assignee, created_ts, status, outcome_status, space_token,
        execution_type, modified_ts, duration, cost, name);
      CREATE INDEX tasks_doc_id ON tasks (doc_id);

      CREATE TABLE task_documents (
        task_pk INTEGER PRIMARY KEY REFERENCES tasks (pk) ON DELETE CASCADE,
        json    TEXT NOT NULL                    -- the whole task, as received
      );

      -- Classification labels (output.post_call_data.classification.labels), one row per label,
      -- for filtering and counting. Keyed by the task's integer key: joins stay cheap.
      CREATE TABLE task_labels (
        task_pk INTEGER NOT NULL REFERENCES tasks (pk) ON DELETE CASCADE,
        label   TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (task_pk, label)
      ) WITHOUT ROWID;
      CREATE INDEX task_labels_label ON task_labels (label, task_pk);

      -- Full-text index; rowid = tasks.pk. It keeps its own copy of the text because highlight()
      -- and snippet() need it (a contentless table cannot give them), and the transcript and
      -- summaries are not columns anywhere else. phone_digits is searched but never shown.
      -- prefix '2': two-letter prefixes ("ra*") read one prepared list instead of merging every
      -- word that starts with them; longer prefixes match few enough words to merge quickly.
      CREATE VIRTUAL TABLE tasks_fts USING fts5 (
        name, contact, email, company, context, objective, transcript, summary, phone_digits,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2'
      );
      -- Whoever deletes a task, its text leaves the index with it.
      CREATE TRIGGER tasks_fts_after_delete AFTER DELETE ON tasks BEGIN
        DELETE FROM tasks_fts WHERE rowid = old.pk;
      END;

      CREATE TABLE sync_state (
        scope_key      TEXT PRIMARY KEY,         -- space:<token> | agent:<handle>
        last_synced_at TEXT,                     -- ISO time of the last complete sync
        count          INTEGER,                  -- tasks the platform reported for the scope
        cursor         TEXT                      -- opaque, for the sync service
      ) WITHOUT ROWID;
    `);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema', CACHE_SCHEMA_NAME);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('created_at', new Date().toISOString());
  },

  // 2: phone numbers are found by their last digits and however they are written: phone_digits
  // now holds every digit suffix of each number (phone-digits.ts), not only the whole number and
  // its last ten digits. The index is emptied here and not refilled: migration 3, which always
  // runs next in the same open, drops it again and lists every task for re-indexing, so refilling
  // it here would tokenise every task once for nothing. (Schema 2 was never released alone.)
  (db) => {
    db.exec(`
      DROP TABLE tasks_fts;
      CREATE VIRTUAL TABLE tasks_fts USING fts5 (
        name, contact, email, company, context, objective, transcript, summary, phone_digits,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2'
      );
    `);
  },

  // 3: a smaller file and faster writes. The full-text index no longer keeps its own copy of the
  // text (contentless; the transcripts and summaries are in the stored JSON already, and the
  // highlights of a page are computed from it, see page-highlights.ts). A contentless index
  // forgets a task only when told its old text, which the writer rebuilds from the stored JSON
  // (search-index.ts), so no trigger can do it: the writer removes a task's text before it
  // changes or deletes the task. (contentless_delete would take the rowid alone, but measured 7×
  // slower per update.) Indexing may run after the write: search_backlog lists the tasks whose
  // text is not in the index; a task listed there has no text in the index at all. The index is
  // refilled from the stored tasks by whoever opens the file next: at once (inline indexing) or
  // in the background (the store worker), so the upgrade itself takes no time.
  (db) => {
    db.exec(`
      DROP TRIGGER IF EXISTS tasks_fts_after_delete;
      DROP TABLE tasks_fts;
      CREATE VIRTUAL TABLE tasks_fts USING fts5 (
        name, contact, email, company, context, objective, transcript, summary, phone_digits,
        content = '',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2'
      );
      CREATE TABLE search_backlog (
        task_pk INTEGER PRIMARY KEY REFERENCES tasks (pk) ON DELETE CASCADE
      );
      INSERT INTO search_backlog (task_pk) SELECT pk FROM tasks;
    `);
  },

  // The lead import's journal: imports and their rows (import-journal.ts).
  migrateImportJournal,
];

export const SCHEMA_VERSION = migrations.length;

export function readUserVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/** Applies the pending migrations; returns the versions applied (empty when up to date). */
export function applyMigrations(db: DatabaseSync, list: readonly Migration[] = migrations): number[] {
  const current = readUserVersion(db);
  if (current > list.length) {
    throw new NewerSchemaError(current, list.length);
  }
  const applied: number[] = [];
  for (let version = current + 1; version <= list.length; version++) {
    const migrate = list[version - 1]!;
    transaction(db, () => {
      migrate(db);
      // PRAGMA takes no bound parameters; `version` is an integer we computed.
      db.exec(`PRAGMA user_version = ${version}`);
    });
    applied.push(version);
  }
  return applied;
}

/** The file was written by a newer version of the app (the user downgraded). */
export class NewerSchemaError extends Error {
  readonly found: number;
  readonly supported: number;
  constructor(found: number, supported: number) {
    super(
      `The cache was written by a newer version of Unpod Desk (schema ${found}, this one knows ${supported}).`,
    );
    this.name = 'NewerSchemaError';
    this.found = found;
    this.supported = supported;
  }
}
