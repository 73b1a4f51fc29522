// The lead import service: puts checked leads into the journal (the workspace's SQLite file,
// through the store's worker), sends them with one runner per running import, and answers the
// import channels. Imports resume by themselves when the workspace opens again (after a quit or a
// crash: rows left `sending` become `unknown` first and are reconciled, never resent blindly).
import { randomUUID } from 'node:crypto';
import type {
  ImportLaunch,
  ImportProgress,
  ImportReadingSettings,
  ImportRow,
  ImportRowState,
  ImportSchedule,
  ImportSummary,
  ManualLead,
} from '../../ipc/contract-imports.ts';
import { importScheduleSchema } from '../../ipc/contract-imports.ts';
import { AppError } from '../../ipc/errors.ts';
import { isSendable, type CheckedLead } from '../../imports/checked-lead.ts';
import type { Logger } from '../../log/index.ts';
import type { StoreClient } from '../../store/index.ts';
import {
  UNDECIDED_AFTER_TRIES,
  readSkipReason,
  type JournalImport,
  type JournalRow,
  type NewJournalRow,
} from '../../store/import-journal.ts';
import type { UnpodClient } from '../../unpod/index.ts';
import type { Emit } from '../emit.ts';
import type { WorkspaceService } from '../workspace.ts';
import { createImportRunner, type ImportPlan, type RunEnd, type RunnerWait } from './import-runner.ts';
import { checkCallingAgent, platformSchedule } from './launch-checks.ts';
import { manualCheckedLead } from './manual-lead.ts';
import { createProgressMeter, type ProgressMeter } from './progress-meter.ts';
import { DEFAULT_SEND_TIMING, type SendTiming } from './send-timing.ts';
import { documentIdOf, wireDocument } from './wire-document.ts';

/** A file the reading side has checked: its name and its leads in file order. */
export interface LeadSource {
  name: string;
  leads: AsyncIterable<readonly CheckedLead[]> | Iterable<readonly CheckedLead[]>;
}

/** Opens a dropped or chosen file (sourceId) with the user's reading settings (imp-read). */
export type OpenLeadSource = (sourceId: string, reading: ImportReadingSettings) => Promise<LeadSource>;

export interface ImportSendServiceOptions {
  workspace: Pick<
    WorkspaceService,
    'activeSession' | 'getState' | 'trackConnection' | 'onChanged' | 'onConnectionChanged'
  >;
  /** The open workspace's store (the journal lives in its cache file). */
  openStore(): Promise<StoreClient>;
  openLeadSource: OpenLeadSource;
  emit: Emit;
  logger: Logger;
  timing?: Partial<SendTiming>;
  /**
   * Calls were created in this space: the task list reads them now instead of at its next
   * re-poll (a refresh sync of the space; at most every few seconds while an import runs).
   */
  onCallsCreated?: (spaceToken: string) => void;
}

export interface StartInput {
  sourceId: string;
  reading: ImportReadingSettings;
  launch: ImportLaunch;
}

export interface ImportSendService {
  start(input: StartInput): Promise<ImportSummary>;
  /** Starts an import of leads already checked (start() after opening the source; tests). */
  startWithLeads(
    source: LeadSource,
    reading: ImportReadingSettings,
    launch: ImportLaunch,
  ): Promise<ImportSummary>;
  createCall(input: {
    lead: ManualLead;
    defaultCountry?: string;
    launch: ImportLaunch;
  }): Promise<ImportSummary>;
  pause(importId: string): Promise<ImportSummary>;
  resume(importId: string): Promise<ImportSummary>;
  cancel(importId: string): Promise<ImportSummary>;
  list(limit: number): Promise<ImportSummary[]>;
  get(importId: string): Promise<ImportSummary>;
  rows(query: {
    importId: string;
    states: ImportRowState[];
    undecidedOnly: boolean;
    offset: number;
    limit: number;
  }): Promise<{ rows: ImportRow[]; total: number }>;
  retryFailed(importId: string): Promise<ImportSummary>;
  resolve(input: {
    importId: string;
    rows: number[];
    action: 'send_again' | 'do_not_send';
  }): Promise<ImportSummary>;
  /** Resolves when no runner is sending (tests, the benchmark, quitting). */
  whenIdle(importId?: string): Promise<void>;
  close(): Promise<void>;
}

/** How often a running import tells the task list that calls were created. */
const CALLS_CREATED_EVERY_MS = 3_000;

/** Rows written to the journal per transaction while a file is read in. */
const APPEND_CHUNK = 2_000;

interface Running {
  controller: AbortController;
  done: Promise<void>;
  meter: ProgressMeter;
}

function toSummary(imp: JournalImport): ImportSummary {
  const schedule = importScheduleSchema.safeParse(JSON.parse(imp.scheduleJson));
  const { skippedProblems: _problems, ...counts } = imp.counts;
  return {
    id: imp.id,
    kind: imp.kind,
    spaceToken: imp.spaceToken,
    agentHandle: imp.agentHandle,
    context: imp.context,
    schedule: schedule.success ? schedule.data : { type: 'now' },
    sourceName: imp.sourceName,
    createdAt: imp.createdAt,
    startedAt: imp.startedAt,
    finishedAt: imp.finishedAt,
    state: imp.state,
    message: imp.message,
    counts,
  };
}

function toRow(r: JournalRow): ImportRow {
  return {
    row: r.row,
    state: r.state,
    name: r.name,
    contactNumber: r.contactNumber,
    documentId: r.documentId,
    taskId: r.taskId,
    runId: r.runId,
    reason: r.state === 'skipped' ? readSkipReason(r.reason) : r.reason,
    attempts: r.attempts,
    sentAt: r.sentAt,
    undecided: r.state === 'unknown' && r.reconcileTries >= UNDECIDED_AFTER_TRIES,
  };
}

function journalRowOf(importId: string, lead: CheckedLead, duplicates: 'skip' | 'keep'): NewJournalRow {
  const name = lead.document?.name ?? null;
  const contactNumber = lead.document?.contact_number ?? null;
  if (isSendable(lead, duplicates) && lead.document !== null) {
    const documentId = documentIdOf(importId, lead.row);
    return {
      row: lead.row,
      documentJson: JSON.stringify(wireDocument(lead.document, documentId)),
      documentId,
      name,
      contactNumber,
      state: 'planned',
      reason: null,
    };
  }
  const skipped = (skipKind: 'problem' | 'duplicate', reason: string): NewJournalRow => ({
    row: lead.row,
    documentJson: null,
    documentId: null,
    name,
    contactNumber,
    state: 'skipped',
    reason,
    skipKind,
  });
  if (lead.document === null) {
    return skipped('problem', lead.problems.map((p) => p.message).join(' ') || 'This row cannot be sent.');
  }
  const dup = lead.duplicate!;
  return skipped(
    'duplicate',
    dup.kind === 'file'
      ? `The same number as row ${dup.row}; skipped as you chose.`
      : 'This number was called in this space recently; skipped as you chose.',
  );
}

export function createImportSendService(options: ImportSendServiceOptions): ImportSendService {
  const { workspace, emit, logger } = options;
  const timing: SendTiming = { ...DEFAULT_SEND_TIMING, ...options.timing };
  const running = new Map<string, Running>();
  /** Stores whose rows left `sending` by an earlier run were recovered (once per open file). */
  const recovered = new WeakSet<StoreClient>();
  let resumedFor: string | null = null;
  let closed = false;

  function orgClient(): UnpodClient {
    const session = workspace.activeSession();
    if (session === null) {
      throw new AppError(
        'not_signed_in',
        'No workspace is open. Open the demo or sign in with an API token first.',
      );
    }
    if (session.orgClient === null) {
      throw new AppError('no_organization', 'Choose an organization first: imports go to one of its spaces.');
    }
    return session.orgClient;
  }

  /** The journal, after the rows a previous run left `sending` were made `unknown` (once per file). */
  async function journalStore(): Promise<StoreClient> {
    if (workspace.activeSession() === null) {
      throw new AppError(
        'not_signed_in',
        'No workspace is open. Open the demo or sign in with an API token first.',
      );
    }
    const store = await options.openStore();
    if (!recovered.has(store)) {
      recovered.add(store);
      const { unknown, abandoned } = await store.journal.recoverAfterStart();
      if (unknown > 0 || abandoned > 0) logger.info('import journal recovered', { unknown, abandoned });
    }
    return store;
  }

  async function summaryOf(store: StoreClient, importId: string): Promise<ImportSummary> {
    const imp = await store.journal.get(importId);
    if (imp === null) throw new AppError('not_found', 'This import is not in the history of this workspace.');
    return toSummary(imp);
  }

  function progressOf(
    summary: ImportSummary,
    meter: ProgressMeter | null,
    wait: RunnerWait | null,
  ): ImportProgress {
    const c = summary.counts;
    const total = c.total - c.skipped;
    const sent = c.created + c.rejected;
    const rate = meter?.rate(sent) ?? null;
    const left = Math.max(0, total - sent - c.undecided);
    return {
      importId: summary.id,
      state: summary.state,
      sent,
      total,
      created: c.created,
      problems: c.rejected + c.undecided + skippedProblemsOf(summary),
      ratePerSecond: rate,
      secondsLeft: rate !== null && rate > 0 ? Math.ceil(left / rate) : null,
      waiting: wait,
      message: summary.message,
    };
  }
  /** Skipped rows with a problem (not duplicates or the user's choice), kept beside the summary. */
  const skippedProblems = new Map<string, number>();
  const skippedProblemsOf = (s: ImportSummary) => skippedProblems.get(s.id) ?? 0;

  /** Created counts last told to the task list, and when (per import). */
  const toldCreated = new Map<string, { created: number; at: number }>();
  function tellCallsCreated(imp: JournalImport, force: boolean): void {
    const told = toldCreated.get(imp.id) ?? { created: 0, at: 0 };
    if (imp.counts.created === told.created) return;
    if (!force && Date.now() - told.at < CALLS_CREATED_EVERY_MS) return;
    toldCreated.set(imp.id, { created: imp.counts.created, at: Date.now() });
    options.onCallsCreated?.(imp.spaceToken);
  }

  async function emitProgress(
    store: StoreClient,
    importId: string,
    wait: RunnerWait | null,
  ): Promise<ImportSummary> {
    const imp = await store.journal.get(importId);
    if (imp === null) throw new AppError('not_found', 'This import is not in the history of this workspace.');
    tellCallsCreated(imp, imp.state !== 'running');
    skippedProblems.set(importId, imp.counts.skippedProblems);
    const summary = toSummary(imp);
    emit('imports.progress', progressOf(summary, running.get(importId)?.meter ?? null, wait));
    return summary;
  }

  function planOf(imp: JournalImport): ImportPlan {
    const schedule = importScheduleSchema.parse(JSON.parse(imp.scheduleJson));
    return {
      importId: imp.id,
      spaceToken: imp.spaceToken,
      agentHandle: imp.agentHandle,
      context: imp.context,
      // A custom time already past (the app was closed meanwhile) is not re-checked: those calls
      // were launched for that time; the platform says so if it refuses, and the import pauses.
      schedule: schedule.type === 'custom' ? platformScheduleLenient(schedule) : { type: schedule.type },
    };
  }

  function platformScheduleLenient(schedule: Extract<ImportSchedule, { type: 'custom' }>) {
    try {
      return platformSchedule(schedule, 0);
    } catch {
      return { type: 'now' as const };
    }
  }

  /** Starts the runner of a running import, unless one runs; waits for a previous one to let go. */
  function launch(store: StoreClient, imp: JournalImport): void {
    if (closed || running.has(imp.id)) return;
    const controller = new AbortController();
    const meter = createProgressMeter();
    let lastEmit = 0;
    let pendingEmit: ReturnType<typeof setTimeout> | null = null;
    let lastWait: RunnerWait | null = null;
    const schedule = () => {
      if (pendingEmit !== null) return;
      const delay = Math.max(0, lastEmit + timing.progressEveryMs - Date.now());
      pendingEmit = setTimeout(() => {
        pendingEmit = null;
        lastEmit = Date.now();
        emitProgress(store, imp.id, lastWait).catch((error: unknown) =>
          logger.warn('import progress failed', { error }),
        );
      }, delay);
    };
    const runner = createImportRunner(planOf(imp), {
      journal: store.journal,
      // Only the import's own organization sends it: after a switch it waits until that
      // organization is chosen again (its space belongs to it).
      client: () => {
        const session = workspace.activeSession();
        if (imp.orgHandle !== null && session?.organization?.domainHandle !== imp.orgHandle) return null;
        return session?.orgClient ?? null;
      },
      timing,
      track: (call) => workspace.trackConnection(call),
      isOffline: () => workspace.getState().connection.state === 'offline',
      whenOnline: (signal) =>
        new Promise<void>((resolve) => {
          if (signal.aborted || workspace.getState().connection.state !== 'offline') return resolve();
          const off = workspace.onConnectionChanged((state) => {
            if (state.state !== 'offline') finish();
          });
          const finish = () => {
            off();
            signal.removeEventListener('abort', finish);
            resolve();
          };
          signal.addEventListener('abort', finish, { once: true });
        }),
      onChange: (wait) => {
        lastWait = wait;
        schedule();
      },
    });
    const done = (async () => {
      let end: RunEnd;
      try {
        end = await runner.run(controller.signal);
      } catch (error) {
        // The store closed under it (workspace closed) or a bug: the import stays as it was and
        // resumes when the workspace opens again.
        logger.warn('import runner stopped', { error });
        end = { kind: 'stopped' };
      }
      if (pendingEmit !== null) clearTimeout(pendingEmit);
      running.delete(imp.id);
      try {
        if (end.kind === 'done') {
          const now = await store.journal.get(imp.id);
          if (now !== null && now.state === 'running') {
            const undecided = now.counts.undecided;
            await store.journal.setState(imp.id, {
              state: 'finished',
              finishedAt: Date.now(),
              message:
                undecided > 0
                  ? `${undecided} row${undecided === 1 ? '' : 's'} could not be confirmed as called or not: choose whether to send ${undecided === 1 ? 'it' : 'them'} again.`
                  : null,
            });
            const summary = await emitProgress(store, imp.id, null);
            emit('imports.finished', summary);
          }
        } else if (end.kind === 'refused') {
          await store.journal.setState(imp.id, { state: 'paused', message: end.message });
          await emitProgress(store, imp.id, null);
        }
      } catch (error) {
        logger.warn('recording the end of an import failed', { error });
      }
    })();
    running.set(imp.id, { controller, done, meter });
  }

  /** Stops an import's runner and waits until its request in flight (if any) is settled. */
  async function stopRunner(importId: string): Promise<void> {
    const r = running.get(importId);
    if (!r) return;
    r.controller.abort();
    await r.done;
  }

  /** Every import left running (by a quit, a crash, a closed workspace) starts sending again. */
  async function resumeAll(): Promise<void> {
    const store = await journalStore();
    for (const imp of await store.journal.list(500)) {
      if (imp.state === 'running' && imp.startedAt !== null) launch(store, imp);
    }
  }

  workspace.onChanged(() => {
    const session = workspace.activeSession();
    const key = session?.orgClient ? `${session.id}:${session.organization?.domainHandle ?? ''}` : null;
    if (key === resumedFor) return;
    resumedFor = key;
    // Another workspace (or none): its imports stop here and resume when it opens again.
    for (const r of running.values()) r.controller.abort();
    if (key !== null) {
      resumeAll().catch((error: unknown) => {
        // Closed again before its file opened (quitting right after opening): nothing to resume.
        if (error instanceof AppError && error.code === 'not_signed_in') return;
        logger.warn('resuming imports failed', { error });
      });
    }
  });

  async function startWithLeads(
    source: LeadSource,
    reading: ImportReadingSettings,
    launchOptions: ImportLaunch,
    kind: 'file' | 'single' = 'file',
  ): Promise<ImportSummary> {
    const client = orgClient();
    platformSchedule(launchOptions.schedule); // refuses a time not in the future
    await workspace.trackConnection(() =>
      checkCallingAgent(client, launchOptions.spaceToken, launchOptions.agentHandle),
    );
    const store = await journalStore();
    const importId = randomUUID();
    await store.journal.create({
      id: importId,
      kind,
      orgHandle: workspace.activeSession()?.organization?.domainHandle ?? null,
      spaceToken: launchOptions.spaceToken,
      agentHandle: launchOptions.agentHandle,
      context: launchOptions.context,
      scheduleJson: JSON.stringify(launchOptions.schedule),
      sourceName: source.name,
      settingsJson: JSON.stringify(reading),
      createdAt: Date.now(),
    });
    // Every row goes into the journal before anything is sent: sending reads from the journal.
    let chunk: NewJournalRow[] = [];
    let total = 0;
    for await (const leads of source.leads) {
      for (const lead of leads) {
        chunk.push(journalRowOf(importId, lead, reading.duplicates ?? 'skip'));
        if (chunk.length >= APPEND_CHUNK) {
          total += await store.journal.appendRows(importId, chunk);
          chunk = [];
        }
      }
    }
    if (chunk.length > 0) total += await store.journal.appendRows(importId, chunk);
    if (total === 0) {
      await store.journal.setState(importId, {
        state: 'cancelled',
        finishedAt: Date.now(),
        message: 'The file has no rows.',
      });
      throw new AppError('bad_request', 'The file has no rows to import.');
    }
    await store.journal.setState(importId, { state: 'running', startedAt: Date.now() });
    const imp = await store.journal.get(importId);
    launch(store, imp!);
    return toSummary(imp!);
  }

  async function setRunning(importId: string, prepare?: (store: StoreClient) => Promise<unknown>) {
    const store = await journalStore();
    const before = await summaryOf(store, importId);
    if (before.state === 'cancelled') {
      throw new AppError('bad_request', 'This import was cancelled; import the file again to send its rows.');
    }
    await stopRunner(importId);
    if (prepare) await prepare(store);
    await store.journal.setState(importId, { state: 'running', message: null, finishedAt: null });
    const imp = await store.journal.get(importId);
    launch(store, imp!);
    return emitProgress(store, importId, null);
  }

  return {
    async start(input) {
      // Checked before the file is opened, so a refused agent or time costs no reading.
      orgClient();
      platformSchedule(input.launch.schedule);
      const source = await options.openLeadSource(input.sourceId, input.reading);
      return startWithLeads(source, input.reading, input.launch);
    },

    startWithLeads: (source, reading, launchOptions) => startWithLeads(source, reading, launchOptions),

    async createCall({ lead, defaultCountry, launch: launchOptions }) {
      const checked = manualCheckedLead(lead, defaultCountry);
      return startWithLeads(
        { name: 'New call', leads: [[checked]] },
        { duplicates: 'keep' },
        launchOptions,
        'single',
      );
    },

    async pause(importId) {
      const store = await journalStore();
      const before = await summaryOf(store, importId);
      if (before.state !== 'running') return before;
      await store.journal.setState(importId, { state: 'paused', message: null });
      await stopRunner(importId);
      return emitProgress(store, importId, null);
    },

    async resume(importId) {
      return setRunning(importId);
    },

    async cancel(importId) {
      const store = await journalStore();
      const before = await summaryOf(store, importId);
      if (before.state === 'cancelled' || before.state === 'finished') return before;
      await store.journal.setState(importId, { state: 'cancelled', finishedAt: Date.now() });
      await stopRunner(importId);
      const summary = await emitProgress(store, importId, null);
      emit('imports.finished', summary);
      return summary;
    },

    async list(limit) {
      const store = await journalStore();
      return (await store.journal.list(limit)).map(toSummary);
    },

    async get(importId) {
      return summaryOf(await journalStore(), importId);
    },

    async rows(query) {
      const store = await journalStore();
      await summaryOf(store, query.importId);
      const page = await store.journal.rows(query);
      return { rows: page.rows.map(toRow), total: page.total };
    },

    async retryFailed(importId) {
      return setRunning(importId, (store) => store.journal.retryFailed(importId));
    },

    async resolve({ importId, rows, action }) {
      return setRunning(importId, (store) => store.journal.resolve(importId, rows, action));
    },

    async whenIdle(importId) {
      if (importId !== undefined) {
        await running.get(importId)?.done;
        return;
      }
      while (running.size > 0) await Promise.all([...running.values()].map((r) => r.done));
    },

    async close() {
      closed = true;
      for (const r of running.values()) r.controller.abort();
      await Promise.all([...running.values()].map((r) => r.done));
    },
  };
}
