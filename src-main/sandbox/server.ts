// HTTP front of the sandbox: routing (paths, trailing slashes and methods as on the platform),
// authentication, fault injection, and writing replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth.ts';
import { jsonReply, rawReply, unpodReply, type Reply } from './envelope.ts';
import {
  getSpace,
  listAgentTasks,
  listAgents,
  listOrganizations,
  listSpaceTasks,
  listSpaces,
} from './api.ts';
import { createTasks } from './create-task.ts';
import { preSignedUrl, recordingFile } from './media.ts';
import type { FaultList } from './faults.ts';
import type { ApiRequest, SandboxContext } from './context.ts';
import type { FaultRule } from './types.ts';

type Handler = (ctx: SandboxContext, req: ApiRequest) => Reply;

interface Route {
  pattern: RegExp;
  /** Token-authenticated platform API (the media files are guarded by signatures instead). */
  api: boolean;
  methods: Partial<Record<'GET' | 'POST', Handler>>;
}

const SEGMENT = '([^/]+)';
const PLATFORM = '/api/v2/platform';
const route = (path: string, api: boolean, methods: Route['methods']): Route => ({
  pattern: new RegExp(`^${path}$`),
  api,
  methods,
});

const ROUTES: Route[] = [
  route(`${PLATFORM}/organizations/`, true, { GET: listOrganizations }),
  route(`${PLATFORM}/spaces/`, true, { GET: listSpaces }),
  route(`${PLATFORM}/spaces/${SEGMENT}/`, true, { GET: getSpace }),
  route(`${PLATFORM}/spaces/${SEGMENT}/tasks/`, true, { GET: listSpaceTasks, POST: createTasks }),
  route(`${PLATFORM}/agents/`, true, { GET: listAgents }),
  route(`${PLATFORM}/agents/${SEGMENT}/tasks/`, true, { GET: listAgentTasks }),
  route('/api/v1/media/pre-signed-url/', true, { GET: preSignedUrl }),
  route('/media/private/recordings/([A-Za-z0-9_-]+)\\.wav', false, { GET: recordingFile }),
];

function findRoute(pathname: string): { route: Route; params: string[] } | null {
  for (const r of ROUTES) {
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    try {
      return { route: r, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      return null; // malformed %-escape: no such resource
    }
  }
  return null;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function faultReply(fault: FaultRule): Reply | null {
  switch (fault.kind) {
    case 'server_error': {
      const status = fault.status ?? 500;
      const text: Record<number, string> = {
        500: 'Internal Server Error',
        502: 'Bad Gateway',
        503: 'Service Unavailable',
        504: 'Gateway Timeout',
      };
      return unpodReply(status, { detail: text[status] ?? 'Server Error' });
    }
    case 'html_502':
      return rawReply(
        502,
        'text/html',
        '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
      );
    case 'rate_limit': {
      const seconds = fault.retryAfterSeconds ?? 1;
      return unpodReply(
        429,
        {
          detail: `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        },
        { 'Retry-After': String(seconds) },
      );
    }
    case 'malformed_json':
      // A body cut off mid-stream, with a Content-Length that matches it.
      return rawReply(
        200,
        'application/json',
        '{"count": 128, "status_code": 200, "message": "Tasks Fetched Succ',
      );
    default:
      return null;
  }
}

export interface RequestHandlerDeps {
  ctx: SandboxContext;
  faults: FaultList;
  /** Waits for injected latency; resolves false if the sandbox closes meanwhile. */
  delay(ms: number): Promise<boolean>;
  /** The rate limit on task creation, when the sandbox has one. */
  createLimiter?: RateLimiter | null;
}

/** A token bucket: `perSecond` creates a second on average, bursts up to `perSecond` (at least 1). */
export class RateLimiter {
  readonly #perSecond: number;
  #tokens: number;
  #at: number;

  constructor(perSecond: number, now: number) {
    this.#perSecond = perSecond;
    this.#tokens = Math.max(1, perSecond);
    this.#at = now;
  }

  /** Takes a token: 0 when allowed, else the ms until one is free. */
  take(now: number): number {
    this.#tokens = Math.min(
      Math.max(1, this.#perSecond),
      this.#tokens + ((now - this.#at) / 1000) * this.#perSecond,
    );
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return ((1 - this.#tokens) / this.#perSecond) * 1000;
  }
}

export function createRequestHandler(deps: RequestHandlerDeps) {
  const { ctx, faults } = deps;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Prefixed with an origin so a path like //host/x stays a path.
    const url = new URL(`http://sandbox${req.url ?? '/'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const found = findRoute(url.pathname);
    const isCreateTask = method === 'POST' && found?.route.methods.POST === createTasks;

    const decision = faults.take({ method, path: url.pathname, isCreateTask });
    // The body is read before any injected latency, as a server receives the whole request before
    // it is slow to process it: a client that gives up meanwhile does not stop the work (a create
    // slower than the client's timeout still creates its tasks, after the client has left).
    let body: Buffer | null = null;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      const read = await readBody(req);
      if (read === 'too_large') {
        return write(
          req,
          res,
          unpodReply(413, { detail: 'Request body is too large.' }, { Connection: 'close' }),
        );
      }
      body = read;
    }
    if (decision.latencyMs > 0 && !(await deps.delay(decision.latencyMs))) {
      req.socket.destroy();
      return;
    }
    const fault = decision.fault;
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const injected = fault ? faultReply(fault) : null;
    if (injected) return write(req, res, injected);

    // The platform's rate limit on creates: refused before any work, with when to come back.
    if (isCreateTask && deps.createLimiter) {
      const waitMs = deps.createLimiter.take(ctx.now());
      if (waitMs > 0) {
        const seconds = Math.max(1, Math.ceil(waitMs / 1000));
        return write(
          req,
          res,
          unpodReply(
            429,
            {
              detail: `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? '' : 's'}.`,
            },
            { 'Retry-After': String(seconds) },
          ),
        );
      }
    }
    const reply = dispatch(url, method, req, body, found);
    if (fault?.kind === 'lost_response') {
      // The work is done (the tasks exist); the client never hears back.
      req.socket.destroy();
      return;
    }
    write(req, res, reply);
  }

  function dispatch(
    url: URL,
    method: string,
    req: IncomingMessage,
    body: Buffer | null,
    found: ReturnType<typeof findRoute>,
  ): Reply {
    if (!found) {
      // Django's APPEND_SLASH: a known path without its trailing slash is redirected.
      if (!url.pathname.endsWith('/') && findRoute(`${url.pathname}/`)?.route.api) {
        return { status: 301, headers: { Location: `${url.pathname}/${url.search}` }, body: Buffer.alloc(0) };
      }
      return unpodReply(404, { detail: 'Not found.' });
    }
    const { route: r, params } = found;
    if (r.api) {
      const denied = authenticate(req.headers.authorization, ctx.world);
      if (denied) return denied;
    }
    const handler = method === 'HEAD' ? r.methods.GET : r.methods[method as 'GET' | 'POST'];
    if (!handler) {
      const allow = [...Object.keys(r.methods), 'HEAD', 'OPTIONS'].join(', ');
      return unpodReply(405, { detail: `Method "${method}" not allowed.` }, { Allow: allow });
    }
    return handler(ctx, { method, url, headers: req.headers, params, body });
  }

  function write(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
    if (res.destroyed) return;
    // The server's own clock (which may be set off the machine's, see clockOffsetMs).
    res.writeHead(reply.status, {
      Date: new Date(ctx.now()).toUTCString(),
      ...reply.headers,
      'Content-Length': String(reply.body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      process.stderr.write(
        `sandbox: request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      if (!res.headersSent && !res.destroyed)
        write(req, res, jsonReply(500, { message: 'Internal Server Error', status_code: 500 }));
      else res.destroy();
    });
  };
}
