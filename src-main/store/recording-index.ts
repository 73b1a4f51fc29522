// The recordings index: which tasks' recordings are in the recordings cache folder, their file,
// size and type, when each was last played (eviction order) and whether the user keeps it
// offline (never evicted). Kept in the workspace's cache file, so it goes with the profile and
// is read and written only through the store's worker threads. The files themselves live in the
// OS cache folder (services/recordings/).
import type { DatabaseSync, SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { decodeDocument } from './document-codec.ts';
import { parsePlatformTime } from './platform-time.ts';
import type { SearchHits } from './search-hits.ts';
import { filterToSql, type TaskFilter } from './task-filter.ts';

export interface RecordingEntry {
  taskId: string;
  /** Relative to the workspace's recordings folder. */
  file: string;
  bytes: number | null;
  contentType: string | null;
  /** Epoch ms. */
  lastPlayedAt: number | null;
  pinned: boolean;
  /** The whole file is in place and was checked against its announced length. */
  complete: boolean;
  /** Epoch ms the download completed. */
  downloadedAt: number | null;
}

/** What a download needs to know of a task (from the cached task). */
export interface RecordingSource {
  taskId: string;
  recordingUrl: string | null;
  durationSeconds: number | null;
  /** output.start_time as epoch ms (the recording's 0 s), when readable. */
  callStartedAt: number | null;
}

/** A task of a list that has a recording, with what the cache knows of it. */
export interface RecordingCandidate {
  taskId: string;
  durationSeconds: number | null;
  /** Size of the cached file, when complete. */
  bytes: number | null;
  complete: boolean;
}

export interface RecordingIndexReader {
  getRecording(taskId: string): RecordingEntry | null;
  listRecordings(taskIds?: readonly string[]): RecordingEntry[];
  recordingSource(taskId: string): RecordingSource | null;
  recordingCandidates(filter: TaskFilter): RecordingCandidate[];
}

export interface RecordingIndexWriter {
  putRecording(entry: RecordingEntry): RecordingEntry;
  markRecordingPlayed(taskId: string, at: number): void;
  /** Creates a not-yet-downloaded entry when none exists (pinning before the download). */
  setRecordingPinned(taskId: string, pinned: boolean, file: string): RecordingEntry;
  deleteRecordings(taskIds: readonly string[]): number;
}

type Row = Record<string, SQLOutputValue>;
const num = (v: SQLOutputValue | undefined): number | null => (typeof v === 'number' ? v : null);
const text = (v: SQLOutputValue | undefined): string | null => (typeof v === 'string' ? v : null);

const COLUMNS = 'task_id, file, bytes, content_type, last_played_at, pinned, complete, downloaded_at';

const fromRow = (r: Row): RecordingEntry => ({
  taskId: String(r.task_id),
  file: String(r.file),
  bytes: num(r.bytes),
  contentType: text(r.content_type),
  lastPlayedAt: num(r.last_played_at),
  pinned: r.pinned === 1,
  complete: r.complete === 1,
  downloadedAt: num(r.downloaded_at),
});

/** Ids per statement: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

export function createRecordingIndexReader(db: DatabaseSync, hits: SearchHits): RecordingIndexReader {
  const one = db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE task_id = ?`);
  const everything = db.prepare(`SELECT ${COLUMNS} FROM recordings`);
  const source = db.prepare(
    `SELECT t.id, t.duration, t.has_recording, d.json FROM tasks t
       LEFT JOIN task_documents d ON d.task_pk = t.pk WHERE t.id = ?`,
  );
  return {
    getRecording(taskId) {
      const row = one.get(taskId) as Row | undefined;
      return row ? fromRow(row) : null;
    },
    listRecordings(taskIds) {
      if (taskIds === undefined) return (everything.all() as Row[]).map(fromRow);
      return chunks(taskIds).flatMap((ids) =>
        (
          db
            .prepare(`SELECT ${COLUMNS} FROM recordings WHERE task_id IN (${ids.map(() => '?').join(', ')})`)
            .all(...ids) as Row[]
        ).map(fromRow),
      );
    },
    recordingSource(taskId) {
      const row = source.get(taskId) as Row | undefined;
      if (!row) return null;
      let recordingUrl: string | null = null;
      let callStartedAt: number | null = null;
      const json = decodeDocument(row.json);
      if (json !== null) {
        try {
          const output = (JSON.parse(json) as { output?: { recording_url?: unknown; start_time?: unknown } })
            .output;
          const url = output?.recording_url;
          if (typeof url === 'string' && url.trim() !== '') recordingUrl = url;
          if (typeof output?.start_time === 'string') callStartedAt = parsePlatformTime(output.start_time);
        } catch {
          // A damaged document: no link (the next sync replaces it).
        }
      }
      return { taskId: String(row.id), recordingUrl, durationSeconds: num(row.duration), callStartedAt };
    },
    recordingCandidates(filter) {
      const f = filterToSql(filter);
      if (f.match !== null) hits.load(f.match);
      const params: SQLInputValue[] = f.params;
      const rows = db
        .prepare(
          `SELECT t.id, t.duration, r.bytes, r.complete FROM ${f.from}
             LEFT JOIN recordings r ON r.task_id = t.id
             WHERE ${f.where} AND t.has_recording = 1
             ORDER BY t.created_ts DESC, t.pk DESC`,
        )
        .all(...params) as Row[];
      return rows.map((r) => ({
        taskId: String(r.id),
        durationSeconds: num(r.duration),
        bytes: r.complete === 1 ? num(r.bytes) : null,
        complete: r.complete === 1,
      }));
    },
  };
}

export function createRecordingIndexWriter(db: DatabaseSync): RecordingIndexWriter {
  const upsert = db.prepare(
    `INSERT INTO recordings (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (task_id) DO UPDATE SET file = excluded.file, bytes = excluded.bytes,
         content_type = excluded.content_type, last_played_at = excluded.last_played_at,
         pinned = excluded.pinned, complete = excluded.complete, downloaded_at = excluded.downloaded_at`,
  );
  const played = db.prepare('UPDATE recordings SET last_played_at = ? WHERE task_id = ?');
  const pin = db.prepare(
    `INSERT INTO recordings (task_id, file, pinned, complete) VALUES (?, ?, ?, 0)
       ON CONFLICT (task_id) DO UPDATE SET pinned = excluded.pinned`,
  );
  const one = db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE task_id = ?`);
  return {
    putRecording(e) {
      upsert.run(
        e.taskId,
        e.file,
        e.bytes,
        e.contentType,
        e.lastPlayedAt,
        e.pinned ? 1 : 0,
        e.complete ? 1 : 0,
        e.downloadedAt,
      );
      return e;
    },
    markRecordingPlayed(taskId, at) {
      played.run(at, taskId);
    },
    setRecordingPinned(taskId, pinned, file) {
      pin.run(taskId, file, pinned ? 1 : 0);
      return fromRow(one.get(taskId) as Row);
    },
    deleteRecordings(taskIds) {
      let n = 0;
      for (const ids of chunks(taskIds)) {
        const r = db
          .prepare(`DELETE FROM recordings WHERE task_id IN (${ids.map(() => '?').join(', ')})`)
          .run(...ids);
        n += Number(r.changes);
      }
      return n;
    },
  };
}
