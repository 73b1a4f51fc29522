// The read worker thread: decodes, parses, maps and checks a lead file off the main thread
// (file-reading.ts), and posts its rows in batches, at most READ_AHEAD_BATCHES ahead of the
// consumer, so a 100 MB file never sits in memory as messages. Must not import electron.
import { parentPort, workerData } from 'node:worker_threads';
import { FileProblemError, inspectFile, readCheckedRows } from './file-reading.ts';
import {
  MAX_BATCH_LEADS,
  READ_AHEAD_BATCHES,
  type ReadWorkerCommand,
  type ReadWorkerData,
  type ReadWorkerMessage,
} from './worker-protocol.ts';

if (parentPort === null) throw new Error('read-worker.ts runs as a worker thread');
const port = parentPort;
const data = workerData as ReadWorkerData;
const post = (message: ReadWorkerMessage) => port.postMessage(message);

let credits = READ_AHEAD_BATCHES;
let wake: (() => void) | null = null;
port.on('message', (command: ReadWorkerCommand) => {
  if (command.type !== 'pull') return;
  credits++;
  wake?.();
  wake = null;
});
const credit = async () => {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
};

async function run(): Promise<void> {
  const inspected = await inspectFile(data.path, data.settings);
  post({ type: 'layout', layout: inspected.layout, notices: inspected.notices });
  if (data.mode === 'layout') return;
  for await (const leads of readCheckedRows(data.path, data.settings, inspected)) {
    for (let at = 0; at < leads.length; at += MAX_BATCH_LEADS) {
      await credit();
      post({ type: 'batch', leads: leads.slice(at, at + MAX_BATCH_LEADS) });
    }
  }
}

run().then(
  () => post({ type: 'done' }),
  (error: unknown) => {
    if (error instanceof FileProblemError) post({ type: 'problem', problem: error.problem });
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  },
);
