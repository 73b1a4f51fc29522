// "Export rows with problems": the rows that cannot be sent, as the file had them (every column,
// under its header) plus the spreadsheet row and a Reason column, to fix in a spreadsheet and
// import again. Formula-safe with the task export's rule (store/csv-export.ts): a lead's cells
// are someone else's text. Written batch by batch, so a large file's problems never sit in memory.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import Papa from 'papaparse';
import type { CheckedLead } from '../../imports/checked-lead.ts';
import { neutraliseFormula } from '../../store/csv-export.ts';

export const ROW_HEADER = 'Row';
export const REASON_HEADER = 'Reason';

export interface ProblemCsvWriter {
  add(batch: readonly CheckedLead[]): Promise<void>;
  /** Rows written so far. */
  readonly rows: number;
  close(): Promise<void>;
  /** Stops writing (the file is left incomplete: the caller removes it). */
  destroy(): void;
}

/** `columns`: the file's cell keys in column order (lead-check.ts cellKeysFor). */
export function createProblemCsvWriter(path: string, columns: readonly string[]): ProblemCsvWriter {
  const out = createWriteStream(path, { mode: 0o600 });
  let rows = 0;
  let headerWritten = false;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  return {
    get rows() {
      return rows;
    },
    async add(batch) {
      const data: string[][] = [];
      for (const lead of batch) {
        if (lead.document !== null) continue;
        // Cells past the header of a ragged row are kept under "(column D)" keys: they go last.
        const extra = Object.keys(lead.cells).filter((k) => !columns.includes(k));
        data.push(
          [
            String(lead.row),
            ...columns.map((c) => lead.cells[c] ?? ''),
            ...extra.map((k) => lead.cells[k] ?? ''),
            lead.problems.map((p) => p.message).join(' '),
          ].map(neutraliseFormula),
        );
      }
      if (data.length === 0 && headerWritten) return;
      // A UTF-8 byte-order mark, so Excel reads non-ASCII names correctly.
      const head = headerWritten
        ? ''
        : '\uFEFF' +
          Papa.unparse([[ROW_HEADER, ...columns, REASON_HEADER].map(neutraliseFormula)], {
            newline: '\r\n',
          }) +
          '\r\n';
      headerWritten = true;
      const body =
        data.length === 0 ? '' : Papa.unparse(data, { newline: '\r\n', escapeFormulae: false }) + '\r\n';
      rows += data.length;
      await write(head + body);
    },
    async close() {
      if (!headerWritten) await this.add([]);
      out.end();
      await once(out, 'finish');
    },
    destroy() {
      out.destroy();
    },
  };
}
