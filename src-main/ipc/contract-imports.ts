// The lead import's part of the IPC contract: starting an import from a read file, steering it
// (pause, resume, cancel), its history and rows, retrying and resolving rows, and "New call" (one
// lead typed by hand, sent through the same journal as a one-row import). Spread into `channels`
// and `events` of contract.ts. This module must not import values from contract.ts (contract.ts
// imports it, and a cycle would read its schemas before they exist): only types.
import { z } from 'zod';
import { isTimeZone } from '../shared/iso-time.ts';
import { importPreviewSettingsSchema } from './contract-import-files.ts';
import type { ErrorCode } from './contract.ts';

// The same shape as contract.ts's ChannelDef (kept apart because of the import cycle).
const channel = <I extends z.ZodType, O extends z.ZodType>(def: {
  input: I;
  output: O;
  errors: readonly ErrorCode[];
}) => def;

const importIdSchema = z.string().min(1).max(64);

/** When the calls run: now, in the agent's calling window (auto), or at a local date and time. */
export const importScheduleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('now') }).strict(),
  z.object({ type: z.literal('auto') }).strict(),
  z
    .object({
      type: z.literal('custom'),
      /** The user's local date, YYYY-MM-DD. */
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is written YYYY-MM-DD.'),
      /** The user's local time, HH:MM (24 hours). */
      time: z.string().regex(/^\d{2}:\d{2}$/, 'A time is written HH:MM.'),
      /** The IANA zone the date and time are in (the user's, shown beside the time). */
      timeZone: z.string().max(100).refine(isTimeZone, 'Not a known time zone.'),
    })
    .strict(),
]);
export type ImportSchedule = z.infer<typeof importScheduleSchema>;

/** Where and how the leads are called. The service checks the agent and the time. */
export const importLaunchSchema = z
  .object({
    /** An agent that can take calls (published); a draft is refused with a reason. */
    agentHandle: z.string().min(1).max(200),
    /** The space the tasks are created in. */
    spaceToken: z.string().min(1).max(200),
    /** The shared context every call of this import gets (the task's objective). */
    context: z.string().trim().min(1, 'Write what the calls are about (the shared context).').max(10_000),
    schedule: importScheduleSchema,
  })
  .strict();
export type ImportLaunch = z.infer<typeof importLaunchSchema>;

/**
 * The reading settings of the file (encoding, delimiter, mapping, default country, duplicates):
 * the preview's, as the file-reading side defines them (contract-import-files.ts), so what is
 * sent is what the preview showed.
 */
export const importReadingSettingsSchema = importPreviewSettingsSchema;
export type ImportReadingSettings = z.input<typeof importReadingSettingsSchema>;

export const importStateSchema = z.enum(['running', 'paused', 'cancelled', 'finished']);
export type ImportState = z.infer<typeof importStateSchema>;

/**
 * A row's place in the journal. planned → sending → created | rejected | unknown; unknown →
 * created or not_created after reconciliation (not_created rows are sent again while the import
 * runs); skipped: never sent (a problem, a duplicate, or the user said not to send it).
 */
export const importRowStateSchema = z.enum([
  'planned',
  'sending',
  'created',
  'rejected',
  'unknown',
  'not_created',
  'skipped',
]);
export type ImportRowState = z.infer<typeof importRowStateSchema>;

export const importCountsSchema = z.object({
  total: z.number().int(),
  planned: z.number().int(),
  sending: z.number().int(),
  created: z.number().int(),
  rejected: z.number().int(),
  unknown: z.number().int(),
  notCreated: z.number().int(),
  skipped: z.number().int(),
  /** Unknown rows whose reconciliation gave up: the user decides (imports.resolve). */
  undecided: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

/** Why a running import is not sending right now. */
export const importWaitSchema = z.object({
  reason: z.enum(['offline', 'rate_limited', 'reconciling']),
  /** Epoch ms when sending resumes, when known. */
  until: z.number().nullable(),
});

export const importSummarySchema = z.object({
  id: importIdSchema,
  /** A file import, or one call entered by hand ("New call"). */
  kind: z.enum(['file', 'single']),
  spaceToken: z.string(),
  agentHandle: z.string(),
  context: z.string(),
  schedule: importScheduleSchema,
  /** The file's name, or "New call". */
  sourceName: z.string(),
  /** Epoch ms. */
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  state: importStateSchema,
  /** Why the import stopped by itself (paused: token refused, agent refused, …), or null. */
  message: z.string().nullable(),
  counts: importCountsSchema,
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importProgressSchema = z.object({
  importId: importIdSchema,
  state: importStateSchema,
  /** Rows whose request has been answered or reconciled (created + rejected). */
  sent: z.number().int(),
  /** Rows that will be sent in all (total minus skipped). */
  total: z.number().int(),
  created: z.number().int(),
  /** Rows with a problem so far: rejected by the platform, undecided, or skipped for a problem. */
  problems: z.number().int(),
  /** Rows per second over the last seconds; null before there is a measure. */
  ratePerSecond: z.number().nullable(),
  /** Seconds until the last row is sent at that rate; null when unknown. */
  secondsLeft: z.number().nullable(),
  waiting: importWaitSchema.nullable(),
  message: z.string().nullable(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const importRowSchema = z.object({
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  state: importRowStateSchema,
  name: z.string().nullable(),
  contactNumber: z.string().nullable(),
  documentId: z.string().nullable(),
  taskId: z.string().nullable(),
  runId: z.string().nullable(),
  /** The platform's reason (rejected), the problem (skipped), or what reconciliation found. */
  reason: z.string().nullable(),
  /** How many times the row's request left the app. */
  attempts: z.number().int(),
  /** Epoch ms of the last send, or null. */
  sentAt: z.number().nullable(),
  /** Unknown and reconciliation gave up: waiting for the user's choice. */
  undecided: z.boolean(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

/** Fails where the workspace or the platform can (starting, New call). */
const sendErrors = [
  'not_signed_in',
  'no_organization',
  'not_found',
  'bad_request',
  'business',
  'unauthorized',
  'forbidden',
  'network',
  'timeout',
  'server',
  'rate_limited',
  'invalid_response',
  'cancelled',
] as const satisfies readonly ErrorCode[];
const journalErrors = ['not_signed_in', 'not_found', 'bad_request'] as const satisfies readonly ErrorCode[];

/** One lead typed by hand: the document fields, the number as the user wrote it. */
export const manualLeadSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter the name of the person to call.').max(500),
    contactNumber: z.string().trim().min(1, 'Enter the number to call.').max(100),
    alternateNumber: z.string().trim().max(100).optional(),
    email: z.string().trim().max(500).optional(),
    companyName: z.string().trim().max(500).optional(),
    occupation: z.string().trim().max(500).optional(),
    address: z.string().trim().max(2000).optional(),
    about: z.string().trim().max(10_000).optional(),
    /** This lead's own context (beside the launch's shared context). */
    context: z.string().trim().max(10_000).optional(),
    labels: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  })
  .strict();
export type ManualLead = z.infer<typeof manualLeadSchema>;

export const importChannels = {
  /** Reads the file source into the journal, then sends it; answers once the rows are in the journal. */
  'imports.start': channel({
    input: z
      .object({
        sourceId: z.string().min(1).max(200),
        reading: importReadingSettingsSchema.prefault({ duplicates: 'skip', windowDays: 30 }),
        launch: importLaunchSchema,
      })
      .strict(),
    output: importSummarySchema,
    errors: sendErrors,
  }),
  'imports.pause': channel({
    input: z.object({ importId: importIdSchema }).strict(),
    output: importSummarySchema,
    errors: journalErrors,
  }),
  'imports.resume': channel({
    input: z.object({ importId: importIdSchema }).strict(),
    output: importSummarySchema,
    errors: journalErrors,
  }),
  /** Stops sending: rows already sent stay (calls cannot be unsent); the rest are never sent. */
  'imports.cancel': channel({
    input: z.object({ importId: importIdSchema }).strict(),
    output: importSummarySchema,
    errors: journalErrors,
  }),
  /** The history, newest first, with counts. */
  'imports.list': channel({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(importSummarySchema),
    errors: ['not_signed_in'],
  }),
  'imports.get': channel({
    input: z.object({ importId: importIdSchema }).strict(),
    output: importSummarySchema,
    errors: journalErrors,
  }),
  /** The rows of an import in file order, paged, optionally only some states. */
  'imports.rows': channel({
    input: z
      .object({
        importId: importIdSchema,
        states: z.array(importRowStateSchema).max(7).default([]),
        /** Only rows waiting for the user's choice. */
        undecidedOnly: z.boolean().default(false),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.object({ rows: z.array(importRowSchema), total: z.number().int() }),
    errors: journalErrors,
  }),
  /** "Send the failed rows again": rejected and not-created rows go back to planned; the import runs. */
  'imports.retryFailed': channel({
    input: z.object({ importId: importIdSchema }).strict(),
    output: importSummarySchema,
    errors: journalErrors,
  }),
  /**
   * The user's choice for undecided rows (unknown after every reconciliation try): send them
   * again (accepting a possible second call) or mark them not to send.
   */
  'imports.resolve': channel({
    input: z
      .object({
        importId: importIdSchema,
        /** Row numbers; empty: every undecided row of the import. */
        rows: z.array(z.number().int().positive()).max(100_000).default([]),
        action: z.enum(['send_again', 'do_not_send']),
      })
      .strict(),
    output: importSummarySchema,
    errors: journalErrors,
  }),
  /** "New call": one lead entered by hand, checked like a file's row, sent as a one-row import. */
  'calls.create': channel({
    input: z
      .object({
        lead: manualLeadSchema,
        /** ISO 3166 country for numbers written without +country code (e.g. "IN", "US"). */
        defaultCountry: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .optional(),
        launch: importLaunchSchema,
      })
      .strict(),
    output: importSummarySchema,
    errors: sendErrors,
  }),
} as const;

export const importEvents = {
  /** A running import's progress (a few times a second at most), and every change of state. */
  'imports.progress': importProgressSchema,
  /** An import ended: every row is settled (finished) or the user cancelled it. */
  'imports.finished': importSummarySchema,
} as const;
