// What reading a lead file hands to the import journal: one checked lead per data row of the
// file, in file order. Reading (decode, parse, map, validate, find duplicates) and sending (the
// journal, batches, reconciliation) meet here and nowhere else, so each side can change without
// the other. Pure types and schemas: safe for main, the workers and (as types) the renderer.
import { z } from 'zod';

/** The document fields a column can be mapped onto (the Tasks API's document object). */
export const leadFieldNames = [
  'name',
  'contact_number',
  'alternate_number',
  'email',
  'occupation',
  'company_name',
  'address',
  'about',
  'context',
  'labels',
  'title',
  'description',
] as const;
export const leadFieldSchema = z.enum(leadFieldNames);
export type LeadField = z.infer<typeof leadFieldSchema>;

/**
 * A lead exactly as it will be sent (before the journal adds its `document_id`): numbers in
 * E.164, labels split, empty optional fields left out. `extra` holds the columns the user chose to
 * keep that map onto no documented field (sent as further document fields, which the platform
 * keeps in the task's input).
 */
export const leadDocumentSchema = z
  .object({
    name: z.string().min(1),
    contact_number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164'),
    alternate_number: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'E.164')
      .optional(),
    email: z.string().optional(),
    occupation: z.string().optional(),
    company_name: z.string().optional(),
    address: z.string().optional(),
    about: z.string().optional(),
    context: z.string().optional(),
    labels: z.array(z.string()).optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    extra: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type LeadDocument = z.infer<typeof leadDocumentSchema>;

/** Why a row cannot be sent as it is (shown with its row number, exported with the row). */
export const leadProblemSchema = z.object({
  /** The field at fault; null for a problem of the whole row (ragged, empty). */
  field: leadFieldSchema.nullable(),
  /** The file's column the value came from, as its header says; null when none. */
  column: z.string().nullable(),
  /** Stable code (e.g. phone_invalid, phone_scientific, phone_extension, phone_missing, email_shape, row_ragged). */
  code: z.string().min(1),
  /** A sentence for the supervisor: what is wrong and how to fix it. */
  message: z.string().min(1),
});
export type LeadProblem = z.infer<typeof leadProblemSchema>;

export const leadDuplicateSchema = z.discriminatedUnion('kind', [
  /** The same E.164 number on an earlier row of this file. */
  z.object({ kind: z.literal('file'), row: z.number().int().positive() }),
  /** The same number was called in this space within the window the user chose. */
  z.object({ kind: z.literal('cache'), taskId: z.string(), created: z.string().nullable() }),
]);
export type LeadDuplicate = z.infer<typeof leadDuplicateSchema>;

export const checkedLeadSchema = z.object({
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: z.number().int().positive(),
  /** The cells as read, by header, so a problem row can be exported to fix and import again. */
  cells: z.record(z.string(), z.string()),
  /** Null when a problem stops the row from being sent. */
  document: leadDocumentSchema.nullable(),
  problems: z.array(leadProblemSchema),
  duplicate: leadDuplicateSchema.nullable(),
});
export type CheckedLead = z.infer<typeof checkedLeadSchema>;

/** Whether a checked lead goes to the platform, given the user's choice about duplicates. */
export function isSendable(lead: CheckedLead, duplicates: 'skip' | 'keep'): boolean {
  return lead.document !== null && (lead.duplicate === null || duplicates === 'keep');
}
