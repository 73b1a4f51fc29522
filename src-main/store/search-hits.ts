// The rows matching the current full-text search, collected once into a temporary table.
//
// One list view issues several statements for the same search (the total, the page, the counts
// beside each filter). With the MATCH inside each of them, FTS5 would read and merge the same
// posting lists every time; for a common word at 100k tasks that was most of the query time.
// Here the matches are written once to temp.search_hits and reused until the search text or
// the data changes.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export const SEARCH_HITS_SQL = 't.pk IN temp.search_hits';

export class SearchHits {
  readonly #clear: StatementSync;
  readonly #fill: StatementSync;
  readonly #dataVersion: StatementSync;
  #match: string | null = null;
  #version = -1;

  constructor(db: DatabaseSync) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS search_hits (pk INTEGER PRIMARY KEY)');
    this.#clear = db.prepare('DELETE FROM temp.search_hits');
    this.#fill = db.prepare(
      'INSERT INTO temp.search_hits (pk) SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?',
    );
    // Changes when another connection commits to the file (ours are reported by invalidate()).
    this.#dataVersion = db.prepare('PRAGMA data_version');
  }

  /** Makes temp.search_hits hold the matches of `match`. */
  load(match: string): void {
    const version = (this.#dataVersion.get() as { data_version: number }).data_version;
    if (match === this.#match && version === this.#version) return;
    this.#match = null; // if filling fails, the next call starts over
    this.#clear.run();
    this.#fill.run(match);
    this.#match = match;
    this.#version = version;
  }

  /** Called after every write through this connection. */
  invalidate(): void {
    this.#match = null;
  }
}
