// The web host's HTTP server: the built renderer, the contract over POST /ipc/<channel>, and
// events over GET /events (Server-Sent Events), on 127.0.0.1 only, behind guards.ts.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IpcResult } from '../ipc/contract.ts';
import type { Router } from '../ipc/router.ts';
import type { Logger } from '../log/index.ts';
import { cacheControlFor, etagOf, matchesEtag, readStaticFile } from '../host-shared/static-files.ts';
import { buildContentSecurityPolicy } from '../shared/content-security-policy.ts';
import type { EventHub } from './event-hub.ts';
import { checkRequest, secretCookie, secretsEqual, SECRET_HEADER } from './guards.ts';
import { createImportRoutes, DOWNLOAD_PATH, UPLOAD_PATH } from './import-routes.ts';
import type { ImportsService } from '../services/imports/imports-service.ts';

export interface WebServerOptions {
  /** 0 picks a free port. */
  port: number;
  rendererDir: string;
  router: Router;
  events: EventHub;
  /** Fixed secret for tests; by default a fresh random one per launch. */
  secret?: string;
  /** Heartbeat comment interval for SSE streams, so idle proxies and browsers keep them open. */
  heartbeatMs?: number;
  logger?: Logger;
  /** Lead-file upload and export download routes (import-routes.ts). */
  imports?: Pick<ImportsService, 'stageUpload' | 'takeDownload'>;
}

export interface WebServer {
  /** The URL to open: http://127.0.0.1:PORT/?secret=SECRET */
  url: string;
  origin: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const CSP = buildContentSecurityPolicy();

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': CSP,
} as const;

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  options.logger?.registerSecret(secret);
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  let port = options.port;
  const streams = new Set<ServerResponse>();
  const importRoutes = options.imports
    ? createImportRoutes(options.imports, COMMON_HEADERS, options.logger)
    : null;

  async function handleIpc(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST', { Allow: 'POST' });
    // Requiring JSON keeps HTML forms (which cannot send it) out, on top of the Origin check.
    const type = headerValue(req.headers['content-type']) ?? '';
    if (!/^application\/json\b/i.test(type))
      return sendText(res, 415, 'Content-Type must be application/json');
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      // The rest of the body is unread, so this connection cannot carry another request.
      if (error instanceof BodyTooLarge)
        return sendText(res, 413, 'Request body too large', { Connection: 'close' });
      throw error;
    }
    let input: unknown = {};
    if (text.trim() !== '') {
      try {
        input = JSON.parse(text);
      } catch {
        const result: IpcResult<never> = {
          ok: false,
          error: {
            code: 'invalid_input',
            message: `Invalid input for ${channel}: the request body is not valid JSON`,
          },
        };
        return sendJson(res, 200, result);
      }
    }
    sendJson(res, 200, await options.router.dispatch(channel, input));
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return sendText(res, 405, 'Use GET', { Allow: 'GET' });
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    streams.add(res);
    const detach = options.events.attach((chunk) => {
      res.write(chunk);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      detach();
      streams.delete(res);
    });
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'Use GET', { Allow: 'GET, HEAD' });
    const file = await readStaticFile(options.rendererDir, pathname);
    if (file === null) return sendText(res, 404, 'Not found');
    const etag = etagOf(file.body);
    const cacheHeaders = { ETag: etag, 'Cache-Control': cacheControlFor(file.servedPath) };
    if (matchesEtag(headerValue(req.headers['if-none-match']), etag)) {
      res.writeHead(304, { ...COMMON_HEADERS, ...cacheHeaders });
      return void res.end();
    }
    res.writeHead(200, {
      ...COMMON_HEADERS,
      ...cacheHeaders,
      'Content-Type': file.contentType,
      'Content-Length': String(file.body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const verdictWithoutSecret = checkRequest(
      {
        host: req.headers.host,
        origin: headerValue(req.headers.origin),
        cookie: req.headers.cookie,
        secretHeader: headerValue(req.headers[SECRET_HEADER]),
      },
      { port, secret },
    );
    if (!verdictWithoutSecret.ok && verdictWithoutSecret.status === 403) {
      return sendText(res, 403, `Forbidden: ${verdictWithoutSecret.reason}.`);
    }

    // The printed link: trade ?secret= for the cookie, then drop the secret from the address bar.
    const offered = url.searchParams.get('secret');
    if (offered !== null && req.method === 'GET') {
      if (!secretsEqual(offered, secret))
        return sendText(res, 401, 'Wrong access secret. Open the link the web host printed.');
      res.writeHead(303, {
        ...COMMON_HEADERS,
        'Set-Cookie': secretCookie(port, secret),
        Location: '/',
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (!verdictWithoutSecret.ok) {
      return sendText(
        res,
        401,
        'Unpod Desk web host: open the link printed in the terminal (it carries the access secret).',
      );
    }

    if (url.pathname.startsWith('/ipc/')) {
      const raw = url.pathname.slice('/ipc/'.length);
      let channel = raw;
      try {
        channel = decodeURIComponent(raw);
      } catch {
        // A malformed escape is just an unknown channel name.
      }
      return handleIpc(req, res, channel);
    }
    if (url.pathname === '/events') return handleEvents(req, res);
    if (importRoutes && url.pathname === UPLOAD_PATH) return importRoutes.upload(req, res);
    if (importRoutes && url.pathname.startsWith(DOWNLOAD_PATH)) {
      return importRoutes.download(req, res, url.pathname.slice(DOWNLOAD_PATH.length));
    }
    return handleStatic(req, res, url.pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.logger?.error('web host request failed', { path: req.url, error });
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?secret=${secret}`,
    origin,
    port,
    secret,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const stream of streams) stream.end();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}
