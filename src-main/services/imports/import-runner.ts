// Sends one import's planned rows, batch by batch, exactly once (README "How an import stays
// exactly once"). Each batch is marked `sending` in a durable journal commit before its request
// leaves; the answer settles it (created / rejected / back to planned when the platform provably
// did nothing) or leaves it `unknown`, and unknown batches are reconciled against the platform's
// task list once their request can no longer create anything. A create is never repeated unless
// reconciliation proved it created nothing, or the user chose to send it again.
import { randomUUID } from 'node:crypto';
import type { StoreClient } from '../../store/index.ts';
import { UNDECIDED_AFTER_TRIES, type JournalRow, type RowOutcome } from '../../store/import-journal.ts';
import { UnpodError, type CreateTaskRequest, type UnpodClient } from '../../unpod/index.ts';
import { serverClock } from '../../unpod/server-clock.ts';
import { reconcileDueAt, reconcileRows } from './reconcile.ts';
import type { SendTiming } from './send-timing.ts';

export type Journal = StoreClient['journal'];

export interface ImportPlan {
  importId: string;
  spaceToken: string;
  agentHandle: string;
  context: string;
  /** The platform's schedule object, ready to send. */
  schedule: CreateTaskRequest['schedule'];
}

export type RunnerWait = { reason: 'offline' | 'rate_limited' | 'reconciling'; until: number | null };

export interface RunnerDeps {
  journal: Journal;
  /** The organization's client, or null when the workspace has none (the runner stops). */
  client(): UnpodClient | null;
  timing: SendTiming;
  /** Runs a platform call so the workspace learns whether the platform is reachable. */
  track<T>(call: () => Promise<T>): Promise<T>;
  isOffline(): boolean;
  /** Resolves when the workspace is online again (or `signal` aborts). */
  whenOnline(signal: AbortSignal): Promise<void>;
  /** Something changed: rows settled, a wait began or ended. */
  onChange(wait: RunnerWait | null): void;
  now?: () => number;
}

/** How a run ended: every row settled (or waiting for the user), stopped on request, or refused. */
export type RunEnd =
  | { kind: 'done' }
  | { kind: 'stopped' }
  /** The platform refused the import as a whole (token, agent, schedule): paused with a message. */
  | { kind: 'refused'; message: string };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** `documents[3].name` → 3. */
const DOCUMENT_ERROR_KEY = /^documents\[(\d+)\](?:\.(.+))?$/;

/** The platform's per-document validation errors (a 206 or 400 body's `errors`), by batch index. */
export function documentErrors(details: unknown): Map<number, string> {
  const out = new Map<number, string>();
  if (typeof details !== 'object' || details === null || !('errors' in details)) return out;
  const errors = (details as { errors: unknown }).errors;
  if (typeof errors !== 'object' || errors === null || Array.isArray(errors)) return out;
  for (const [key, value] of Object.entries(errors)) {
    const m = DOCUMENT_ERROR_KEY.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    const messages = Array.isArray(value) ? value.map(String).join(' ') : String(value);
    const text = m[2] ? `${m[2]}: ${messages}` : messages;
    out.set(index, out.has(index) ? `${out.get(index)}; ${text}` : text);
  }
  return out;
}

const outcomeUnknown = (error: unknown): boolean => {
  if (!(error instanceof UnpodError)) return true; // a bug after the request may have left: assume it did
  if (error.kind === 'outcome_unknown') return true;
  if (error.kind === 'cancelled') {
    const details = error.details;
    return typeof details === 'object' && details !== null && 'outcomeUnknown' in details;
  }
  return false;
};

export function createImportRunner(plan: ImportPlan, deps: RunnerDeps) {
  const { journal, timing } = deps;
  const now = deps.now ?? Date.now;
  const { importId } = plan;
  /** Spacing between creates; grows on each 429, shrinks on each success. */
  let paceMs = 0;
  /** batch id → when to try reconciling it again after a try that could not decide. */
  const retryAt = new Map<string, number>();

  async function settle(from: JournalRow['state'][], outcomes: RowOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await journal.settleRows(importId, from, outcomes);
    deps.onChange(null);
  }

  /** Reconciles every unknown batch whose request is over; returns when the next one is due, or null. */
  async function reconcileDue(signal: AbortSignal): Promise<number | null> {
    const unknown = (await journal.rowsInState(importId, ['unknown'], 100_000)).filter(
      (r) => r.reconcileTries < UNDECIDED_AFTER_TRIES,
    );
    const batches = new Map<string, JournalRow[]>();
    for (const row of unknown) {
      const key = row.batchId ?? `row-${row.row}`;
      batches.set(key, [...(batches.get(key) ?? []), row]);
    }
    let nextDue: number | null = null;
    for (const [batchId, rows] of batches) {
      if (signal.aborted) return null;
      const sentAt = Math.max(...rows.map((r) => r.sentAt ?? 0));
      const due = Math.max(reconcileDueAt(sentAt, timing), retryAt.get(batchId) ?? 0);
      if (due > now()) {
        nextDue = nextDue === null ? due : Math.min(nextDue, due);
        continue;
      }
      const client = deps.client();
      if (client === null) return null;
      const result = await reconcileRows({
        rows,
        spaceToken: plan.spaceToken,
        agentHandle: plan.agentHandle,
        client,
        clock: serverClock(client.baseUrl),
        timing,
        knownTaskIds: (ids) => journal.knownTaskIds(ids),
        signal,
      });
      if (!result.complete) {
        const tries = Math.max(...rows.map((r) => r.reconcileTries)) + 1;
        await journal.reconcileTried(
          importId,
          rows.map((r) => r.row),
          `Checking whether Unpod created this call failed (${result.reason}); it will be checked again.`,
        );
        const again = now() + timing.reconcileRetryMs * 2 ** (tries - 1);
        retryAt.set(batchId, again);
        if (tries < UNDECIDED_AFTER_TRIES) nextDue = nextDue === null ? again : Math.min(nextDue, again);
        deps.onChange(null);
        continue;
      }
      retryAt.delete(batchId);
      await settle(
        ['unknown'],
        result.decisions.map((d) =>
          d.found
            ? {
                row: d.row,
                state: 'created',
                taskId: d.taskId,
                runId: d.runId,
                reason:
                  d.by === 'document_id'
                    ? 'Its answer was lost; found on Unpod by its document id.'
                    : 'Its answer was lost; found on Unpod by number and name.',
              }
            : {
                row: d.row,
                state: 'not_created',
                reason: 'Its answer was lost and Unpod has no such call: it is sent again.',
              },
        ),
      );
    }
    return nextDue;
  }

  /** Sends one batch; returns a refusal that stops the import, or null. */
  async function sendBatch(rows: JournalRow[], client: UnpodClient): Promise<{ message: string } | null> {
    const documents = rows.map(
      (r) => JSON.parse(r.documentJson ?? '{}') as CreateTaskRequest['documents'][number],
    );
    const request: CreateTaskRequest = {
      pilot: plan.agentHandle,
      documents,
      context: plan.context,
      ...(plan.schedule ? { schedule: plan.schedule } : {}),
    };
    try {
      const outcome = await deps.track(() => client.createTask(plan.spaceToken, request));
      paceMs = Math.floor(paceMs * 0.8);
      if (outcome.taskIds.length === rows.length) {
        await settle(
          ['sending'],
          rows.map((r, i) => ({
            row: r.row,
            state: 'created',
            taskId: outcome.taskIds[i]!,
            runId: outcome.runId,
          })),
        );
      } else {
        // Created, but the answer does not say which task is whose: reconciliation finds out.
        await settle(
          ['sending'],
          rows.map((r) => ({
            row: r.row,
            state: 'unknown',
            runId: outcome.runId,
            reason: 'Unpod accepted the batch but did not list its tasks; they are looked up.',
          })),
        );
      }
      return null;
    } catch (error) {
      if (outcomeUnknown(error)) {
        const why = error instanceof Error ? error.message : String(error);
        await settle(
          ['sending'],
          rows.map((r) => ({ row: r.row, state: 'unknown', reason: why })),
        );
        return null;
      }
      const e = error as UnpodError;
      const back = (reason: string | null) =>
        rows.map((r) => ({ row: r.row, state: 'planned' as const, reason }));
      switch (e.kind) {
        case 'rate_limited': {
          // Refused before any work: nothing was created. Wait as asked, then go slower.
          await settle(['sending'], back(null));
          const wait = e.retryAfterMs ?? 1_000;
          paceMs = Math.min(Math.max(paceMs * 2, 100), 5_000);
          rateLimitedUntil = now() + wait;
          return null;
        }
        case 'network':
        case 'timeout':
          // Never reached the server (the client says outcome_unknown otherwise).
          await settle(['sending'], back(null));
          networkRetryAt = now() + timing.networkRetryMs;
          return null;
        case 'business':
        case 'bad_request': {
          // The platform said no to the request as a whole: nothing of it was created.
          const perDocument = documentErrors(e.details);
          if (perDocument.size > 0) {
            await settle(
              ['sending'],
              rows.map((r, i) =>
                perDocument.has(i)
                  ? { row: r.row, state: 'rejected', reason: perDocument.get(i)! }
                  : { row: r.row, state: 'planned', reason: null },
              ),
            );
            return null;
          }
          await settle(['sending'], back(null));
          return { message: e.message };
        }
        default:
          // unauthorized, forbidden, not_found, cancelled before sending: nothing was created.
          await settle(['sending'], back(null));
          return { message: e.message };
      }
    }
  }

  let rateLimitedUntil = 0;
  let networkRetryAt = 0;

  /** Runs until every row is settled, `signal` aborts (pause, cancel, workspace closed), or a refusal. */
  async function run(signal: AbortSignal): Promise<RunEnd> {
    let lastSend = 0;
    while (!signal.aborted) {
      const nextDue = await reconcileDue(signal);
      if (signal.aborted) break;

      const waitUntil = Math.max(rateLimitedUntil, networkRetryAt, lastSend + paceMs);
      if (waitUntil > now()) {
        deps.onChange(rateLimitedUntil > now() ? { reason: 'rate_limited', until: rateLimitedUntil } : null);
        await sleep(waitUntil - now(), signal);
        continue;
      }
      if (deps.isOffline()) {
        deps.onChange({ reason: 'offline', until: null });
        await deps.whenOnline(signal);
        deps.onChange(null);
        continue;
      }
      const client = deps.client();
      if (client === null) return { kind: 'stopped' };

      const batchId = randomUUID();
      const sentAt = now();
      // Committed (durably) before the request leaves: after a crash these rows are unknown.
      const rows = await journal.claimBatch(importId, batchId, timing.batchSize, sentAt);
      if (rows.length === 0) {
        if (nextDue === null) return { kind: 'done' };
        deps.onChange({ reason: 'reconciling', until: nextDue });
        await sleep(nextDue - now(), signal);
        continue;
      }
      lastSend = sentAt;
      const refusal = await sendBatch(rows, client);
      if (refusal !== null) return { kind: 'refused', message: refusal.message };
    }
    return { kind: 'stopped' };
  }

  return { run };
}
export type ImportRunner = ReturnType<typeof createImportRunner>;
