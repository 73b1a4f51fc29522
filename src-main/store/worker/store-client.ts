// The task cache for the main thread: the same methods as TaskCache's repositories, returning
// Promises, answered by two worker threads (store-worker.ts) so no SQLite work runs on the main
// thread. The writer thread owns the file: check, migrations, recovery, writes and background
// full-text indexing; the reader thread answers queries on a second connection, which in WAL
// mode never waits for a write.
//
// Queries take an AbortSignal and a lane: a newer query in the same lane (say "task-list" for
// the list a window shows) supersedes an older one that has not answered yet; the older promise
// rejects with an AbortError and, if it has not started, the worker skips it. (node:sqlite has
// no sqlite3_interrupt, so a query already running finishes and its answer is dropped.)
//
// A worker that dies is started again (the writer re-runs the open checks, so a file damaged
// meanwhile is recovered); the calls it had not answered reject with StoreWorkerRestartedError
// and a `restarted` event says so, for the app to tell the user.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
  ImportStateUpdate,
  JournalRowQuery,
  JournalRowState,
  NewImport,
  NewJournalRow,
  RowOutcome,
} from '../import-journal.ts';
import type { CacheScope } from '../scope.ts';
import type { SyncStateUpdate } from '../sync-state.ts';
import type { TaskFilter } from '../task-filter.ts';
import type { OverviewOptions, TaskQuery } from '../task-queries.ts';
import type { Task } from '../task-shape.ts';
import {
  WRITER_METHODS,
  workerMessageSchema,
  type ClientMessage,
  type OpenInfo,
  type StoreMethod,
  type StoreMethods,
  type WorkerData,
  type WorkerMessage,
  type WorkerRole,
} from './protocol.ts';

export interface CallOptions {
  signal?: AbortSignal;
  /** Calls in the same lane supersede each other: only the newest is answered. */
  lane?: string;
}

export interface StoreClientOptions {
  /** PRAGMA quick_check at open, in the writer thread (default false; see integrity-check.ts). */
  quickCheck?: boolean;
  /** Where the worker's entry is; by default beside this module (source) or the bundle. */
  workerUrl?: URL;
  /** Restarts of one worker after which the store gives up (default 5). */
  maxRestarts?: number;
}

export interface StoreEvents {
  /** A worker died and was started again; calls it had not answered were rejected. */
  restarted: [{ role: WorkerRole; reason: string }];
  /** A worker died once too often: every call now rejects. */
  failed: [{ role: WorkerRole; reason: string }];
  /** Progress of the background indexing: tasks a search cannot find yet. */
  searchIndex: [{ backlog: number }];
}

/** The worker answering a call died before answering; the call may be retried. */
export class StoreWorkerRestartedError extends Error {
  override readonly name = 'StoreWorkerRestartedError';
}

/** The store is closed, or gave up after its workers kept dying. */
export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
}

/** Thrown by a worker, re-created on this side with its name and message. */
export class StoreCallError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

function defaultWorkerUrl(): URL {
  // Under Node (type stripping) this module is store-client.ts beside store-worker.ts. Bundled by
  // electron-vite, the worker is an entry of its own (electron.vite.config.ts), out/main/
  // store-worker.js, and this code sits in out/main/index.js or in a chunk under out/main/chunks/.
  if (import.meta.url.endsWith('.ts')) return new URL('./store-worker.ts', import.meta.url);
  const candidates = [
    new URL('./store-worker.js', import.meta.url),
    new URL('../store-worker.js', import.meta.url),
  ];
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0]!;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  lane: string | undefined;
  cleanup: () => void;
}

const abortError = (message: string) => new DOMException(message, 'AbortError');

/** One worker thread of a role, restarted when it dies. */
class WorkerSlot {
  readonly #role: WorkerRole;
  readonly #data: WorkerData;
  readonly #url: URL;
  readonly #events: EventEmitter<StoreEvents>;
  readonly #maxRestarts: number;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | null = null;
  #ready: Promise<OpenInfo | null> | null = null;
  #closing = false;
  #restarts = 0;
  #failure: Error | null = null;
  #closed: Promise<void> | null = null;
  #resolveClosed: () => void = () => {};

  constructor(
    role: WorkerRole,
    data: WorkerData,
    url: URL,
    events: EventEmitter<StoreEvents>,
    maxRestarts: number,
  ) {
    this.#role = role;
    this.#data = data;
    this.#url = url;
    this.#events = events;
    this.#maxRestarts = maxRestarts;
  }

  /** Starts the thread; resolves once its connection is open. */
  start(): Promise<OpenInfo | null> {
    const worker = new Worker(this.#url, { workerData: this.#data });
    this.#worker = worker;
    this.#ready = new Promise((resolve, reject) => {
      let opened = false;
      worker.on('message', (raw: unknown) => {
        const parsed = workerMessageSchema.safeParse(raw);
        if (!parsed.success) return; // not from our worker code: ignored
        const message = parsed.data;
        if (message.type === 'ready') {
          opened = true;
          resolve(message.open);
        } else if (message.type === 'failed') {
          reject(new Error(message.message));
        } else {
          this.#receive(message);
        }
      });
      worker.on('error', () => {
        // Reported through 'exit' (with code 1), which also handles a plain exit.
      });
      worker.on('exit', (code) => {
        if (this.#worker !== worker) return;
        this.#worker = null;
        if (this.#closing) {
          this.#resolveClosed();
          return;
        }
        const reason = opened ? `the ${this.#role} thread stopped (exit code ${code})` : null;
        if (!opened) reject(new Error(`the ${this.#role} thread stopped while opening (exit code ${code})`));
        this.#failPending(new StoreWorkerRestartedError(reason ?? 'the store thread stopped'));
        if (reason !== null) this.#restart(reason);
      });
    });
    return this.#ready;
  }

  #restart(reason: string): void {
    if (this.#restarts >= this.#maxRestarts) {
      this.#failure = new StoreClosedError(`The cache stopped working: ${reason}.`);
      this.#events.emit('failed', { role: this.#role, reason });
      return;
    }
    this.#restarts++;
    const ready = this.start();
    ready.then(
      () => this.#events.emit('restarted', { role: this.#role, reason }),
      (error: unknown) => {
        this.#failure = error instanceof Error ? error : new Error(String(error));
        this.#events.emit('failed', { role: this.#role, reason: this.#failure.message });
      },
    );
  }

  #receive(message: Exclude<WorkerMessage, { type: 'ready' | 'failed' }>): void {
    if (message.type === 'index') {
      this.#events.emit('searchIndex', { backlog: message.backlog });
      return;
    }
    if (message.type === 'closed') return;
    const pending = this.#pending.get(message.id);
    if (pending === undefined) return; // cancelled or superseded meanwhile
    this.#pending.delete(message.id);
    pending.cleanup();
    if (message.type === 'result') pending.resolve(message.value);
    else pending.reject(new StoreCallError(message.name, message.message));
  }

  #failPending(error: Error): void {
    for (const pending of this.#pending.values()) {
      pending.cleanup();
      pending.reject(error);
    }
    this.#pending.clear();
  }

  #post(message: ClientMessage): void {
    this.#worker?.postMessage(message);
  }

  async call(id: number, method: StoreMethod, args: unknown[], options: CallOptions): Promise<unknown> {
    if (this.#closing) throw new StoreClosedError('The cache is closed.');
    if (this.#failure) throw this.#failure;
    options.signal?.throwIfAborted();
    await this.#ready;
    options.signal?.throwIfAborted();
    if (this.#failure) throw this.#failure;
    if (options.lane !== undefined) {
      for (const [otherId, other] of this.#pending) {
        if (other.lane !== options.lane) continue;
        this.#pending.delete(otherId);
        other.cleanup();
        other.reject(abortError('A newer query in the same lane superseded this one.'));
        this.#post({ type: 'cancel', id: otherId });
      }
    }
    return new Promise((resolve, reject) => {
      const signal = options.signal;
      const onAbort = () => {
        if (!this.#pending.delete(id)) return;
        reject(signal?.reason ?? abortError('The query was cancelled.'));
        this.#post({ type: 'cancel', id });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, {
        resolve,
        reject,
        lane: options.lane,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      this.#post({ type: 'call', id, method, args });
    });
  }

  /** Lets the thread finish what it was given, close its connection, and exit. */
  close(): Promise<void> {
    if (this.#closed) return this.#closed;
    this.#closing = true;
    this.#closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
    if (this.#worker === null) this.#resolveClosed();
    else this.#post({ type: 'close' });
    return this.#closed;
  }

  /** Ends the thread as a crash would (for diagnostics and tests). */
  async terminate(): Promise<void> {
    await this.#worker?.terminate();
  }

  get threadId(): number | null {
    return this.#worker?.threadId ?? null;
  }
}

type Result<M extends StoreMethod> = Promise<StoreMethods[M]['result']>;

/**
 * The async task cache. Open with `StoreClient.open(path)`; close with `await store.close()`,
 * which waits for both threads and leaves the file checkpointed (no WAL).
 */
export class StoreClient extends EventEmitter<StoreEvents> {
  readonly path: string;
  readonly #writer: WorkerSlot;
  readonly #reader: WorkerSlot;
  #nextId = 1;
  #backlog = 0;

  private constructor(path: string, options: StoreClientOptions) {
    super();
    this.path = path;
    const url = options.workerUrl ?? defaultWorkerUrl();
    const max = options.maxRestarts ?? 5;
    const quickCheck = options.quickCheck ?? false;
    this.#writer = new WorkerSlot('writer', { role: 'writer', path, quickCheck }, url, this, max);
    this.#reader = new WorkerSlot('reader', { role: 'reader', path, quickCheck: false }, url, this, max);
    this.on('searchIndex', ({ backlog }) => {
      this.#backlog = backlog;
    });
  }

  /** Opens the cache: the writer checks, migrates or recovers the file, then the reader opens. */
  static async open(
    path: string,
    options: StoreClientOptions = {},
  ): Promise<{ store: StoreClient; open: OpenInfo }> {
    const store = new StoreClient(path, options);
    try {
      const open = await store.#writer.start();
      await store.#reader.start();
      if (open === null) throw new Error('the writer did not report how the file was opened');
      return { store, open };
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  #call<M extends StoreMethod>(
    method: M,
    args: StoreMethods[M]['args'],
    options: CallOptions = {},
  ): Result<M> {
    const slot = WRITER_METHODS.has(method) ? this.#writer : this.#reader;
    return slot.call(this.#nextId++, method, [...args], options) as Result<M>;
  }

  readonly tasks = {
    queryTasks: (query: TaskQuery, options?: CallOptions) => this.#call('queryTasks', [query], options),
    countByStatus: (filter: TaskFilter, options?: CallOptions) =>
      this.#call('countByStatus', [filter], options),
    countByLabel: (filter: TaskFilter, options?: CallOptions) =>
      this.#call('countByLabel', [filter], options),
    countByOutcomeStatus: (filter: TaskFilter, options?: CallOptions) =>
      this.#call('countByOutcomeStatus', [filter], options),
    countByAgent: (filter: TaskFilter, options?: CallOptions) =>
      this.#call('countByAgent', [filter], options),
    countByExecutionType: (filter: TaskFilter, options?: CallOptions) =>
      this.#call('countByExecutionType', [filter], options),
    getTask: (id: string, options?: CallOptions) => this.#call('getTask', [id], options),
    overview: (filter: TaskFilter, overviewOptions?: OverviewOptions, options?: CallOptions) =>
      this.#call('overview', [filter, overviewOptions], options),
    listNonFinal: (scope: CacheScope, options?: CallOptions) => this.#call('listNonFinal', [scope], options),
    listTaskIds: (scope: CacheScope, options?: CallOptions) => this.#call('listTaskIds', [scope], options),
    /** Calls placed in the space since `sinceMs`, by number, oldest first (the lead import's duplicates). */
    recentCalls: (spaceToken: string, sinceMs: number, options?: CallOptions) =>
      this.#call('recentCalls', [spaceToken, sinceMs], options),
    upsertTasks: (tasks: readonly Task[], scope: CacheScope) => this.#call('upsertTasks', [tasks, scope]),
    deleteTasks: (ids: readonly string[]) => this.#call('deleteTasks', [ids]),
  };

  readonly syncState = {
    get: (scope: CacheScope) => this.#call('getSyncState', [scope]),
    set: (scope: CacheScope, update: SyncStateUpdate) => this.#call('setSyncState', [scope, update]),
    list: () => this.#call('listSyncStates', []),
    clear: (scope: CacheScope) => this.#call('clearSyncState', [scope]).then(() => undefined),
  };

  /** The lead import's journal (import-journal.ts): reads on the reader, writes on the writer. */
  readonly journal = {
    list: (limit: number) => this.#call('importList', [limit]),
    get: (id: string) => this.#call('importGet', [id]),
    rows: (query: JournalRowQuery) => this.#call('importRows', [query]),
    knownTaskIds: (taskIds: readonly string[]) => this.#call('importKnownTaskIds', [taskIds]),
    create: (imp: NewImport) => this.#call('importCreate', [imp]),
    appendRows: (importId: string, rows: readonly NewJournalRow[]) =>
      this.#call('importAppendRows', [importId, rows]),
    setState: (importId: string, update: ImportStateUpdate) =>
      this.#call('importSetState', [importId, update]),
    claimBatch: (importId: string, batchId: string, limit: number, sentAt: number) =>
      this.#call('importClaimBatch', [importId, batchId, limit, sentAt]),
    settleRows: (importId: string, from: readonly JournalRowState[], outcomes: readonly RowOutcome[]) =>
      this.#call('importSettleRows', [importId, from, outcomes]),
    reconcileTried: (importId: string, rows: readonly number[], reason: string) =>
      this.#call('importReconcileTried', [importId, rows, reason]),
    recoverAfterStart: () => this.#call('importRecoverAfterStart', []),
    retryFailed: (importId: string) => this.#call('importRetryFailed', [importId]),
    resolve: (importId: string, rows: readonly number[], action: 'send_again' | 'do_not_send') =>
      this.#call('importResolve', [importId, rows, action]),
    /** Read on the writer, so it sees every write the import made before it. */
    rowsInState: (importId: string, states: readonly JournalRowState[], limit: number) =>
      this.#call('importRowsInState', [importId, states, limit]),
  };

  /** Tasks a search cannot find yet, as of the writer's last report (see the searchIndex event). */
  get searchBacklog(): number {
    return this.#backlog;
  }

  /** For tests and diagnostics: hold a thread busy, as a long query or write would. */
  readonly diagnostics = {
    sleepReader: (ms: number, options?: CallOptions) => this.#call('sleep', [ms], options),
    holdWriteTransaction: (ms: number) => this.#call('holdWriteTransaction', [ms]),
    /** Ends a thread as a crash would. */
    terminate: (role: WorkerRole) => (role === 'writer' ? this.#writer : this.#reader).terminate(),
    threadId: (role: WorkerRole) => (role === 'writer' ? this.#writer : this.#reader).threadId,
  };

  /**
   * Closes the reader, then the writer once it has finished the writes it was given (it
   * checkpoints the WAL into the file). Resolves when both threads have exited.
   */
  async close(): Promise<void> {
    await this.#reader.close();
    await this.#writer.close();
  }
}
