// Writing tasks into the cache: one transaction per batch, prepared statements, and no write at
// all for a task whose content has not changed (a re-sync of 10,000 unchanged tasks costs 10,000
// index lookups, not 10,000 rewrites of JSON and full-text index).
//
// "Unchanged" is decided in two steps: the sha256 of the JSON text as received equals the stored
// one (the common case, cheap), or else the canonical JSON (keys sorted) of the stored and the new
// task are equal, so a server that merely reorders keys does not cause rewrites either.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { canonicalJson } from './canonical-json.ts';
import { transaction } from './database.ts';
import type { CacheScope } from './scope.ts';
import { toSearchText, toTaskRecord, type TaskRecord } from './task-record.ts';
import type { Task } from './task-shape.ts';

export interface UpsertCounts {
  inserted: number;
  /** Rows rewritten: content changed, or a task first seen through its agent now seen in a space. */
  updated: number;
  /** Rows left untouched (same content hash, nothing new about the scope). */
  unchanged: number;
  /** Tasks without task_id and _id: they cannot be de-duplicated, so they are not stored. */
  skipped: number;
}

export interface TaskWriter {
  upsertTasks(tasks: readonly Task[], scope: CacheScope): UpsertCounts;
  /** Deletes tasks by id; their labels, JSON and full-text entries go with them. Returns how many. */
  deleteTasks(ids: readonly string[]): number;
}

interface ExistingRow {
  pk: number;
  content_hash: string;
  space_token: string | null;
}

const LIST_COLUMNS = [
  'doc_id',
  'space_id',
  'status',
  'execution_type',
  'created',
  'created_ts',
  'modified',
  'modified_ts',
  'name',
  'contact_number',
  'email',
  'company',
  'outcome_status',
  'duration',
  'cost',
  'has_recording',
  'content_hash',
  'stored_at',
] as const;

function listValues(record: TaskRecord, storedAt: number): SQLInputValue[] {
  return [
    record.docId,
    record.spaceId,
    record.status,
    record.executionType,
    record.created,
    record.createdTs,
    record.modified,
    record.modifiedTs,
    record.name,
    record.contactNumber,
    record.email,
    record.company,
    record.outcomeStatus,
    record.duration,
    record.cost,
    record.hasRecording ? 1 : 0,
    record.contentHash,
    storedAt,
  ];
}

/** `onWrite` runs after every transaction that changed rows (the reader drops cached matches). */
export function createTaskWriter(db: DatabaseSync, onWrite: () => void = () => {}): TaskWriter {
  const lookup = db.prepare('SELECT pk, content_hash, space_token FROM tasks WHERE id = ?');
  const insertTask = db.prepare(
    `INSERT INTO tasks (id, space_token, assignee, ${LIST_COLUMNS.join(', ')})
     VALUES (?, ?, ?, ${LIST_COLUMNS.map(() => '?').join(', ')})`,
  );
  // A listing by agent does not know the space, and a space listing may lack the assignee:
  // what an earlier listing taught us is kept rather than overwritten with null.
  const updateTask = db.prepare(
    `UPDATE tasks SET space_token = coalesce(?, space_token), assignee = coalesce(?, assignee),
     ${LIST_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE pk = ?`,
  );
  const setSpaceToken = db.prepare('UPDATE tasks SET space_token = ?, stored_at = ? WHERE pk = ?');
  const writeDocument = db.prepare(
    'INSERT INTO task_documents (task_pk, json) VALUES (?, ?) ON CONFLICT (task_pk) DO UPDATE SET json = excluded.json',
  );
  const clearLabels = db.prepare('DELETE FROM task_labels WHERE task_pk = ?');
  const addLabel = db.prepare('INSERT OR IGNORE INTO task_labels (task_pk, label) VALUES (?, ?)');
  const ftsInsert = db.prepare(
    `INSERT INTO tasks_fts (rowid, name, contact, email, company, context, objective, transcript, summary, phone_digits)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ftsDelete = db.prepare('DELETE FROM tasks_fts WHERE rowid = ?');
  const deleteTask = db.prepare('DELETE FROM tasks WHERE id = ?');
  const readDocument = db.prepare('SELECT json FROM task_documents WHERE task_pk = ?');

  const sameContent = (pk: number, task: Task): boolean => {
    const row = readDocument.get(pk) as { json: string } | undefined;
    if (row === undefined) return false;
    try {
      return canonicalJson(JSON.parse(row.json)) === canonicalJson(task);
    } catch {
      return false; // a damaged stored document is replaced
    }
  };

  const writeDetails = (pk: number, task: Task, record: TaskRecord, isNew: boolean) => {
    writeDocument.run(pk, record.json);
    if (!isNew) {
      clearLabels.run(pk);
      ftsDelete.run(pk);
    }
    for (const label of record.labels) addLabel.run(pk, label);
    const text = toSearchText(task, record);
    ftsInsert.run(
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
    );
  };

  return {
    upsertTasks(tasks, scope) {
      const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
      if (tasks.length === 0) return counts;
      const storedAt = Date.now();
      transaction(db, () => {
        for (const task of tasks) {
          const record = toTaskRecord(task, scope);
          if (record === null) {
            counts.skipped++;
            continue;
          }
          const existing = lookup.get(record.id) as ExistingRow | undefined;
          if (existing === undefined) {
            const result = insertTask.run(
              record.id,
              record.spaceToken,
              record.assignee,
              ...listValues(record, storedAt),
            );
            writeDetails(Number(result.lastInsertRowid), task, record, true);
            counts.inserted++;
          } else if (existing.content_hash !== record.contentHash && !sameContent(existing.pk, task)) {
            updateTask.run(record.spaceToken, record.assignee, ...listValues(record, storedAt), existing.pk);
            writeDetails(existing.pk, task, record, false);
            counts.updated++;
          } else if (record.spaceToken !== null && existing.space_token !== record.spaceToken) {
            setSpaceToken.run(record.spaceToken, storedAt, existing.pk);
            counts.updated++;
          } else {
            counts.unchanged++;
          }
        }
      });
      if (counts.inserted + counts.updated > 0) onWrite();
      return counts;
    },

    deleteTasks(ids) {
      if (ids.length === 0) return 0;
      const deleted = transaction(db, () => {
        let deleted = 0;
        for (const id of ids) deleted += Number(deleteTask.run(id).changes);
        return deleted;
      });
      if (deleted > 0) onWrite();
      return deleted;
    },
  };
}
