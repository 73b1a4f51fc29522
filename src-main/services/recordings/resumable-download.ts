// One recording into the cache, resumably. The bytes go to a partial file kept apart from the
// finished ones (with a small sidecar: the server's validator and the announced length), so a
// download cut off by a lost connection, a cancel or a quit continues with Range where the
// server allows it (206), or starts again (200, or 416 for a partial the server no longer
// matches). Only when the partial file has exactly the announced length is it moved among the
// finished files; until then it is never served.
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { addAbortSignal, Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { AppError } from '../../ipc/errors.ts';
import { UnpodError } from '../../unpod/index.ts';

export interface ResumableDownloadOptions {
  /** Opens the recording from `fromByte` (0: whole), with If-Range `validator` when resuming. */
  open: (fromByte: number, validator: string | null) => Promise<Response>;
  partialPath: string;
  /** Where the finished file goes, told by the response's content type. */
  finalPathFor: (contentType: string | null) => string;
  signal?: AbortSignal;
  /** Give up when no bytes arrive for this long. */
  idleTimeoutMs: number;
  onProgress?: (bytes: number, total: number | null) => void;
}

export interface ResumableDownloadResult {
  bytes: number;
  contentType: string | null;
  /** Bytes that were already on disk from an earlier attempt. */
  resumedFrom: number;
  path: string;
}

const sidecarSchema = z.object({
  validator: z.string().nullable(),
  total: z.number().int().nonnegative().nullable(),
});
type Sidecar = z.infer<typeof sidecarSchema>;

export const sidecarPathOf = (partialPath: string): string => `${partialPath}.json`;

async function readSidecar(path: string): Promise<Sidecar | null> {
  try {
    return sidecarSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return null;
  }
}

/** `bytes 100-999/1000` → { start: 100, total: 1000 } (total null when `*`). */
export function parseContentRange(value: string | null): { start: number; total: number | null } | null {
  const m = value ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim()) : null;
  if (!m) return null;
  return { start: Number(m[1]), total: m[3] === '*' ? null : Number(m[3]) };
}

const lengthOf = (response: Response): number | null => {
  const value = response.headers.get('content-length');
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
};

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

class Stalled extends Error {}

export async function downloadResumably(o: ResumableDownloadOptions): Promise<ResumableDownloadResult> {
  const sidecarPath = sidecarPathOf(o.partialPath);
  await mkdir(dirname(o.partialPath), { recursive: true });

  const sidecar = await readSidecar(sidecarPath);
  let onDisk = sidecar === null ? 0 : ((await stat(o.partialPath).catch(() => null))?.size ?? 0);
  const startOver = async () => {
    onDisk = 0;
    await rm(o.partialPath, { force: true });
    await rm(sidecarPath, { force: true });
  };
  if (onDisk === 0) await startOver();

  let response = await o.open(onDisk, sidecar?.validator ?? null);
  let append = false;
  let total: number | null;
  if (response.status === 416 || (response.status === 206 && onDisk === 0)) {
    await discard(response);
    await startOver();
    response = await o.open(0, null);
  }
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get('content-range'));
    if (range === null || range.start !== onDisk) {
      // Not the rest of our partial file: take the whole recording instead.
      await discard(response);
      await startOver();
      response = await o.open(0, null);
      total = lengthOf(response);
    } else {
      append = true;
      total = range.total;
    }
  } else {
    total = lengthOf(response);
  }
  if (response.status !== 200 && response.status !== 206) {
    await discard(response);
    throw new UnpodError('invalid_response', `The recording server answered ${response.status}.`);
  }
  const contentType = response.headers.get('content-type');
  // A login or error page served with 200 must not be kept as a recording.
  if (contentType !== null && /^text\/html\b/i.test(contentType)) {
    await discard(response);
    throw new UnpodError('invalid_response', 'The recording link returned a web page instead of audio.', {
      details: { contentType },
    });
  }
  if (!append) await startOver();
  const validator = response.headers.get('etag') ?? response.headers.get('last-modified');
  await writeFile(sidecarPath, JSON.stringify({ validator, total } satisfies Sidecar));

  const resumedFrom = onDisk;
  let bytes = onDisk;
  // Where this attempt starts: the bytes kept (a resume) or 0 (started again).
  o.onProgress?.(bytes, total);
  const watchdog = new AbortController();
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => watchdog.abort(new Stalled()), o.idleTimeoutMs);
  };
  const signal = o.signal ? AbortSignal.any([o.signal, watchdog.signal]) : watchdog.signal;
  // Each chunk is on disk before the next is read, so whatever arrived before a drop is kept
  // for the resume (a write stream destroyed by the error would lose its queued chunks).
  const file = await open(o.partialPath, append ? 'a' : 'w');
  try {
    arm();
    const body = response.body
      ? addAbortSignal(signal, Readable.fromWeb(response.body as WebReadableStream<Uint8Array>))
      : Readable.from([] as Uint8Array[]);
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      await file.write(chunk);
      bytes += chunk.length;
      arm();
      o.onProgress?.(bytes, total);
    }
  } catch (error) {
    if (o.signal?.aborted) throw new AppError('cancelled', 'The recording download was cancelled.');
    if (watchdog.signal.aborted) {
      throw new UnpodError(
        'timeout',
        'The recording download stalled: no data arrived for a while. Try again.',
      );
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^E(NOSPC|ACCES|PERM|ROFS|DQUOT|IO)$/.test(code)) {
      throw new AppError('internal', `The recording could not be saved on this computer (${code}).`);
    }
    throw new UnpodError(
      'network',
      'The connection dropped while downloading the recording; it continues from where it stopped next time.',
    );
  } finally {
    clearTimeout(idle);
    await file.close();
  }

  const size = (await stat(o.partialPath)).size;
  if (total !== null && size !== total) {
    // Longer than announced cannot be resumed; shorter continues next time.
    if (size > total) await startOver();
    throw new UnpodError(
      'network',
      `The recording download ended early (${size} of ${total} bytes); it continues from there next time.`,
    );
  }
  const finalPath = o.finalPathFor(contentType);
  await mkdir(dirname(finalPath), { recursive: true });
  await rename(o.partialPath, finalPath);
  await rm(sidecarPath, { force: true });
  return { bytes: size, contentType, resumedFrom, path: finalPath };
}
