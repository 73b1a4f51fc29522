// Runs audio-worker.ts for one recording and hands back its bytes.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AudioJob } from './audio-worker.ts';

function workerUrl(): URL {
  // Source (type stripping): beside this module. Bundled by electron-vite: an entry of its own
  // (out/main/sandbox-audio-worker.js), beside index.js or one level up from a chunk.
  if (import.meta.url.endsWith('.ts')) return new URL('./audio-worker.ts', import.meta.url);
  const candidates = [
    new URL('./sandbox-audio-worker.js', import.meta.url),
    new URL('../sandbox-audio-worker.js', import.meta.url),
  ];
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0]!;
}

export function renderRecording(job: AudioJob): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(), { workerData: job });
    worker.once('message', (bytes: unknown) => {
      if (bytes instanceof Uint8Array) resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
      else reject(new Error('the audio worker sent no audio'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the audio worker stopped (exit code ${code})`));
    });
  });
}
