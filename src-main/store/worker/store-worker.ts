// The store's worker thread (one per role, see protocol.ts). The writer opens the file as
// openCache does (check, migrations, recovery), writes, and indexes the search backlog whenever it
// has nothing else to do; the reader answers queries on its own connection, so a read never waits
// behind a write (WAL). Requests run one at a time in arrival order; a request cancelled before
// it started is skipped. Must not import electron (it also runs under plain Node).
import { parentPort, workerData } from 'node:worker_threads';
import { createImportJournalReader, createImportJournalWriter } from '../import-journal.ts';
import { openCache, openCacheReader, type CacheReader, type TaskCache } from '../open-cache.ts';
import type { ClientMessage, StoreMethod, StoreMethods, WorkerData, WorkerMessage } from './protocol.ts';

/** Tasks indexed per idle step: short enough that a request arriving meanwhile waits little. */
const INDEX_STEP = 250;

if (parentPort === null) throw new Error('store-worker.ts runs as a worker thread');
const port = parentPort;
const data = workerData as WorkerData;
const post = (message: WorkerMessage) => port.postMessage(message);

type Handlers = { [M in StoreMethod]?: (...args: StoreMethods[M]['args']) => StoreMethods[M]['result'] };

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function readerHandlers(reader: CacheReader): Handlers {
  const t = reader.tasks;
  return {
    queryTasks: (q) => t.queryTasks(q),
    countByStatus: (f) => t.countByStatus(f),
    countByLabel: (f) => t.countByLabel(f),
    countByOutcomeStatus: (f) => t.countByOutcomeStatus(f),
    countByAgent: (f) => t.countByAgent(f),
    countByExecutionType: (f) => t.countByExecutionType(f),
    getTask: (id) => t.getTask(id),
    overview: (f, o) => t.overview(f, o),
    listNonFinal: (s) => t.listNonFinal(s),
    listTaskIds: (s) => t.listTaskIds(s),
    getSyncState: (s) => reader.syncState.get(s),
    listSyncStates: () => reader.syncState.list(),
    searchBacklog: () => reader.searchBacklog(),
    recentCalls: (space, since) => reader.calls.recentCalls(space, since),
    sleep: (ms) => {
      sleepSync(ms);
      return null;
    },
    ...createImportJournalReader(reader.database),
  };
}

function writerHandlers(cache: TaskCache): Handlers {
  return {
    ...createImportJournalWriter(cache.database),
    upsertTasks: (tasks, scope) => cache.tasks.upsertTasks(tasks, scope),
    deleteTasks: (ids) => cache.tasks.deleteTasks(ids),
    setSyncState: (scope, update) => cache.syncState.set(scope, update),
    clearSyncState: (scope) => {
      cache.syncState.clear(scope);
      return null;
    },
    holdWriteTransaction: (ms) => {
      cache.database.exec('BEGIN IMMEDIATE');
      try {
        cache.database.exec("UPDATE meta SET value = value WHERE key = 'schema'");
        sleepSync(ms);
      } finally {
        cache.database.exec('COMMIT');
      }
      return null;
    },
  };
}

let handlers: Handlers = {};
let closeConnection: () => void = () => {};
let indexStep: (() => number) | null = null;

try {
  if (data.role === 'writer') {
    const opened = openCache(data.path, { quickCheck: data.quickCheck, indexing: 'deferred' });
    handlers = writerHandlers(opened.cache);
    closeConnection = () => opened.cache.close();
    indexStep = () => opened.cache.searchIndex.catchUp(INDEX_STEP);
    const { recovered, movedTo, reason, migrationsApplied } = opened;
    post({ type: 'ready', open: { recovered, movedTo, reason, migrationsApplied } });
    post({ type: 'index', backlog: opened.cache.searchIndex.backlog() });
  } else {
    const reader = openCacheReader(data.path);
    handlers = readerHandlers(reader);
    closeConnection = () => reader.close();
    post({ type: 'ready', open: null });
  }
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}

const queue: Extract<ClientMessage, { type: 'call' }>[] = [];
/** Writes that leave tasks to index. */
const WRITES = new Set<StoreMethod>(['upsertTasks', 'deleteTasks']);
let closing = false;
let scheduled = false;
let indexing = indexStep !== null;

function run(call: Extract<ClientMessage, { type: 'call' }>): void {
  const handler = handlers[call.method] as ((...args: unknown[]) => unknown) | undefined;
  try {
    if (handler === undefined) throw new Error(`${call.method} is not answered by the ${data.role}`);
    post({ type: 'result', id: call.id, value: handler(...call.args) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', id: call.id, name: e.name, message: e.message });
  }
}

/**
 * One request, or one indexing step, per turn of the event loop: messages that arrived meanwhile
 * (a cancel, a close, a newer request) are received before the next one starts.
 */
function turn(): void {
  scheduled = false;
  const call = queue.shift();
  if (call !== undefined) {
    run(call);
  } else if (closing) {
    closeConnection();
    post({ type: 'closed' });
    port.close();
    return;
  } else if (indexing && indexStep !== null) {
    const backlog = indexStep();
    post({ type: 'index', backlog });
    indexing = backlog > 0;
  }
  if (queue.length > 0 || closing || indexing) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(turn);
}

port.on('message', (message: ClientMessage) => {
  switch (message.type) {
    case 'call':
      queue.push(message);
      if (WRITES.has(message.method)) indexing = indexStep !== null;
      break;
    case 'cancel': {
      // Not started yet: dropped. Running or done: the client has already let go of the answer.
      const at = queue.findIndex((call) => call.id === message.id);
      if (at !== -1) queue.splice(at, 1);
      break;
    }
    case 'close':
      closing = true;
      break;
  }
  schedule();
});

if (indexing) schedule();
