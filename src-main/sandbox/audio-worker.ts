// Renders and encodes one recording in a worker thread (a 30-minute call takes seconds to
// synthesize, and MP3 encoding much longer): the sandbox, which runs inside the app for the
// demo, never blocks the main process. One job per thread.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeMp3 } from './audio-encode.ts';
import type { SpeechTurn } from './data/task-types.ts';
import { encodeWav, renderSpeech, type RecordingFormat } from './recordings.ts';

export interface AudioJob {
  turns: SpeechTurn[];
  durationSec: number;
  seed: number;
  format: RecordingFormat;
}

if (parentPort === null) throw new Error('audio-worker.ts runs as a worker thread');
const job = workerData as AudioJob;
const channels = renderSpeech(job.turns, job.durationSec, job.seed, job.format.channels);
const bytes = job.format.container === 'mp3' ? encodeMp3(channels) : encodeWav(channels);
const out = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length).slice();
parentPort.postMessage(out, [out.buffer]);
