// Answers a media request (an `<audio>` element's GET/HEAD, with or without Range) from a file
// in the recordings cache: the one module both hosts use (the Electron scheme through
// toWebResponse, the web host through pipeMediaAnswer). Chromium seeks with Range requests, and
// `net.fetch` of a file:// URL ignores Range, so byte ranges are answered here: 206 with
// Content-Range, suffix (`bytes=-N`) and open-ended (`bytes=N-`) ranges, 416 past the end. Only
// a file inside the cache folder whose size on disk is the size recorded for it is served, so a
// partial or tampered file never is.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';

export interface MediaRequest {
  method: string;
  /** The Range header, if any. */
  range: string | undefined;
}

export interface MediaFileRef {
  /** The recordings folder: nothing outside it is ever read. */
  root: string;
  /** The file, relative to root. */
  file: string;
  contentType: string;
  /** The size recorded when the download completed; a file of any other size is not served. */
  bytes: number;
  /** Set for "Save as…" in a browser: the answer is an attachment with this name. */
  downloadName?: string;
}

export interface MediaAnswer {
  status: 200 | 206 | 404 | 405 | 416;
  headers: Record<string, string>;
  /** Bytes to send (inclusive), or null: no body (HEAD, errors carry `text`). */
  body: { path: string; start: number; end: number } | null;
  text: string | null;
}

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * One `bytes=` range against a file of `size` bytes. null: serve the whole file (no header, or a
 * header this server ignores as RFC 9110 allows: malformed, several ranges, other units).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return null;
  if (first === '') {
    // Suffix: the last N bytes (all of them when N is larger than the file).
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { start, end };
}

/** The file inside root, or null when the name would leave it (.., absolute, NUL, symlink out). */
export async function resolveInside(root: string, file: string): Promise<string | null> {
  if (file === '' || file.includes('\0') || isAbsolute(file)) return null;
  const base = resolve(root);
  const target = resolve(base, file);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  try {
    // A symlink inside the folder must not lead out of it.
    const [realBase, realTarget] = await Promise.all([realpath(base), realpath(target)]);
    const realRel = relative(realBase, realTarget);
    if (realRel === '' || realRel.startsWith('..') || isAbsolute(realRel)) return null;
    return realTarget;
  } catch {
    return null;
  }
}

const AUDIO_TYPE = /^(audio\/[a-z0-9.+-]+|application\/octet-stream)$/i;

/** The media type to answer with: the recorded one when it is audio, else octet-stream. */
export function mediaContentType(recorded: string): string {
  const bare = recorded.split(';')[0]!.trim().toLowerCase();
  return AUDIO_TYPE.test(bare) ? bare : 'application/octet-stream';
}

/** "recording 1.wav" → attachment; filename="recording 1.wav"; filename*=UTF-8''recording%201.wav */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const notFound = (): MediaAnswer => ({
  status: 404,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  body: null,
  text: 'Not available offline: this recording is not on this computer.',
});

export async function answerMediaRequest(req: MediaRequest, ref: MediaFileRef | null): Promise<MediaAnswer> {
  const method = req.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    return {
      status: 405,
      headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' },
      body: null,
      text: 'Method not allowed',
    };
  }
  if (ref === null) return notFound();
  const path = await resolveInside(ref.root, ref.file);
  if (path === null) return notFound();
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile() || info.size !== ref.bytes) return notFound();
  const size = info.size;
  const common: Record<string, string> = {
    'Accept-Ranges': 'bytes',
    'Content-Type': mediaContentType(ref.contentType),
    // The file of a task id can be replaced (cleared, downloaded again): always revalidate.
    'Cache-Control': 'no-cache',
    'Last-Modified': info.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  };
  if (ref.downloadName !== undefined) common['Content-Disposition'] = attachmentDisposition(ref.downloadName);
  const range = parseByteRange(req.range, size);
  if (range === 'unsatisfiable') {
    return {
      status: 416,
      headers: { ...common, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' },
      body: null,
      text: null,
    };
  }
  const head = method === 'HEAD';
  if (range === null) {
    return {
      status: 200,
      headers: { ...common, 'Content-Length': String(size) },
      body: head || size === 0 ? null : { path, start: 0, end: size - 1 },
      text: null,
    };
  }
  return {
    status: 206,
    headers: {
      ...common,
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
      'Content-Length': String(range.end - range.start + 1),
    },
    body: head ? null : { path, start: range.start, end: range.end },
    text: null,
  };
}

/** The answer as a fetch Response (Electron's protocol.handle), streamed from disk. */
export function toWebResponse(answer: MediaAnswer): Response {
  const body =
    answer.body === null
      ? answer.text
      : (Readable.toWeb(createReadStream(answer.body.path, answer.body)) as ReadableStream<Uint8Array>);
  return new Response(body, { status: answer.status, headers: answer.headers });
}

/** Sends the answer on a node:http response (the web host), streamed from disk. */
export function pipeMediaAnswer(
  answer: MediaAnswer,
  res: ServerResponse,
  extraHeaders: Record<string, string>,
): void {
  res.writeHead(answer.status, { ...extraHeaders, ...answer.headers });
  if (answer.body === null) {
    res.end(answer.text ?? undefined);
    return;
  }
  const stream = createReadStream(answer.body.path, answer.body);
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
