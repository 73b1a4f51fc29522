// "Make available offline" for a list: downloads its recordings a few at a time (bounded
// concurrency, so the platform and the connection are not flooded), reports progress at most a
// few times a second, goes on past a single failed recording, and stops on cancel or when the
// platform becomes unreachable (the rest would fail the same way).
import { randomUUID } from 'node:crypto';
import type { BulkDownloadStatus } from '../../ipc/contract-recordings.ts';
import { toIpcError } from '../../ipc/errors.ts';

export interface BulkItem {
  taskId: string;
  /** Already complete on this computer: counted as done, not downloaded again. */
  complete: boolean;
}

export interface BulkDownloadOptions {
  items: readonly BulkItem[];
  concurrency: number;
  /** Downloads one recording; resolves with its size. */
  download: (taskId: string, signal: AbortSignal) => Promise<number>;
  onProgress: (status: BulkDownloadStatus) => void;
  /** Minimum time between two progress reports (the last one always goes out). */
  progressIntervalMs?: number;
}

export interface BulkDownloadJob {
  readonly id: string;
  status(): BulkDownloadStatus;
  cancel(): void;
  /** Resolves when the job has finished (done, cancelled or failed). */
  readonly finished: Promise<BulkDownloadStatus>;
}

export function startBulkDownload(o: BulkDownloadOptions): BulkDownloadJob {
  const controller = new AbortController();
  const interval = o.progressIntervalMs ?? 200;
  const status: BulkDownloadStatus = {
    jobId: randomUUID(),
    phase: 'running',
    total: o.items.length,
    done: 0,
    failed: 0,
    bytes: 0,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    lastError: null,
  };
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < interval) return;
    lastReport = now;
    o.onProgress({ ...status });
  };

  const queue = o.items.filter((item) => !item.complete).map((item) => item.taskId);
  status.done = o.items.length - queue.length;

  async function lane(): Promise<void> {
    for (let taskId = queue.shift(); taskId !== undefined; taskId = queue.shift()) {
      if (controller.signal.aborted) return;
      try {
        // Not `status.bytes += await …`: that reads the total before the wait, losing the other lanes' bytes.
        const bytes = await o.download(taskId, controller.signal);
        status.bytes += bytes;
        status.done++;
      } catch (error) {
        if (controller.signal.aborted) return;
        const e = toIpcError(error).error;
        status.failed++;
        status.lastError = { taskId, code: e.code, message: e.message };
        if (e.code === 'not_available_offline' || e.code === 'cancelled') {
          status.phase = 'failed';
          controller.abort();
          return;
        }
      }
      report();
    }
  }

  report(true);
  const finished = Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, () => lane())).then(() => {
    if (status.phase === 'running') status.phase = controller.signal.aborted ? 'cancelled' : 'done';
    status.finishedAt = new Date().toISOString();
    report(true);
    return { ...status };
  });

  return {
    id: status.jobId,
    status: () => ({ ...status }),
    cancel() {
      if (status.phase !== 'running') return;
      status.phase = 'cancelled';
      controller.abort();
    },
    finished,
  };
}
