// GET /export/<id>: the web host's streamed CSV download. The page asked for the export over IPC
// and got a one-time id; the browser fetches it (behind the same guards as every request) and
// main writes the file into the response as the reader thread produces it. A browser that stops
// the download (the user cancelled it, the tab closed) stops the export.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import type { Logger } from '../log/index.ts';

export interface ExportDownload {
  filename: string;
  write(sink: Writable, signal: AbortSignal): Promise<void>;
}

/** `filename="…"` for every browser, and `filename*` (RFC 6266/5987) for names beyond ASCII. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function serveExportDownload(
  req: IncomingMessage,
  res: ServerResponse,
  download: ExportDownload | null,
  headers: Record<string, string>,
  logger?: Logger,
): Promise<void> {
  const plain = { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
  if (req.method !== 'GET') {
    res.writeHead(405, { ...plain, Allow: 'GET' });
    return void res.end('Use GET');
  }
  if (download === null) {
    res.writeHead(404, plain);
    return void res.end('This export is not available (it was already downloaded, cancelled or expired).');
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': contentDisposition(download.filename),
    'Cache-Control': 'no-store',
  });
  const stop = new AbortController();
  // 'close' before the end: the browser went away mid-file.
  res.on('close', () => {
    if (!res.writableFinished) stop.abort();
  });
  try {
    await download.write(res, stop.signal);
    res.end();
  } catch (error) {
    if (!stop.signal.aborted) logger?.warn('a CSV download failed', { error });
    // The status is sent: an unfinished body is the only way to say the file is incomplete.
    res.destroy();
  }
}
