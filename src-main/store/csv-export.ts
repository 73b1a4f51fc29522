// CSV export of the current filtered view. Papa Parse writes RFC 4180 (quotes doubled, fields
// with commas, quotes or line breaks quoted, CRLF rows). Cells a spreadsheet would run as a
// formula get a leading single quote (OWASP "CSV injection"): a lead's name or a transcript line
// is attacker-controlled text. Values read as on screen: statuses in words, agents by name (and
// handle), times in the user's zone with their offset, costs with the per-call rule.
import Papa from 'papaparse';
import { callCostAmount } from '../shared/cost.ts';
import { toIsoWithOffset } from '../shared/iso-time.ts';
import { statusLabel } from '../shared/task-status.ts';
import type { TaskListRow } from './task-queries.ts';

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => unknown;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, so Excel reads non-ASCII names correctly. */
  bom?: boolean;
  /** Start with the header row (default true); an export written in chunks has it in the first only. */
  header?: boolean;
}

// What OWASP and ASVS list as formula starts (= + - @, tab, CR, NUL), a line feed, and the
// full-width forms some spreadsheets normalise to ASCII; also after leading spaces, which some
// spreadsheets trim on import. Only the start matters: a formula after a line break inside a
// quoted cell is still the same cell's text.
const FORMULA_START = /^[ \n\0]*[=+\-@\t\r\0\uFF1D\uFF0B\uFF0D\uFF20]/;
// Cells that start like a formula but are data: a phone number (+ then digits, spaces, dashes,
// parentheses) or a plain negative amount. Without letters, `!`, `|`, `:` or quotes there is no
// function, cell reference or DDE call, so the most a spreadsheet could do is arithmetic, and the
// file must go back into a CRM, a dialer or this app's import unchanged.
const PHONE_NUMBER = /^\+[\d ()-]*\d[\d ()-]*$/;
const NEGATIVE_AMOUNT = /^-\d+(?:\.\d+)?$/;

/** The text as it goes into a cell: prefixed with ' when a spreadsheet would run it. */
export function neutraliseFormula(text: string): string {
  if (!FORMULA_START.test(text)) return text;
  if (PHONE_NUMBER.test(text) || NEGATIVE_AMOUNT.test(text)) return text;
  return `'${text}`;
}

const plain = (value: unknown): string | number => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map((v) => String(plain(v))).join('; ');
  return String(value);
};

const cell = (value: unknown): string | number => {
  const v = plain(value);
  return typeof v === 'string' ? neutraliseFormula(v) : v;
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
    // Formulas are neutralised above (Papa's own check cannot tell a phone number from one).
    { escapeFormulae: false, newline: '\r\n', header: options.header ?? true },
  );
  return (options.bom ? '\uFEFF' : '') + csv;
}

export interface TaskCsvContext {
  /** Agent handle → name, from the agent list last loaded; an agent not in it gets its handle only. */
  agentNames: ReadonlyMap<string, string>;
  /** The IANA time zone the times are written in (the user's), with its offset. */
  timeZone: string;
}

/** The task list's columns, in the order the list shows them, read as the screen shows them. */
export function taskCsvColumns({ agentNames, timeZone }: TaskCsvContext): readonly CsvColumn<TaskListRow>[] {
  return [
    { header: 'Name', value: (r) => r.name },
    { header: 'Contact number', value: (r) => r.contactNumber },
    { header: 'Email', value: (r) => r.email },
    { header: 'Company', value: (r) => r.company },
    { header: 'Status', value: (r) => statusLabel(r.status) },
    { header: 'Outcome', value: (r) => r.outcomeStatus },
    { header: 'Labels', value: (r) => r.labels },
    { header: 'Agent', value: (r) => (r.assignee === null ? null : agentNames.get(r.assignee)) },
    { header: 'Agent handle', value: (r) => r.assignee },
    { header: 'Type', value: (r) => r.executionType },
    { header: 'Created', value: (r) => toIsoWithOffset(r.createdAt, timeZone) },
    { header: 'Duration (s)', value: (r) => r.duration },
    { header: 'Cost (USD)', value: (r) => callCostAmount(r.cost) },
    { header: 'Recording', value: (r) => r.hasRecording },
    { header: 'Task id', value: (r) => r.id },
  ];
}
