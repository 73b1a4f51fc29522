// One data row of the file → a checked lead: the document exactly as it will be sent, or the
// problems that stop it. Duplicates are found afterwards (by the reader across rows, and against
// the cached space in the main process).
import type { CountryCode } from 'libphonenumber-js/max';
import type { CheckedLead, LeadDocument, LeadField, LeadProblem } from '../checked-lead.ts';
import { columnLetter } from './header-mapping.ts';
import { checkPhone } from './phone-check.ts';
import type { ColumnTarget } from './settings.ts';

export interface RowContext {
  headers: readonly string[];
  mapping: readonly ColumnTarget[];
  country: CountryCode;
  /** Each column's key in `cells`: its header, or "Header (column D)" for a header another column also has. */
  cellKeys: readonly string[];
}

/** The key each column's cell is kept under: headers as written, told apart when they repeat. */
export function cellKeysFor(headers: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const h of headers) counts.set(h, (counts.get(h) ?? 0) + 1);
  return headers.map((h, i) =>
    h === '' || (counts.get(h) ?? 0) > 1 ? `${h || 'Column'} (column ${columnLetter(i)})`.trim() : h,
  );
}

// The shape the platform's own forms accept: something@something.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
// Labels in one cell: "vip, renewal" or "vip; renewal" or "vip|renewal".
const LABEL_SPLIT = /\s*[,;|]\s*/;

export function checkRow(cellsInRow: readonly string[], row: number, ctx: RowContext): CheckedLead {
  const { headers, mapping, cellKeys } = ctx;
  const cells: Record<string, string> = {};
  for (let i = 0; i < cellKeys.length; i++) cells[cellKeys[i]!] = cellsInRow[i] ?? '';
  const problems: LeadProblem[] = [];

  if (cellsInRow.length !== headers.length) {
    problems.push({
      field: null,
      column: null,
      code: 'row_ragged',
      message: `This row has ${cellsInRow.length} ${cellsInRow.length === 1 ? 'cell' : 'cells'} but the header has ${headers.length}: a delimiter is missing or extra, so its columns cannot be trusted.`,
    });
    // Cells past the header have no column to be kept under; the export shows them all.
    for (let i = headers.length; i < cellsInRow.length; i++)
      cells[`(column ${columnLetter(i)})`] = cellsInRow[i]!;
    return { row, cells, document: null, problems, duplicate: null };
  }

  let first = '';
  let last = '';
  let nameColumn: string | null = null;
  const doc: Partial<Record<Exclude<LeadField, 'labels'>, string>> & {
    labels?: string[];
    extra?: Record<string, string>;
  } = {};
  for (let i = 0; i < mapping.length; i++) {
    const target = mapping[i]!;
    const value = (cellsInRow[i] ?? '').trim();
    const header = headers[i] || `column ${columnLetter(i)}`;
    switch (target) {
      case 'ignore':
        break;
      case 'extra':
        if (value !== '') (doc.extra ??= {})[headers[i]!.trim()] = value;
        break;
      case 'first_name':
        first = value;
        nameColumn ??= header;
        break;
      case 'last_name':
        last = value;
        nameColumn ??= header;
        break;
      case 'name':
        doc.name = value;
        nameColumn = header;
        break;
      case 'contact_number':
      case 'alternate_number': {
        if (target === 'alternate_number' && value === '') break;
        const phone = checkPhone(value, ctx.country, header);
        if (phone.ok) doc[target] = phone.e164;
        else {
          const prefix = target === 'alternate_number' ? 'alternate_' : '';
          problems.push({
            field: target,
            column: header,
            code: `${prefix}${phone.code}`,
            message: target === 'alternate_number' ? `Alternate number: ${phone.message}` : phone.message,
          });
        }
        break;
      }
      case 'email':
        if (value === '') break;
        if (EMAIL.test(value)) doc.email = value;
        else {
          problems.push({
            field: 'email',
            column: header,
            code: 'email_shape',
            message: `“${value}” is not an email address (expected name@example.com).`,
          });
        }
        break;
      case 'labels': {
        const labels = value.split(LABEL_SPLIT).filter((l) => l !== '');
        if (labels.length > 0) doc.labels = labels;
        break;
      }
      default:
        if (value !== '') doc[target] = value;
    }
  }
  if (doc.name === undefined && (first !== '' || last !== ''))
    doc.name = [first, last].filter(Boolean).join(' ');
  if (!doc.name) {
    problems.push({
      field: 'name',
      column: nameColumn,
      code: 'name_missing',
      message: nameColumn === null ? 'No name in this row.' : `No name in “${nameColumn}”.`,
    });
  }
  if (problems.length > 0) return { row, cells, document: null, problems, duplicate: null };
  return { row, cells, document: doc as LeadDocument, problems, duplicate: null };
}

/** Whether a row is blank (an empty line, or only delimiters): skipped, not reported. */
export function isBlankRow(cellsInRow: readonly string[]): boolean {
  return cellsInRow.every((c) => c.trim() === '');
}
