// A recording's waveform for the renderer: read from beside the recording when it was computed
// before, else computed by a worker thread (peaks-worker.ts) and then read. What comes back from
// disk or the worker is checked (zod) before it is answered.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { recordingPeaksSchema } from '../../ipc/contract-recordings.ts';
import { AppError } from '../../ipc/errors.ts';

const savedPeaksSchema = recordingPeaksSchema.omit({ taskId: true });
export type SavedPeaks = z.infer<typeof savedPeaksSchema>;

const workerMessageSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), unreadable: z.boolean(), message: z.string() }),
]);

function defaultWorkerUrl(): URL {
  // Source (Node's type stripping): beside this module. Bundled by electron-vite: an entry of its
  // own, out/main/peaks-worker.js, beside index.js or one level up from a chunk.
  if (import.meta.url.endsWith('.ts')) return new URL('./peaks-worker.ts', import.meta.url);
  const candidates = [
    new URL('./peaks-worker.js', import.meta.url),
    new URL('../peaks-worker.js', import.meta.url),
  ];
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0]!;
}

async function readSaved(peaksPath: string): Promise<SavedPeaks | null> {
  try {
    return savedPeaksSchema.parse(JSON.parse(await readFile(peaksPath, 'utf8')));
  } catch {
    return null;
  }
}

function runWorker(audioPath: string, peaksPath: string, workerUrl: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: { audioPath, peaksPath } });
    let answered = false;
    worker.once('message', (message: unknown) => {
      answered = true;
      const parsed = workerMessageSchema.safeParse(message);
      if (!parsed.success) reject(new Error('The waveform worker sent an unexpected message.'));
      else if (parsed.data.ok) resolve();
      else if (parsed.data.unreadable) reject(new AppError('invalid_response', parsed.data.message));
      else reject(new Error(parsed.data.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The waveform worker stopped (exit code ${code}).`));
    });
  });
}

export function createPeaksReader(workerUrl: URL = defaultWorkerUrl()) {
  const running = new Map<string, Promise<SavedPeaks>>();
  return async function peaksOf(audioPath: string, peaksPath: string): Promise<SavedPeaks> {
    const saved = await readSaved(peaksPath);
    if (saved) return saved;
    let job = running.get(peaksPath);
    if (!job) {
      job = runWorker(audioPath, peaksPath, workerUrl)
        .then(async () => {
          const made = await readSaved(peaksPath);
          if (!made) throw new Error('The waveform worker wrote no readable peaks.');
          return made;
        })
        .finally(() => running.delete(peaksPath));
      running.set(peaksPath, job);
    }
    return job;
  };
}
