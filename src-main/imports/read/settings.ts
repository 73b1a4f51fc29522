// What the user can set when reading a lead file (encoding, delimiter, mapping, country,
// duplicates) and what reading found out about the file. Zod only, so the IPC contract can import
// it and the renderer gets its types without Node.
import { z } from 'zod';
import { leadFieldSchema } from '../checked-lead.ts';

export const encodingNames = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export const encodingSchema = z.enum(encodingNames);
export type FileEncoding = z.infer<typeof encodingSchema>;

export const delimiterChars = [',', ';', '\t', '|'] as const;
export const delimiterSchema = z.enum(delimiterChars);
export type Delimiter = z.infer<typeof delimiterSchema>;

/**
 * Where a column's cells go: a document field; the first or last part of `name` (joined with a
 * space); `extra` (kept under the column's header as a further document field, which the platform
 * keeps in the task's input); or `ignore` (not sent).
 */
export const columnTargetSchema = z.union([
  leadFieldSchema,
  z.enum(['first_name', 'last_name', 'extra', 'ignore']),
]);
export type ColumnTarget = z.infer<typeof columnTargetSchema>;

/** ISO 3166-1 alpha-2, as libphonenumber-js names countries. */
export const countrySchema = z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as IN or US');

export const duplicateChoiceSchema = z.enum(['skip', 'keep']);

export const readSettingsSchema = z
  .object({
    /** Absent: detected (byte-order mark, else strict UTF-8, else Windows-1252). */
    encoding: encodingSchema.optional(),
    /** Absent: detected among comma, semicolon, tab and pipe. */
    delimiter: delimiterSchema.optional(),
    /** One target per column, in the file's column order. Absent: mapped from the headers. */
    mapping: z.array(columnTargetSchema).max(1000).optional(),
    /** The country of numbers written without a +country code. */
    country: countrySchema,
    /** Same number called in this space within this many days counts as a duplicate (0: not looked up). */
    windowDays: z.number().int().min(0).max(365).default(30),
  })
  .strict();
export type ReadSettings = z.input<typeof readSettingsSchema>;
export type ParsedReadSettings = z.output<typeof readSettingsSchema>;

/** What reading found out before the rows: shown in the preview, and used for every later pass. */
export const fileLayoutSchema = z.object({
  encoding: encodingSchema,
  /** How the encoding was chosen; `fallback` means the file was not valid UTF-8 (a notice says so). */
  encodingSource: z.enum(['bom', 'utf-8', 'fallback', 'user']),
  delimiter: delimiterSchema,
  delimiterSource: z.enum(['detected', 'user']),
  headers: z.array(z.string()),
  mapping: z.array(columnTargetSchema),
  mappingSource: z.enum(['headers', 'user']),
});
export type FileLayout = z.infer<typeof fileLayoutSchema>;

/** A problem of the whole file: nothing can be read until it is fixed (or a setting changed). */
export const fileProblemCodes = [
  'not_csv', // a workbook, archive, PDF or image
  'empty', // no bytes, or only blank lines
  'header_only', // a header and no data rows
  'unclosed_quote', // a quote that never closes
  'duplicate_headers', // two columns with the same name, both imported
  'mapping', // the mapping does not fit the file (length, no phone column, a field twice)
  'unreadable', // the file could not be read (removed, no permission)
] as const;
export const fileProblemSchema = z.object({
  code: z.enum(fileProblemCodes),
  message: z.string(),
  /** The text line where the problem starts (unclosed quote), 1-based. */
  line: z.number().int().positive().optional(),
  /** The columns concerned (duplicate headers), 0-based. */
  columns: z.array(z.number().int().nonnegative()).optional(),
});
export type FileProblem = z.infer<typeof fileProblemSchema>;
