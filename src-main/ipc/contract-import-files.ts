// The lead-file channels: staging a dropped or chosen file, the preview (layout, counts, first
// rows as they will be sent, problem rows), and exporting the rows with problems. Spread into
// `channels` in contract.ts. Zod only (plus the read settings, which are zod only), so the page's
// type imports bring no Node types along.
import { z } from 'zod';
import type { ErrorCode, IpcResult } from './contract.ts';
import { leadDocumentSchema, leadDuplicateSchema, leadProblemSchema } from '../imports/checked-lead.ts';
import {
  columnTargetSchema,
  countrySchema,
  delimiterSchema,
  duplicateChoiceSchema,
  encodingSchema,
  fileLayoutSchema,
  fileProblemSchema,
} from '../imports/read/settings.ts';

const channel = <I extends z.ZodType, O extends z.ZodType>(def: {
  input: I;
  output: O;
  errors: readonly ErrorCode[];
}) => def;

export const sourceIdSchema = z.uuid();

/** A file main can read for an import, by its id (the path stays in main). */
export const stagedFileSchema = z.object({
  sourceId: sourceIdSchema,
  /** The file's name as the user knows it. */
  name: z.string(),
  size: z.number().int().nonnegative(),
});
export type StagedFile = z.infer<typeof stagedFileSchema>;

/** What the user set in the preview; what is left out is detected (or the profile's country). */
export const importPreviewSettingsSchema = z
  .object({
    encoding: encodingSchema.optional(),
    delimiter: delimiterSchema.optional(),
    mapping: z.array(columnTargetSchema).max(1000).optional(),
    /** Given: used and remembered as the profile's default country. Absent: the profile's, else the system's. */
    country: countrySchema.optional(),
    /** Leads already called in the space, or twice in the file: skipped (default) or sent anyway. */
    duplicates: duplicateChoiceSchema.default('skip'),
    /** A call to the same number within this many days is a duplicate (0: do not look). */
    windowDays: z.number().int().min(0).max(365).default(30),
  })
  .strict();
export type ImportPreviewSettings = z.input<typeof importPreviewSettingsSchema>;

export const importCountsSchema = z.object({
  /** Data rows in the file (blank rows not counted). */
  rows: z.number().int().nonnegative(),
  /** Rows that will be sent with the duplicates choice. */
  ready: z.number().int().nonnegative(),
  /** Rows that cannot be sent as they are (listed in `problems`). */
  withProblems: z.number().int().nonnegative(),
  /** Sendable rows that are duplicates (skipped or sent, per the choice). */
  duplicates: z.number().int().nonnegative(),
  duplicatesInFile: z.number().int().nonnegative(),
  duplicatesCalled: z.number().int().nonnegative(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importPreviewSchema = z.object({
  source: stagedFileSchema,
  /** The country numbers without a + were read for, and where it came from. */
  country: z.string(),
  countrySource: z.enum(['user', 'profile', 'system']),
  /** Null when the file could not be read at all (not a CSV, empty). */
  layout: fileLayoutSchema.nullable(),
  notices: z.array(z.string()),
  /** What stops the import as a whole, or null. Rows read before it are still counted. */
  problem: fileProblemSchema.nullable(),
  counts: importCountsSchema,
  /** The first sendable rows, each document exactly as it will be sent. */
  firstRows: z.array(
    z.object({
      row: z.number().int(),
      document: leadDocumentSchema,
      duplicate: leadDuplicateSchema.nullable(),
    }),
  ),
  /** The first duplicate rows (sendable rows whose number was in the file before, or called lately), in file order. */
  duplicateRows: z.array(
    z.object({
      row: z.number().int().positive(),
      document: leadDocumentSchema,
      duplicate: leadDuplicateSchema,
    }),
  ),
  /** The rows with problems, a page of them, in file order. */
  problems: z.object({
    total: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    items: z.array(
      z.object({
        row: z.number().int().positive(),
        problems: z.array(leadProblemSchema),
        cells: z.record(z.string(), z.string()),
      }),
    ),
    /** More rows have problems than the preview keeps for paging (the export has them all). */
    truncated: z.boolean(),
  }),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const problemExportSchema = z.object({
  /** Rows written (rows with problems). */
  rows: z.number().int().nonnegative(),
  fileName: z.string(),
  /** Electron: where the user saved it; null when they cancelled the dialog (or in the web host). */
  savedTo: z.string().nullable(),
  /** The web host: the same-origin address that downloads the file once; null in Electron. */
  downloadUrl: z.string().nullable(),
});
export type ProblemExport = z.infer<typeof problemExportSchema>;

export const importFileChannels = {
  /** Electron: the path of a dropped or chosen file (from the preload), checked and staged. The web host refuses it. */
  'imports.stagePath': channel({
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: stagedFileSchema,
    errors: ['not_found', 'bad_request'],
  }),
  /** The preview of a staged file with these settings. A newer preview of the same file cancels this one. */
  'imports.preview': channel({
    input: z
      .object({
        sourceId: sourceIdSchema,
        settings: importPreviewSettingsSchema.default({ duplicates: 'skip', windowDays: 30 }),
        problemsOffset: z.number().int().nonnegative().default(0),
        problemsLimit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: importPreviewSchema,
    errors: ['not_found', 'cancelled'],
  }),
  /** The rows with problems as a CSV (formula-safe, a Reason column) to fix and import again. */
  'imports.exportProblems': channel({
    input: z
      .object({
        sourceId: sourceIdSchema,
        settings: importPreviewSettingsSchema.default({ duplicates: 'skip', windowDays: 30 }),
      })
      .strict(),
    output: problemExportSchema,
    errors: ['not_found', 'bad_request'],
  }),
  /** Forgets a staged file (its temporary copy is removed). */
  'imports.release': channel({
    input: z.object({ sourceId: sourceIdSchema }).strict(),
    output: z.null(),
    errors: [],
  }),
} as const;

/** A file as the page holds it (a DOM File); structural, so main's side type-checks without the DOM. */
export interface PageFile extends Blob {
  readonly name: string;
}

/**
 * The host-specific half of importing a file, on `window.unpodFiles` (set by each preload), so
 * the page does not care which host it is in. Electron: the preload turns the File into its path
 * (webUtils.getPathForFile) and main stages it; web host: the page streams it to the host.
 */
export interface UnpodFiles {
  /** Stages a dropped or chosen file for import. */
  stage(file: PageFile): Promise<IpcResult<StagedFile>>;
  /** Exports the rows with problems: Electron shows a save dialog; the browser downloads the file. */
  exportProblems(
    input: z.input<(typeof importFileChannels)['imports.exportProblems']['input']>,
  ): Promise<IpcResult<ProblemExport>>;
}
