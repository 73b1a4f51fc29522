// Writing tasks into the cache: one transaction per batch, prepared statements, and no write at
// all for a task whose content has not changed (a re-sync of 10,000 unchanged tasks costs 10,000
// index lookups, not 10,000 rewrites of JSON and full-text index).
//
// "Unchanged" is decided in steps: the sha256 of the JSON text as received equals the stored
// one (the common case, cheap); else, if the texts differ in length, the content differs (the
// same keys and values in another order make a text of the same length); else the canonical
// JSON (keys sorted) of the stored and the new task are compared, so a server that merely
// reorders keys does not cause rewrites either.
//
// Speed (a sync must be bound by the network, not by this): the batch's ids are looked up in one
// statement, new rows and labels go in with one statement each (json_each over a JSON array of
// the rows), and the full-text indexing is handed to the search index writer (search-index.ts),
// which may leave it for later.
import type { DatabaseSync, SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { canonicalJson } from './canonical-json.ts';
import { transaction } from './database.ts';
import { decodeDocument, documentBytes, documentBytesSql, encodeDocument } from './document-codec.ts';
import type { CacheScope } from './scope.ts';
import { createSearchIndexWriter, type IndexEntry, type SearchIndexWriter } from './search-index.ts';
import { toTaskRecord, type TaskRecord } from './task-record.ts';
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

type Row = Record<string, SQLOutputValue>;

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

/**
 * `onWrite` runs after every transaction that changed rows (the reader drops cached matches).
 * `searchIndex` decides whether written tasks are indexed at once (the default) or later.
 */
export function createTaskWriter(
  db: DatabaseSync,
  onWrite: () => void = () => {},
  searchIndex: SearchIndexWriter = createSearchIndexWriter(db, 'inline'),
): TaskWriter {
  const lookup = db.prepare(
    'SELECT id, pk, content_hash, space_token FROM tasks WHERE id IN (SELECT value FROM json_each(?))',
  );
  const maxPk = db.prepare('SELECT coalesce(max(pk), 0) AS pk FROM tasks');
  // One row per element of a JSON array of arrays: [pk, id, space_token, assignee, ...LIST_COLUMNS].
  const insertTasks = db.prepare(
    `INSERT INTO tasks (pk, id, space_token, assignee, ${LIST_COLUMNS.join(', ')})
     SELECT ${['pk', 'id', 'space_token', 'assignee', ...LIST_COLUMNS].map((_, i) => `value ->> ${i}`).join(', ')}
     FROM json_each(?)`,
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
  const clearLabels = db.prepare('DELETE FROM task_labels WHERE task_pk IN (SELECT value FROM json_each(?))');
  const addLabels = db.prepare(
    'INSERT OR IGNORE INTO task_labels (task_pk, label) SELECT value ->> 0, value ->> 1 FROM json_each(?)',
  );
  const deleteTask = db.prepare('DELETE FROM tasks WHERE pk = ?');
  const keyOf = db.prepare('SELECT pk FROM tasks WHERE id = ?');
  const readDocument = db.prepare('SELECT json FROM task_documents WHERE task_pk = ?');
  const readBytes = db.prepare(
    `SELECT ${documentBytesSql('json')} AS n FROM task_documents WHERE task_pk = ?`,
  );

  const sameContent = (pk: number, task: Task, record: TaskRecord): boolean => {
    const bytes = documentBytes((readBytes.get(pk) as Row | undefined)?.n);
    if (bytes === null || bytes !== Buffer.byteLength(record.json)) return false;
    const json = decodeDocument((readDocument.get(pk) as Row | undefined)?.json);
    if (json === null) return false;
    try {
      return canonicalJson(JSON.parse(json)) === canonicalJson(task);
    } catch {
      return false; // a damaged stored document is replaced
    }
  };

  /** Writes collected for one statement each; flushed before anything reads what they change. */
  class Pending {
    rows: SQLInputValue[][] = [];
    documents: [number, Uint8Array][] = [];
    cleared: number[] = [];
    labels: [number, string][] = [];
    indexed: IndexEntry[] = [];
    ids = new Set<string>();

    flush(): void {
      if (this.rows.length > 0) insertTasks.run(JSON.stringify(this.rows));
      // After the rows they belong to (foreign key), one statement each: a document's text is
      // bound as it is rather than escaped into a JSON array and parsed again.
      for (const [pk, json] of this.documents) writeDocument.run(pk, json);
      if (this.cleared.length > 0) clearLabels.run(JSON.stringify(this.cleared));
      if (this.labels.length > 0) addLabels.run(JSON.stringify(this.labels));
      searchIndex.written(this.indexed);
      this.rows = [];
      this.documents = [];
      this.cleared = [];
      this.labels = [];
      this.indexed = [];
      this.ids.clear();
    }
  }

  return {
    upsertTasks(tasks, scope) {
      const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
      if (tasks.length === 0) return counts;
      const storedAt = Date.now();
      const records: [Task, TaskRecord][] = [];
      for (const task of tasks) {
        const record = toTaskRecord(task, scope);
        if (record === null) counts.skipped++;
        else records.push([task, record]);
      }
      if (records.length === 0) return counts;
      transaction(db, () => {
        const known = new Map<string, ExistingRow>();
        const found = lookup.all(JSON.stringify(records.map(([, r]) => r.id))) as unknown as (ExistingRow & {
          id: string;
        })[];
        for (const row of found) known.set(row.id, row);
        let nextPk = 0;
        const pending = new Pending();
        for (const [task, record] of records) {
          // The same task twice in one batch: the second is compared with the first as written.
          if (pending.ids.has(record.id)) pending.flush();
          const existing = known.get(record.id);
          if (existing === undefined) {
            if (nextPk === 0) nextPk = Number((maxPk.get() as { pk: number }).pk) + 1;
            const pk = nextPk++;
            pending.rows.push([
              pk,
              record.id,
              record.spaceToken,
              record.assignee,
              ...listValues(record, storedAt),
            ]);
            pending.documents.push([pk, encodeDocument(record.json)]);
            for (const label of record.labels) pending.labels.push([pk, label]);
            pending.indexed.push({ pk, task, record });
            pending.ids.add(record.id);
            known.set(record.id, { pk, content_hash: record.contentHash, space_token: record.spaceToken });
            counts.inserted++;
          } else if (
            existing.content_hash !== record.contentHash &&
            !sameContent(existing.pk, task, record)
          ) {
            const pk = existing.pk;
            const entry = { pk, task, record };
            // While the stored task is still the one indexed: its old text leaves the index, or
            // stays when the change is not in the searchable text.
            const reindex = searchIndex.changing(entry);
            updateTask.run(record.spaceToken, record.assignee, ...listValues(record, storedAt), pk);
            pending.documents.push([pk, encodeDocument(record.json)]);
            pending.cleared.push(pk);
            for (const label of record.labels) pending.labels.push([pk, label]);
            if (reindex) pending.indexed.push(entry);
            pending.ids.add(record.id);
            existing.content_hash = record.contentHash;
            if (record.spaceToken !== null) existing.space_token = record.spaceToken;
            counts.updated++;
          } else if (record.spaceToken !== null && existing.space_token !== record.spaceToken) {
            setSpaceToken.run(record.spaceToken, storedAt, existing.pk);
            existing.space_token = record.spaceToken;
            counts.updated++;
          } else {
            counts.unchanged++;
          }
        }
        pending.flush();
      });
      if (counts.inserted + counts.updated > 0) onWrite();
      return counts;
    },

    deleteTasks(ids) {
      if (ids.length === 0) return 0;
      const deleted = transaction(db, () => {
        let deleted = 0;
        for (const id of ids) {
          const row = keyOf.get(id) as { pk: number } | undefined;
          if (row === undefined) continue;
          searchIndex.removing(row.pk);
          deleted += Number(deleteTask.run(row.pk).changes);
        }
        return deleted;
      });
      if (deleted > 0) onWrite();
      return deleted;
    },
  };
}
