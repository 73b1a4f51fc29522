// Reconciling a batch whose create has no known outcome (timeout, reset, 5xx, crash): read what
// the platform holds and decide per row. Never sends anything. The steps, from
// IMPORT-EXACTLY-ONCE.md: wait out the request (the caller checks `dueAt`), read the space's
// tasks newest first back to the send time minus the clock allowance, match by document_id (else
// by number + name among the import agent's tasks in the window), then: found → created; not found
// with the window fully read → not created; anything else → still unknown.
import type { JournalRow } from '../../store/import-journal.ts';
import { parsePlatformTime } from '../../shared/platform-time.ts';
import type { Task, UnpodClient } from '../../unpod/index.ts';
import type { ClockReading } from '../../unpod/server-clock.ts';
import type { SendTiming } from './send-timing.ts';

export interface ReconcileInput {
  rows: readonly JournalRow[];
  spaceToken: string;
  agentHandle: string;
  client: UnpodClient;
  clock: ClockReading | null;
  timing: Pick<SendTiming, 'clockAllowanceMs' | 'reconcilePageSize'>;
  /** Task ids some journal already holds: never matched to another row by number + name. */
  knownTaskIds(ids: readonly string[]): Promise<string[]>;
  signal?: AbortSignal;
}

export type RowDecision =
  | {
      row: number;
      found: true;
      taskId: string | null;
      runId: string | null;
      by: 'document_id' | 'number_name';
    }
  | { row: number; found: false };

export type ReconcileResult =
  | { complete: true; decisions: RowDecision[]; pagesRead: number }
  /** The listing failed: nothing can be decided this time. */
  | { complete: false; reason: string };

/** When a batch sent at `sentAt` may be reconciled: its request can no longer create anything. */
export const reconcileDueAt = (sentAt: number, timing: Pick<SendTiming, 'requestTimeoutMs' | 'graceMs'>) =>
  sentAt + timing.requestTimeoutMs + timing.graceMs;

const stringField = (input: unknown, key: string): string | null => {
  if (typeof input !== 'object' || input === null) return null;
  const value = (input as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
};

const matchKey = (number: string, name: string) => `${number}\u0000${name.trim().toLowerCase()}`;

/**
 * The earliest server time a task of these rows can carry: the earliest send, moved onto the
 * server's clock, less the estimate's uncertainty and the allowance.
 */
export function windowStart(
  rows: readonly JournalRow[],
  clock: ClockReading | null,
  allowanceMs: number,
): number {
  const sentAt = Math.min(...rows.map((r) => r.sentAt ?? Number.POSITIVE_INFINITY));
  const offset = clock?.offsetMs ?? 0;
  // Without a reading the laptop's clock is all there is: widen by a minute.
  const uncertainty = clock === null ? 60_000 : clock.uncertaintyMs;
  return sentAt + offset - uncertainty - allowanceMs;
}

export async function reconcileRows(input: ReconcileInput): Promise<ReconcileResult> {
  const { rows, client, timing } = input;
  const from = windowStart(rows, input.clock, timing.clockAllowanceMs);
  const byDocumentId = new Map<string, JournalRow>();
  const byNumberName = new Map<string, JournalRow[]>();
  for (const row of rows) {
    if (row.documentId !== null) byDocumentId.set(row.documentId, row);
    if (row.contactNumber !== null && row.name !== null) {
      const key = matchKey(row.contactNumber, row.name);
      byNumberName.set(key, [...(byNumberName.get(key) ?? []), row]);
    }
  }

  const found = new Map<number, RowDecision>();
  // Tasks without a document_id in their input: matched by number + name once the window is read.
  const candidates: Task[] = [];
  let pagesRead = 0;
  try {
    for (let page = 1; ; page++) {
      const result = await client.listSpaceTasks(
        input.spaceToken,
        { page, pageSize: timing.reconcilePageSize, fromTs: Math.floor(from / 1000) },
        { signal: input.signal },
      );
      pagesRead++;
      let reachedOlder = false;
      for (const task of result.tasks) {
        const created = parsePlatformTime(task.created);
        if (created !== null && created < from) {
          reachedOlder = true;
          continue;
        }
        const documentId = stringField(task.input, 'document_id');
        if (documentId !== null) {
          const row = byDocumentId.get(documentId);
          if (row !== undefined && !found.has(row.row)) {
            found.set(row.row, {
              row: row.row,
              found: true,
              taskId: task.task_id ?? task._id ?? null,
              runId: task.run_id ?? null,
              by: 'document_id',
            });
          }
        } else if (task.assignee === input.agentHandle) {
          candidates.push(task);
        }
      }
      // Newest first: a task older than the window means every later page is older still.
      if (reachedOlder || result.tasks.length === 0 || page * timing.reconcilePageSize >= result.count) break;
    }
  } catch (error) {
    return { complete: false, reason: error instanceof Error ? error.message : String(error) };
  }

  // Number + name, only among tasks no journal holds yet (a lead imported twice is told apart).
  if (candidates.length > 0) {
    const ids = candidates.map((t) => t.task_id ?? t._id ?? '').filter((id) => id !== '');
    let known: Set<string>;
    try {
      known = new Set(await input.knownTaskIds(ids));
    } catch (error) {
      return { complete: false, reason: error instanceof Error ? error.message : String(error) };
    }
    // Oldest first, so the earliest task of a number goes to the earliest unmatched row.
    for (const task of [...candidates].reverse()) {
      const id = task.task_id ?? task._id ?? null;
      if (id === null || known.has(id)) continue;
      const number = stringField(task.input, 'contact_number');
      const name = stringField(task.input, 'name');
      if (number === null || name === null) continue;
      const row = byNumberName.get(matchKey(number, name))?.find((r) => !found.has(r.row));
      if (row === undefined) continue;
      found.set(row.row, {
        row: row.row,
        found: true,
        taskId: id,
        runId: task.run_id ?? null,
        by: 'number_name',
      });
    }
  }

  const decisions = rows.map((row): RowDecision => found.get(row.row) ?? { row: row.row, found: false });
  return { complete: true, decisions, pagesRead };
}
