// The waveform worker thread: computes a recording's peaks (peaks-compute.ts) and writes them
// beside it, so decoding a long call never blocks the main process. One job per thread.
import { writeFile, rename } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { computePeaks } from './peaks-compute.ts';

export interface PeaksJob {
  audioPath: string;
  peaksPath: string;
}

export type PeaksWorkerMessage = { ok: true } | { ok: false; unreadable: boolean; message: string };

if (parentPort === null) throw new Error('peaks-worker.ts runs as a worker thread');
const port = parentPort;
const job = workerData as PeaksJob;

try {
  const peaks = await computePeaks(job.audioPath);
  const temp = `${job.peaksPath}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(peaks));
  await rename(temp, job.peaksPath);
  port.postMessage({ ok: true } satisfies PeaksWorkerMessage);
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  port.postMessage({
    ok: false,
    unreadable: e.name === 'UnreadableAudioError',
    message: e.message,
  } satisfies PeaksWorkerMessage);
}
