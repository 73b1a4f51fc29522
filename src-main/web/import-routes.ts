// The web host's lead-file routes, behind the same guards as /ipc (server.ts checks Host, Origin
// and the secret before routing here):
// - POST /imports/upload: the page streams the dropped or chosen file (body = the file's bytes,
//   Content-Type application/octet-stream, which an HTML form cannot send; X-File-Name = its name,
//   URI-encoded) into a temporary file; answers the contract's IpcResult<StagedFile>.
// - GET /imports/download/<token>: an export of problem rows, once, as an attachment.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { StagedFile } from '../ipc/contract-import-files.ts';
import type { IpcResult } from '../ipc/contract.ts';
import { toIpcError } from '../ipc/errors.ts';
import type { Logger } from '../log/index.ts';
import { DOWNLOAD_PATH, type ImportsService } from '../services/imports/imports-service.ts';
import { UploadTooLargeError } from '../services/imports/staging.ts';

export const UPLOAD_PATH = '/imports/upload';
export { DOWNLOAD_PATH };

export interface ImportRoutes {
  upload(req: IncomingMessage, res: ServerResponse): Promise<void>;
  download(req: IncomingMessage, res: ServerResponse, token: string): Promise<void>;
}

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

function fileNameOf(req: IncomingMessage): string {
  const raw = headerValue(req.headers['x-file-name']) ?? '';
  try {
    return decodeURIComponent(raw).slice(0, 255);
  } catch {
    return raw.slice(0, 255);
  }
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function createImportRoutes(
  imports: Pick<ImportsService, 'stageUpload' | 'takeDownload'>,
  headers: Record<string, string>,
  logger?: Logger,
): ImportRoutes {
  const json = (
    res: ServerResponse,
    status: number,
    body: IpcResult<StagedFile>,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...extra,
    });
    res.end(JSON.stringify(body));
  };

  return {
    async upload(req, res) {
      if (req.method !== 'POST') {
        res.writeHead(405, { ...headers, Allow: 'POST', 'Content-Type': 'text/plain; charset=utf-8' });
        return void res.end('Use POST');
      }
      const type = headerValue(req.headers['content-type']) ?? '';
      if (!/^application\/octet-stream\b/i.test(type)) {
        res.writeHead(415, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
        return void res.end('Content-Type must be application/octet-stream');
      }
      const length = headerValue(req.headers['content-length']);
      const declared = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
      try {
        const staged = await imports.stageUpload(req, fileNameOf(req), declared);
        json(res, 200, { ok: true, data: staged });
      } catch (error) {
        const { error: ipcError, expected } = toIpcError(error);
        if (!expected) logger?.error('upload failed', { error });
        // The rest of the body is unread, so this connection cannot carry another request.
        if (error instanceof UploadTooLargeError)
          json(res, 413, { ok: false, error: ipcError }, { Connection: 'close' });
        else if (!res.headersSent && !req.destroyed) json(res, 200, { ok: false, error: ipcError });
        else res.destroy();
      }
    },

    async download(req, res, token) {
      if (req.method !== 'GET') {
        res.writeHead(405, { ...headers, Allow: 'GET', 'Content-Type': 'text/plain; charset=utf-8' });
        return void res.end('Use GET');
      }
      const entry = /^[0-9a-f-]{36}$/.test(token) ? imports.takeDownload(token) : null;
      if (entry === null) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
        return void res.end('This export was already downloaded or has expired: export the rows again.');
      }
      res.writeHead(200, {
        ...headers,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': attachment(entry.fileName),
        'Cache-Control': 'no-store',
      });
      try {
        await pipeline(createReadStream(entry.path), res);
      } finally {
        await rm(entry.path, { force: true });
      }
    },
  };
}
