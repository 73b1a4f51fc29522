// The calls placed in a space since a time, by number: what the lead import compares a file's
// numbers with ("called in the last N days"). Read on the reader's connection; the range scan
// uses the space index (space_token, created_ts). Numbers come back as their digits, the form the
// import matches on whatever punctuation the platform stored them with.
import type { StatementCache } from './database.ts';

export interface RecentCallRow {
  /** The contact number's digits, as the cache holds it (with or without a country code). */
  digits: string;
  taskId: string;
  /** As the platform sent it. */
  created: string | null;
}

export interface RecentCallReader {
  /** Calls in the space created at or after `sinceMs`, oldest first. */
  recentCalls(spaceToken: string, sinceMs: number): RecentCallRow[];
}

export function createRecentCallReader(statements: StatementCache): RecentCallReader {
  const sql = `SELECT id, contact_number, created FROM tasks
    WHERE space_token = ? AND created_ts >= ? AND contact_number IS NOT NULL
    ORDER BY created_ts`;
  return {
    recentCalls(spaceToken, sinceMs) {
      const out: RecentCallRow[] = [];
      for (const row of statements.get(sql).iterate(spaceToken, sinceMs)) {
        const digits = String(row.contact_number).replace(/\D/g, '');
        if (digits === '') continue;
        out.push({
          digits,
          taskId: String(row.id),
          created: typeof row.created === 'string' ? row.created : null,
        });
      }
      return out;
    },
  };
}
