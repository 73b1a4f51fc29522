// CSV exports streamed to a file main writes, never one string over IPC. The view's task keys are
// read once (so the export is the view as it was when asked, whatever a sync changes meanwhile),
// then the reader thread turns them into CSV a chunk at a time and main writes each chunk to a
// stream as it comes, waiting for the stream to drain: memory stays a chunk's worth, and the main
// thread only moves text. Two destinations: a file the user chose in Electron's save dialog
// (written as `<file>.part`, renamed when complete, removed when cancelled or failed), or, in the
// web host, a one-time download id the page's browser fetches from `GET /export/<id>`.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { ExportProgress, ExportStarted } from '../../ipc/contract.ts';
import { AppError } from '../../ipc/errors.ts';
import type { Logger } from '../../log/index.ts';
import { StoreWorkerRestartedError, type CsvChunkOptions, type StoreClient } from '../../store/index.ts';
import type { Emit } from '../emit.ts';

/** Rows per chunk: big enough that the per-message cost vanishes, small enough to stay a few MiB. */
export const EXPORT_CHUNK_ROWS = 2_000;
/** A download the page has not fetched by then is dropped (its id no longer answers). */
const DOWNLOAD_TTL_MS = 120_000;
/** Progress events at most this often (and always at the end). */
const PROGRESS_INTERVAL_MS = 100;

/** What an export writes: the view's keys, read when it was asked for. */
export interface ExportPlan {
  cache: StoreClient;
  keys: readonly number[];
  filename: string;
  agentNames: CsvChunkOptions['agentNames'];
  timeZone: string;
}

/** A download the web host streams into its response. */
export interface ExportDownload {
  filename: string;
  /** Writes the whole file into `sink` (does not end it); rejects when cancelled or failed. */
  write(sink: Writable, signal: AbortSignal): Promise<void>;
}

export interface CsvExports {
  /** Starts an export of the plan: to a file the user chooses, or as a download for the page. */
  start(plan: () => Promise<ExportPlan>, filename: string): Promise<ExportStarted>;
  cancel(id: string): ExportProgress;
  /** The web host's one-time download of an export started as a download; null when unknown. */
  takeDownload(id: string): ExportDownload | null;
  /** Stops every export (the app closes). */
  close(): void;
}

interface Job {
  progress: ExportProgress;
  controller: AbortController;
  plan: ExportPlan;
  expiry: NodeJS.Timeout | null;
}

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

export function createCsvExports(deps: {
  emit: Emit;
  logger: Logger;
  /** Electron: asks where to save (a save dialog); absent: exports are downloads (the web host). */
  chooseFile?: (suggestedName: string) => Promise<string | null>;
}): CsvExports {
  const jobs = new Map<string, Job>();
  let lastEmit = 0;

  const report = (job: Job, change: Partial<ExportProgress>, force = false) => {
    job.progress = { ...job.progress, ...change };
    const now = Date.now();
    if (!force && now - lastEmit < PROGRESS_INTERVAL_MS) return;
    lastEmit = now;
    deps.emit('export.progress', job.progress);
  };

  const forget = (job: Job) => {
    if (job.expiry) clearTimeout(job.expiry);
    // Kept a little while, so a late cancel still answers with how it ended.
    setTimeout(() => jobs.delete(job.progress.id), DOWNLOAD_TTL_MS).unref();
  };

  /** One chunk's CSV, read again once if the reader thread was restarted under it. */
  async function chunk(plan: ExportPlan, keys: readonly number[], first: boolean, signal: AbortSignal) {
    const options: CsvChunkOptions = { agentNames: plan.agentNames, timeZone: plan.timeZone, first };
    try {
      return await plan.cache.tasks.exportCsv(keys, options, { signal });
    } catch (error) {
      if (error instanceof StoreWorkerRestartedError)
        return plan.cache.tasks.exportCsv(keys, options, { signal });
      throw error;
    }
  }

  /** Writes every chunk into `sink`, in order, as fast as it drains. */
  async function writeAll(job: Job, sink: Writable, signal: AbortSignal): Promise<void> {
    const { plan } = job;
    report(job, { phase: 'running' }, true);
    for (let at = 0, first = true; first || at < plan.keys.length; at += EXPORT_CHUNK_ROWS, first = false) {
      signal.throwIfAborted();
      const keys = plan.keys.slice(at, at + EXPORT_CHUNK_ROWS);
      const { text, rows } = await chunk(plan, keys, first, signal);
      // Rows are joined by CRLF with none after the last, as a one-piece file would be.
      const piece = first ? text : text === '' ? '' : `\r\n${text}`;
      if (piece !== '' && !sink.write(piece)) await once(sink, 'drain', { signal });
      report(job, { written: job.progress.written + rows });
    }
  }

  async function finish(job: Job, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      report(job, { phase: 'done' }, true);
    } catch (error) {
      if (job.controller.signal.aborted || isAbort(error)) {
        report(job, { phase: 'cancelled' }, true);
      } else {
        deps.logger.warn('a CSV export failed', { error });
        const message = error instanceof Error ? error.message : String(error);
        report(job, { phase: 'failed', error: `The file could not be written: ${message}` }, true);
      }
      throw error;
    } finally {
      forget(job);
    }
  }

  async function writeFile(job: Job, path: string): Promise<void> {
    const partial = `${path}.part`;
    const stream = createWriteStream(partial, { encoding: 'utf8' });
    const opened = once(stream, 'open');
    try {
      await opened;
      await writeAll(job, stream, job.controller.signal);
      stream.end();
      await once(stream, 'finish');
      await rename(partial, path);
    } catch (error) {
      stream.destroy();
      await rm(partial, { force: true });
      throw error;
    }
  }

  return {
    async start(planOf, filename) {
      let path: string | null = null;
      if (deps.chooseFile) {
        path = await deps.chooseFile(filename);
        if (path === null) return { kind: 'dismissed' };
      }
      const plan = await planOf();
      const id = randomUUID();
      const name = path === null ? plan.filename : (path.split(/[\\/]/).pop() ?? plan.filename);
      const job: Job = {
        progress: { id, filename: name, written: 0, total: plan.keys.length, phase: 'waiting', error: null },
        controller: new AbortController(),
        plan,
        expiry: null,
      };
      jobs.set(id, job);
      deps.emit('export.progress', job.progress);
      if (path !== null) {
        void finish(job, () => writeFile(job, path)).catch(() => {});
        return { kind: 'file', id, filename: name, total: plan.keys.length };
      }
      // Not fetched in time: the page went away; the id stops answering.
      job.expiry = setTimeout(() => {
        if (job.progress.phase !== 'waiting') return;
        report(job, { phase: 'cancelled' }, true);
        jobs.delete(id);
      }, DOWNLOAD_TTL_MS);
      job.expiry.unref();
      return { kind: 'download', id, filename: plan.filename, total: plan.keys.length, url: `/export/${id}` };
    },

    cancel(id) {
      const job = jobs.get(id);
      if (job === undefined)
        throw new AppError('not_found', 'This export is not running (it may have ended).');
      if (job.progress.phase === 'waiting' || job.progress.phase === 'running') {
        job.controller.abort();
        if (job.progress.phase === 'waiting') {
          report(job, { phase: 'cancelled' }, true);
          forget(job);
        }
      }
      return job.progress;
    },

    takeDownload(id) {
      const job = jobs.get(id);
      if (job === undefined || job.progress.phase !== 'waiting' || job.controller.signal.aborted) return null;
      if (job.expiry) clearTimeout(job.expiry);
      job.progress = { ...job.progress, phase: 'running' };
      return {
        filename: job.plan.filename,
        write: (sink, signal) => {
          const onAbort = () => job.controller.abort();
          signal.addEventListener('abort', onAbort, { once: true });
          return finish(job, () => writeAll(job, sink, job.controller.signal)).finally(() =>
            signal.removeEventListener('abort', onAbort),
          );
        },
      };
    },

    close() {
      for (const job of jobs.values()) {
        job.controller.abort();
        if (job.expiry) clearTimeout(job.expiry);
      }
    },
  };
}
