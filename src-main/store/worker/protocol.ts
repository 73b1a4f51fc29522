// The messages between the store's client (main thread) and its two worker threads. Requests are
// built by the client from typed methods (StoreMethods), so they are right by construction; what
// comes back from a worker is checked against workerMessageSchema before the client acts on it.
import { z } from 'zod';
import type { ImportJournalReader, ImportJournalWriter } from '../import-journal.ts';
import type { CacheScope } from '../scope.ts';
import type { SyncState, SyncStateUpdate } from '../sync-state.ts';
import type { TaskFilter } from '../task-filter.ts';
import type {
  FacetCount,
  GetTaskResult,
  NonFinalTask,
  OverviewOptions,
  TaskOverview,
  TaskPage,
  TaskQuery,
} from '../task-queries.ts';
import type { RecentCallRow } from '../recent-calls.ts';
import type { Task } from '../task-shape.ts';
import type { UpsertCounts } from '../task-writes.ts';

/** The writer owns the file (migrations, recovery, writes, indexing); the reader only reads. */
export type WorkerRole = 'writer' | 'reader';

/** A repository's methods as worker calls: their arguments and results. */
type AsCalls<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? { args: A; result: R } : never;
};
/** The import journal's writes (import-journal.ts), answered by the writer. */
type JournalWriterOnly = Omit<ImportJournalWriter, keyof ImportJournalReader>;
export const JOURNAL_WRITER_METHODS = [
  'importCreate',
  'importAppendRows',
  'importSetState',
  'importClaimBatch',
  'importSettleRows',
  'importReconcileTried',
  'importRecoverAfterStart',
  'importRetryFailed',
  'importResolve',
  'importRowsInState',
] as const satisfies readonly (keyof JournalWriterOnly)[];
// Compile-time proof that every journal write is listed above (so it goes to the writer).
const _allJournalWritesListed: [
  Exclude<keyof JournalWriterOnly, (typeof JOURNAL_WRITER_METHODS)[number]>,
] extends [never]
  ? true
  : false = true;

/** Every call a worker answers: its arguments and its result. */
export interface StoreMethods extends AsCalls<ImportJournalReader>, AsCalls<JournalWriterOnly> {
  // reader
  queryTasks: { args: [TaskQuery]; result: TaskPage };
  countByStatus: { args: [TaskFilter]; result: FacetCount[] };
  countByLabel: { args: [TaskFilter]; result: FacetCount[] };
  countByOutcomeStatus: { args: [TaskFilter]; result: FacetCount[] };
  countByAgent: { args: [TaskFilter]; result: FacetCount[] };
  countByExecutionType: { args: [TaskFilter]; result: FacetCount[] };
  getTask: { args: [string]; result: GetTaskResult };
  overview: { args: [TaskFilter, OverviewOptions | undefined]; result: TaskOverview };
  listNonFinal: { args: [CacheScope]; result: NonFinalTask[] };
  listTaskIds: { args: [CacheScope]; result: string[] };
  getSyncState: { args: [CacheScope]; result: SyncState | null };
  listSyncStates: { args: []; result: SyncState[] };
  searchBacklog: { args: []; result: number };
  recentCalls: { args: [string, number]; result: RecentCallRow[] };
  /** For tests: holds the reader's thread for `ms` milliseconds. */
  sleep: { args: [number]; result: null };
  // writer
  upsertTasks: { args: [readonly Task[], CacheScope]; result: UpsertCounts };
  deleteTasks: { args: [readonly string[]]; result: number };
  setSyncState: { args: [CacheScope, SyncStateUpdate]; result: SyncState };
  clearSyncState: { args: [CacheScope]; result: null };
  /** For tests: holds a write transaction open for `ms` milliseconds. */
  holdWriteTransaction: { args: [number]; result: null };
}
export type StoreMethod = keyof StoreMethods;

export const WRITER_METHODS = new Set<StoreMethod>([
  'upsertTasks',
  'deleteTasks',
  'setSyncState',
  'clearSyncState',
  'holdWriteTransaction',
  ...JOURNAL_WRITER_METHODS,
]);

export type ClientMessage =
  | { type: 'call'; id: number; method: StoreMethod; args: unknown[] }
  /** The caller no longer wants the answer: skipped if it has not started. */
  | { type: 'cancel'; id: number }
  /** Finish, close the connection (the writer checkpoints the WAL), then say `closed`. */
  | { type: 'close' };

export interface WorkerData {
  role: WorkerRole;
  path: string;
  quickCheck: boolean;
}

const openInfoSchema = z.object({
  recovered: z.boolean(),
  movedTo: z.string().nullable(),
  reason: z.string().nullable(),
  migrationsApplied: z.array(z.number().int()),
});
export type OpenInfo = z.infer<typeof openInfoSchema>;

export const workerMessageSchema = z.discriminatedUnion('type', [
  /** The connection is open (the writer: checked, migrated, recovered if need be). */
  z.object({ type: z.literal('ready'), open: openInfoSchema.nullable() }),
  /** Opening failed for a reason moving the file would not fix (locked, no permission, …). */
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('result'), id: z.number().int(), value: z.unknown() }),
  z.object({
    type: z.literal('error'),
    id: z.number().int(),
    name: z.string(),
    message: z.string(),
  }),
  /** The writer indexed part of the backlog: this many tasks are still not searchable. */
  z.object({ type: z.literal('index'), backlog: z.number().int().nonnegative() }),
  z.object({ type: z.literal('closed') }),
]);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;
