// Highlights and excerpts for the rows of one page. The full-text index keeps no copy of the text
// (contentless, migration 3: the file would otherwise hold every transcript twice), so FTS5's
// highlight() and snippet() have nothing to mark there. The page's text is rebuilt from the stored
// JSON into a small temporary FTS5 table with the same columns and tokenizer, and the same MATCH
// runs against it: the same tokens match, so the marks are what the index found. At most one
// page (≤ 500 rows) is tokenised per search; the table is emptied after each use.
import type { DatabaseSync, SQLOutputValue, StatementSync } from 'node:sqlite';
import { decodeDocument } from './document-codec.ts';
import { toSearchText } from './task-record.ts';

type Row = Record<string, SQLOutputValue>;

const text = (v: SQLOutputValue | undefined): string | null => (typeof v === 'string' ? v : null);

export class PageText {
  readonly #insert: StatementSync;
  readonly #clear: StatementSync;
  readonly #select: StatementSync;

  constructor(db: DatabaseSync) {
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.page_text USING fts5 (
      name, contact, email, company, context, objective, transcript, summary, phone_digits,
      tokenize = 'unicode61 remove_diacritics 2'
    )`);
    this.#insert = db.prepare(
      `INSERT INTO temp.page_text (rowid, name, contact, email, company, context, objective, transcript, summary, phone_digits)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#clear = db.prepare('DELETE FROM temp.page_text');
    this.#select = db.prepare(
      `SELECT t.pk, t.name, t.contact_number, t.email, t.company, d.json
       FROM tasks t LEFT JOIN task_documents d ON d.task_pk = t.pk
       WHERE t.pk IN (SELECT value FROM json_each(?))`,
    );
  }

  /**
   * Runs `query` (which reads temp.page_text) with the text of the tasks `pks` loaded into it.
   * The stored JSON is read again here: a damaged document leaves only the list columns.
   */
  with<T>(pks: readonly number[], query: () => T): T {
    const rows = this.#select.all(JSON.stringify(pks)) as Row[];
    try {
      for (const row of rows) {
        let task: unknown = null;
        try {
          task = JSON.parse(decodeDocument(row.json) ?? '');
        } catch {
          // damaged JSON: the columns are still marked
        }
        const t = toSearchText(task, {
          name: text(row.name),
          contactNumber: text(row.contact_number),
          email: text(row.email),
          company: text(row.company),
        });
        this.#insert.run(
          Number(row.pk),
          t.name,
          t.contact,
          t.email,
          t.company,
          t.context,
          t.objective,
          t.transcript,
          t.summary,
          t.phoneDigits,
        );
      }
      return query();
    } finally {
      this.#clear.run();
    }
  }
}
