// The words the Import page uses for the document fields a column can go to.
import type { LeadField } from '../../../src-main/imports/checked-lead.ts';
import type { ColumnTarget, Delimiter, FileEncoding } from '../../../src-main/imports/read/settings.ts';
import { LEAD_FIELD_LABELS } from '../../../src-main/shared/lead-field-labels.ts';

export const fieldLabels: Record<LeadField, string> = LEAD_FIELD_LABELS;

export const targetLabels: Record<ColumnTarget, string> = {
  ...fieldLabels,
  first_name: 'First name (part of Name)',
  last_name: 'Last name (part of Name)',
  extra: 'Keep as an extra field',
  ignore: 'Do not import',
};

/** The order the mapping's choices are offered in. */
export const targetOrder: readonly ColumnTarget[] = [
  'name',
  'first_name',
  'last_name',
  'contact_number',
  'alternate_number',
  'email',
  'company_name',
  'occupation',
  'title',
  'address',
  'about',
  'description',
  'context',
  'labels',
  'extra',
  'ignore',
];

export const encodingLabels: Record<FileEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)',
};

export const delimiterLabels: Record<Delimiter, string> = {
  ',': 'Comma (,)',
  ';': 'Semicolon (;)',
  '\t': 'Tab',
  '|': 'Pipe (|)',
};

// The renderer cannot import the reading side's zod lists (no schema code in the page), so the
// orders are written here; the Record types above fail to compile when a value is missing.
export const encodingOrder = Object.keys(encodingLabels) as FileEncoding[];
export const delimiterOrder = Object.keys(delimiterLabels) as Delimiter[];
