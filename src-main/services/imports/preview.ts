// The preview of a lead file: one full read (in the read worker) summed up as the supervisor
// sees it before anything is sent: counts, the first rows as they will be sent, and the rows
// with problems (kept up to a limit for paging; the export re-reads the file for all of them).
import { isSendable, type CheckedLead } from '../../imports/checked-lead.ts';
import type { ImportCounts, ImportPreview } from '../../ipc/contract-import-files.ts';
import type { FileLayout, FileProblem } from '../../imports/read/settings.ts';

export const FIRST_ROWS = 10;
/** Duplicate rows listed for the skip-or-keep choice. */
export const LISTED_DUPLICATES = 100;
/** Problem rows kept for paging; a file with more says `truncated`. */
export const KEPT_PROBLEM_ROWS = 10_000;

export type PreviewSummary = Omit<ImportPreview, 'source' | 'country' | 'countrySource' | 'problems'> & {
  problemRows: ImportPreview['problems']['items'];
  truncated: boolean;
};

export function createPreviewTally(duplicates: 'skip' | 'keep') {
  const counts: ImportCounts = {
    rows: 0,
    ready: 0,
    withProblems: 0,
    duplicates: 0,
    duplicatesInFile: 0,
    duplicatesCalled: 0,
  };
  const firstRows: PreviewSummary['firstRows'] = [];
  const duplicateRows: PreviewSummary['duplicateRows'] = [];
  const problemRows: PreviewSummary['problemRows'] = [];
  let truncated = false;
  return {
    add(batch: readonly CheckedLead[]): void {
      for (const lead of batch) {
        counts.rows++;
        if (lead.document === null) {
          counts.withProblems++;
          if (problemRows.length < KEPT_PROBLEM_ROWS) {
            problemRows.push({ row: lead.row, problems: lead.problems, cells: lead.cells });
          } else truncated = true;
          continue;
        }
        if (lead.duplicate !== null) {
          counts.duplicates++;
          if (duplicateRows.length < LISTED_DUPLICATES) {
            duplicateRows.push({ row: lead.row, document: lead.document, duplicate: lead.duplicate });
          }
          if (lead.duplicate.kind === 'file') counts.duplicatesInFile++;
          else counts.duplicatesCalled++;
        }
        if (isSendable(lead, duplicates)) counts.ready++;
        if (firstRows.length < FIRST_ROWS) {
          firstRows.push({ row: lead.row, document: lead.document, duplicate: lead.duplicate });
        }
      }
    },
    summary(layout: FileLayout | null, notices: string[], problem: FileProblem | null): PreviewSummary {
      return {
        layout,
        notices,
        problem,
        counts: { ...counts },
        firstRows,
        duplicateRows,
        problemRows,
        truncated,
      };
    },
  };
}
