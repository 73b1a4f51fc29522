// CSV export of the current filtered view. Papa Parse writes RFC 4180 (quotes doubled, fields
// with commas, quotes or line breaks quoted, CRLF rows). Cells a spreadsheet would run as a
// formula (starting with = + - @, tab or CR) get a leading single quote (OWASP "CSV injection"):
// a lead's name or a transcript line is attacker-controlled text.
import Papa from 'papaparse';
import type { TaskListRow } from './task-queries.ts';

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => unknown;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, so Excel reads non-ASCII names correctly. */
  bom?: boolean;
}

// Papa Parse's built-in `escapeFormulae: true` uses /^[=+\-@\t\r].*$/, which misses a cell whose
// formula is followed by a line break ("." does not match "\n"). Only the first character matters.
// The full-width forms are included because some spreadsheets normalise them to ASCII.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

const cell = (value: unknown): string | number => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map((v) => String(cell(v))).join('; ');
  return String(value);
};

export function toCsv<Row>(
  rows: readonly Row[],
  columns: readonly CsvColumn<Row>[],
  options: CsvOptions = {},
): string {
  const csv = Papa.unparse(
    {
      fields: columns.map((c) => c.header),
      data: rows.map((row) => columns.map((c) => cell(c.value(row)))),
    },
    { escapeFormulae: FORMULA_START, newline: '\r\n', header: true },
  );
  return (options.bom ? '\uFEFF' : '') + csv;
}

/** The task list's columns, in the order the list shows them. */
export const TASK_CSV_COLUMNS: readonly CsvColumn<TaskListRow>[] = [
  { header: 'Name', value: (r) => r.name },
  { header: 'Contact number', value: (r) => r.contactNumber },
  { header: 'Email', value: (r) => r.email },
  { header: 'Company', value: (r) => r.company },
  { header: 'Status', value: (r) => r.status },
  { header: 'Outcome', value: (r) => r.outcomeStatus },
  { header: 'Labels', value: (r) => r.labels },
  { header: 'Agent', value: (r) => r.assignee },
  { header: 'Type', value: (r) => r.executionType },
  { header: 'Created', value: (r) => r.created },
  { header: 'Duration (s)', value: (r) => r.duration },
  { header: 'Cost (USD)', value: (r) => r.cost },
  { header: 'Recording', value: (r) => r.hasRecording },
  { header: 'Task id', value: (r) => r.id },
];
