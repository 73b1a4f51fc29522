// Reading a lead file, for the rest of main: the file's layout (the preview's first answer) and
// its rows as checked leads, in batches, in file order. The work runs in a worker thread
// (read-worker.ts); this side only validates what comes back, marks duplicates of calls already
// in the cached space, and keeps the worker at most a few batches ahead (bounded memory).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckedLead } from '../checked-lead.ts';
import { getSource } from './source-registry.ts';
import {
  readSettingsSchema,
  type FileLayout,
  type FileProblem,
  type ParsedReadSettings,
  type ReadSettings,
} from './settings.ts';
import { readWorkerMessageSchema, type ReadWorkerData, type ReadWorkerMessage } from './worker-protocol.ts';

export {
  getSource,
  registerSource,
  releaseAllSources,
  releaseSource,
  type ImportSource,
} from './source-registry.ts';
export type { FileLayout, FileProblem, ReadSettings } from './settings.ts';

/** The file cannot be read as it is (or with these settings): the problem says why and what to do. */
export class LeadFileProblem extends Error {
  override readonly name = 'LeadFileProblem';
  readonly problem: FileProblem;
  constructor(problem: FileProblem) {
    super(problem.message);
    this.problem = problem;
  }
}

/** The sourceId names no staged file (never staged, or released). */
export class UnknownSourceError extends Error {
  override readonly name = 'UnknownSourceError';
}

/** A call already placed to a number: for the duplicates against the cached space. */
export interface RecentCall {
  /** The number's digits as the cache holds it. */
  digits: string;
  taskId: string;
  created: string | null;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /**
   * The calls placed in the space within the settings' window (`windowDays`), read once per pass;
   * without it, no lead is marked as a duplicate of an earlier call.
   */
  recentCalls?: (sinceMs: number) => Promise<readonly RecentCall[]>;
  /** Hears the file's layout (encoding, delimiter, headers, mapping) before the first batch. */
  onLayout?: (layout: FileLayout, notices: string[]) => void;
  /** Where the worker's entry is (tests); by default beside this module or the bundle. */
  workerUrl?: URL;
}

/**
 * The read worker's old-generation heap cap. What a read holds is small (a chunk, its records, a
 * few batches, the code and phone metadata) except the map of numbers seen for duplicates, which
 * grows with the rows: 72 MB plus 1 MB per 4 MB of file (a 100 MB file: 97 MB; 512 MB: 200 MB).
 */
function workerHeapMb(fileBytes: number): number {
  return 72 + Math.ceil(fileBytes / (4 * 1024 * 1024));
}

function defaultWorkerUrl(): URL {
  // Under Node (type stripping) this is index.ts beside read-worker.ts; bundled by electron-vite,
  // the worker is an entry of its own (electron.vite.config.ts): out/main/import-read-worker.js.
  if (import.meta.url.endsWith('.ts')) return new URL('./read-worker.ts', import.meta.url);
  const candidates = [
    new URL('./import-read-worker.js', import.meta.url),
    new URL('../import-read-worker.js', import.meta.url),
  ];
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0]!;
}

function sourceOf(sourceId: string): { path: string; size: number } {
  const source = getSource(sourceId);
  if (!source) throw new UnknownSourceError('This file is no longer available: drop or choose it again.');
  return source;
}

/** The worker's messages as an async sequence; `pull` asks it for one more batch. */
async function* workerMessages(
  data: ReadWorkerData,
  options: ReadOptions,
  fileBytes: number,
): AsyncGenerator<ReadWorkerMessage, void, undefined> {
  const worker = new Worker(options.workerUrl ?? defaultWorkerUrl(), {
    workerData: data,
    // The worker holds a chunk, its records and a few batches at a time; a cap on its heap makes
    // V8 collect early instead of growing the process by hundreds of MB on a large file.
    resourceLimits: { maxOldGenerationSizeMb: workerHeapMb(fileBytes), maxYoungGenerationSizeMb: 8 },
  });
  const queue: ReadWorkerMessage[] = [];
  let failure: Error | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (raw: unknown) => {
    const parsed = readWorkerMessageSchema.safeParse(raw);
    if (parsed.success) queue.push(parsed.data);
    else failure = new Error(`The file reader sent an unexpected message: ${parsed.error.message}`);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', () => {
    finished = true;
    notify();
  });
  const abort = () => {
    failure = new DOMException('Reading the file was cancelled', 'AbortError');
    notify();
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    for (;;) {
      const message = queue.shift();
      if (message) {
        yield message;
        if (message.type === 'batch') worker.postMessage({ type: 'pull' });
        if (message.type === 'done' || message.type === 'problem' || message.type === 'failed') return;
        continue;
      }
      if (failure) throw failure;
      if (finished) throw new Error('The file reader stopped before it finished.');
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await worker.terminate();
  }
}

function settle(message: ReadWorkerMessage): void {
  if (message.type === 'problem') throw new LeadFileProblem(message.problem);
  if (message.type === 'failed') throw new Error(`The file could not be read: ${message.message}`);
}

/** The file's encoding, delimiter, headers and mapping (detected where the settings leave them out). */
export async function readFileLayout(
  sourceId: string,
  settings: ReadSettings,
  options: ReadOptions = {},
): Promise<{ layout: FileLayout; notices: string[] }> {
  const source = sourceOf(sourceId);
  const data: ReadWorkerData = {
    path: source.path,
    settings: readSettingsSchema.parse(settings),
    mode: 'layout',
  };
  for await (const message of workerMessages(data, options, source.size)) {
    settle(message);
    if (message.type === 'layout') return { layout: message.layout, notices: message.notices };
  }
  throw new Error('The file reader stopped before it finished.');
}

/** Digits of an E.164 number, and the same number without a 1-3 digit country code (a cache may hold it national). */
function matchCall(e164: string, calls: ReadonlyMap<string, RecentCall>): RecentCall | undefined {
  const digits = e164.slice(1);
  for (let cut = 0; cut <= 3; cut++) {
    const call = calls.get(digits.slice(cut));
    if (call && (cut === 0 || call.digits.length >= 7)) return call;
  }
  return undefined;
}

/**
 * Every data row of the file as a checked lead, in batches, in file order. Throws LeadFileProblem
 * when the file (or the mapping) stops the read, after the rows before it. Breaking out of the
 * loop stops the worker.
 */
export async function* readCheckedLeads(
  sourceId: string,
  settings: ReadSettings,
  options: ReadOptions = {},
): AsyncGenerator<CheckedLead[], void, undefined> {
  const parsed: ParsedReadSettings = readSettingsSchema.parse(settings);
  const source = sourceOf(sourceId);
  const data: ReadWorkerData = { path: source.path, settings: parsed, mode: 'rows' };
  let calls: Map<string, RecentCall> | null = null;
  if (options.recentCalls && parsed.windowDays > 0) {
    const since = Date.now() - parsed.windowDays * 24 * 60 * 60 * 1000;
    calls = new Map();
    // Oldest first, so the newest call to a number is the one shown.
    for (const call of await options.recentCalls(since)) calls.set(call.digits, call);
  }
  for await (const message of workerMessages(data, options, source.size)) {
    settle(message);
    if (message.type === 'layout') options.onLayout?.(message.layout, message.notices);
    if (message.type !== 'batch') continue;
    if (calls) {
      for (const lead of message.leads) {
        const number = lead.document?.contact_number;
        if (number === undefined || lead.duplicate !== null) continue;
        const call = matchCall(number, calls);
        if (call) lead.duplicate = { kind: 'cache', taskId: call.taskId, created: call.created };
      }
    }
    yield message.leads;
  }
}
