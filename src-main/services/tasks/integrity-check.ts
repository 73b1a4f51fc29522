// The start-up integrity check of the cache file, off the main thread. PRAGMA quick_check reads
// the whole file (about 2 s for 100k tasks, ~600 MB); run on the main thread it would hold the
// first list of the day back that long. So the cache opens without it (the schema is still
// checked at open, which catches a file that is not a database at all) and a worker thread runs
// quick_check on its own read-only connection while the list is already shown.
//
// The worker is given as source text (eval) rather than a file, so it needs no separate entry
// in the Electron bundle; it uses only node:sqlite and node:worker_threads.
import { Worker } from 'node:worker_threads';

export type IntegrityResult =
  | { status: 'ok' }
  /** The file is damaged: it should be set aside and rebuilt. */
  | { status: 'corrupt'; problem: string }
  /** The check itself could not run (file locked, removed, …): says nothing about the file. */
  | { status: 'unknown'; problem: string };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const CORRUPT = 11, NOTADB = 26;
let result;
try {
  const db = new DatabaseSync(workerData.path, { readOnly: true, timeout: 5000 });
  try {
    const rows = db.prepare('PRAGMA quick_check').all();
    result = rows.length === 1 && rows[0].quick_check === 'ok'
      ? { status: 'ok' }
      : { status: 'corrupt', problem: String(rows[0] ? rows[0].quick_check : 'no result') };
  } finally {
    db.close();
  }
} catch (error) {
  const code = error && typeof error.errcode === 'number' ? error.errcode & 0xff : -1;
  const problem = error && error.message ? String(error.message) : String(error);
  result = code === CORRUPT || code === NOTADB ? { status: 'corrupt', problem } : { status: 'unknown', problem };
}
parentPort.postMessage(result);
`;

/**
 * Runs PRAGMA quick_check on `path` in a worker thread. Never rejects. Aborting `signal` stops the
 * worker; the promise settles once the worker has exited, so its connection to the file is gone.
 */
export function checkIntegrityInBackground(path: string, signal?: AbortSignal): Promise<IntegrityResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: IntegrityResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path } });
    } catch (error) {
      done({ status: 'unknown', problem: error instanceof Error ? error.message : String(error) });
      return;
    }
    // The app may quit while the check runs; the worker must not keep it alive.
    worker.unref();
    worker.once('message', (result: IntegrityResult) => done(result));
    worker.once('error', (error) => done({ status: 'unknown', problem: error.message }));
    worker.once('exit', (code) =>
      done({ status: 'unknown', problem: `the check stopped (exit code ${code})` }),
    );
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
  });
}
