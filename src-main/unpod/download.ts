// Streams a response body to disk: into a temporary file next to the destination, renamed into
// place only when complete, so a failed or cancelled download never leaves a partial file.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export interface SaveOptions {
  signal?: AbortSignal;
  /** Abort when no bytes arrive for this long (a stalled connection must not hang forever). */
  idleTimeoutMs: number;
  onProgress?: (bytes: number, total: number | null) => void;
}

export class StalledDownloadError extends Error {
  constructor(idleMs: number) {
    super(`no data received for ${idleMs} ms`);
    this.name = 'StalledDownloadError';
  }
}

/** The local disk failed (permissions, space, bad path): not a network or platform problem. */
export class LocalFileError extends Error {
  readonly code: string | undefined;
  constructor(cause: unknown, destPath: string) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`The recording could not be saved to ${destPath}: ${reason}`, { cause });
    this.name = 'LocalFileError';
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

export async function saveResponseToFile(
  response: Response,
  destPath: string,
  options: SaveOptions,
): Promise<number> {
  const lengthHeader = response.headers.get('content-length');
  const total = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
  const dir = path.dirname(destPath);
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw new LocalFileError(error, destPath);
  });
  const tempPath = path.join(dir, `.${path.basename(destPath)}.${randomUUID()}.part`);

  const watchdog = new AbortController();
  let idleTimer: NodeJS.Timeout | undefined;
  const armWatchdog = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(
      () => watchdog.abort(new StalledDownloadError(options.idleTimeoutMs)),
      options.idleTimeoutMs,
    );
  };
  const signal = options.signal ? AbortSignal.any([options.signal, watchdog.signal]) : watchdog.signal;

  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      armWatchdog();
      options.onProgress?.(bytes, total);
      callback(null, chunk);
    },
  });

  try {
    armWatchdog();
    const body = response.body
      ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)
      : Readable.from([] as Uint8Array[]);
    const file = createWriteStream(tempPath);
    let fileError: unknown;
    file.once('error', (error) => (fileError = error));
    try {
      await pipeline(body, counter, file, { signal });
    } catch (error) {
      // On abort the pipeline destroys the file stream too, with the abort reason: not a disk fault.
      const diskFault = !signal.aborted && fileError !== undefined && error === fileError;
      throw diskFault ? new LocalFileError(error, destPath) : error;
    }
    await rename(tempPath, destPath).catch((error: unknown) => {
      throw new LocalFileError(error, destPath);
    });
    return bytes;
  } catch (error) {
    await rm(tempPath, { force: true });
    if (watchdog.signal.aborted && !options.signal?.aborted) throw watchdog.signal.reason as Error;
    throw error;
  } finally {
    clearTimeout(idleTimer);
  }
}
