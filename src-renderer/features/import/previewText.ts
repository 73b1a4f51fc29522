// Words of the preview: the summary's counts, a lead's fields as they will be sent, a problem.
import type { LeadDocument, LeadDuplicate, LeadProblem } from '../../../src-main/imports/checked-lead.ts';
import type { ImportPreview } from '../../stores/importReading.ts';
import { fieldLabels } from './fieldLabels.ts';

const count = (n: number, one: string, many: string = `${one}s`) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "120 rows: 100 ready, 15 with problems, 5 duplicates (skipped)". */
export function summaryParts(
  counts: ImportPreview['counts'],
  duplicates: 'skip' | 'keep',
): { total: string; ready: string; problems: string; duplicates: string } {
  return {
    total: count(counts.rows, 'row'),
    ready: `${counts.ready.toLocaleString()} ready`,
    problems: `${counts.withProblems.toLocaleString()} with problems`,
    duplicates: `${count(counts.duplicates, 'duplicate')} (${duplicates === 'skip' ? 'skipped' : 'called'})`,
  };
}

/** The columns the first-rows table shows: the fields any of the rows will send, in document order. */
export function sentFields(rows: { document: LeadDocument }[]): (keyof LeadDocument)[] {
  const order = Object.keys(fieldLabels) as (keyof LeadDocument)[];
  const present = new Set<keyof LeadDocument>();
  for (const row of rows)
    for (const [key, value] of Object.entries(row.document))
      if (value !== undefined) present.add(key as keyof LeadDocument);
  const fields = order.filter((field) => present.has(field));
  return present.has('extra') ? [...fields, 'extra'] : fields;
}

export function fieldValue(document: LeadDocument, field: keyof LeadDocument): string {
  const value = document[field];
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([key, v]) => `${key}: ${v}`)
      .join('; ');
  return value;
}

export const fieldHeading = (field: keyof LeadDocument): string =>
  field === 'extra' ? 'Extra fields' : fieldLabels[field];

/** "Phone number (column "Mobile"): …". */
export function problemText(problem: LeadProblem): string {
  const where = problem.field
    ? `${fieldLabels[problem.field]}${problem.column ? ` (column “${problem.column}”)` : ''}: `
    : problem.column
      ? `Column “${problem.column}”: `
      : '';
  return `${where}${problem.message}`;
}

/** What happens to a sendable row: sent, or skipped as a duplicate (and of what). */
export function rowOutcome(duplicate: LeadDuplicate | null, duplicates: 'skip' | 'keep'): string {
  if (!duplicate) return 'Sent';
  const of =
    duplicate.kind === 'file' ? `Duplicate of row ${duplicate.row}` : 'Called in this space recently';
  return duplicates === 'skip' ? `${of}: skipped` : `${of}: sent anyway`;
}
