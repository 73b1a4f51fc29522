// A checked lead → the document the platform receives, with the app's per-row `document_id`.
// The id is what reconciliation finds the row by in the task's input, so it must be unique per
// row and stable across restarts: the import's id (random) and the row number.
import type { LeadDocument } from '../../imports/checked-lead.ts';

export const documentIdOf = (importId: string, row: number): string => `${importId}-${row}`;

/** Documented fields first; columns kept as they are go alongside (never over a documented one). */
export function wireDocument(document: LeadDocument, documentId: string): Record<string, unknown> {
  const { extra, ...fields } = document;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extra ?? {})) out[key] = value;
  Object.assign(out, fields);
  out.document_id = documentId;
  return out;
}
