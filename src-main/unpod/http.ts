// The one place that sends requests to the Unpod API and turns every outcome into either parsed,
// schema-checked data or an UnpodError. ky does the retrying (GET only) with exponential backoff,
// full jitter and Retry-After; creates are sent exactly once.
import ky, { isHTTPError, isNetworkError, isTimeoutError, type HTTPError, type KyInstance } from 'ky';
import type { z } from 'zod';
import {
  UnpodError,
  cancelledError,
  errorFromHttpStatus,
  invalidResponseError,
  networkErrorFrom,
  redactError,
  timeoutErrorFor,
  type ErrorContext,
  type HttpFailure,
} from './errors.ts';
import { errorBodySchema } from './schemas.ts';
import { observeServerDate } from './server-clock.ts';

export interface RequestLogEntry {
  method: string;
  /** The full URL as sent (never contains the token: it only travels in a header). */
  url: string;
  /** Whether this request carried the Authorization header (only API requests may). */
  withToken: boolean;
}

export interface RetrySettings {
  limit: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface TransportSettings {
  timeoutMs: number;
  retry: RetrySettings;
  onRequest?: (info: RequestLogEntry) => void;
}

/** Statuses worth another GET attempt: timeouts, rate limits, and gateway/server trouble (incl. Cloudflare 52x). */
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524];

/**
 * A ky instance with our retry policy and per-attempt request logging. `headers` and `prefix`
 * are what distinguish the API instance (token, Org-Handle) from the bare recording downloader.
 */
export function createKy(
  settings: TransportSettings,
  extra: { prefix?: string; headers?: Record<string, string> },
): KyInstance {
  const { retry, onRequest } = settings;
  return ky.create({
    prefix: extra.prefix,
    headers: extra.headers,
    timeout: settings.timeoutMs,
    retry: {
      limit: retry.limit,
      methods: ['get'],
      statusCodes: RETRY_STATUSES,
      afterStatusCodes: [429, 503],
      retryOnTimeout: true,
      delay: (attempt) => retry.baseDelayMs * 2 ** (attempt - 1),
      jitter: true, // full jitter: uniform in [0, computed delay]
      backoffLimit: retry.maxDelayMs,
      maxRetryAfter: retry.maxDelayMs,
    },
    // Called once per attempt (retries included), so callers can count and audit requests.
    fetch: async (input, init) => {
      if (onRequest) {
        const request = input instanceof Request ? input : new Request(input, init);
        onRequest({
          method: request.method,
          url: request.url,
          withToken: request.headers.has('authorization'),
        });
      }
      const sentAt = Date.now();
      const response = await globalThis.fetch(input, init);
      // The platform's clock, for reconciling imports (server-clock.ts).
      const url = input instanceof Request ? input.url : String(input);
      observeServerDate(new URL(url).origin, response.headers.get('date'), sentAt, Date.now());
      return response;
    },
  });
}

// ---- Reading failures ----

/** Retry-After is either delay-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function snippet(text: string): string {
  const flat = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** Pulls `message` / `errors` out of an error body, whatever its shape. */
export function readErrorBody(
  body: unknown,
): Pick<HttpFailure, 'serverMessage' | 'serverErrors' | 'bodySnippet'> {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (trimmed.startsWith('{')) {
      try {
        return readErrorBody(JSON.parse(trimmed));
      } catch {
        // not JSON after all
      }
    }
    return trimmed ? { bodySnippet: snippet(trimmed) } : {};
  }
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return {};
  const message = parsed.data.message ?? parsed.data.detail;
  return {
    serverMessage: message === undefined ? undefined : String(message),
    serverErrors: parsed.data.errors,
  };
}

function failureFromHttpError(error: HTTPError): HttpFailure {
  const { status, headers } = error.response;
  return { status, retryAfterMs: parseRetryAfter(headers.get('retry-after')), ...readErrorBody(error.data) };
}

/** The first `code` on an error or its causes (undici puts ECONNREFUSED etc. on `cause`). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (current instanceof AggregateError) {
      const inner = current.errors.map(errorCode).find((c) => c !== undefined);
      if (inner) return inner;
    }
    // fetch rejects blocked ports before connecting, with no code.
    if (current.message === 'bad port') return 'ERR_BAD_PORT';
    current = current.cause;
  }
  return undefined;
}

export interface FailureContext extends ErrorContext {
  signal?: AbortSignal;
  timeoutMs: number;
}

/** Maps anything thrown while requesting or reading to an UnpodError; unknown bugs are rethrown. */
export function toUnpodError(error: unknown, ctx: FailureContext): UnpodError {
  if (error instanceof UnpodError) return error;
  if (ctx.signal?.aborted) return cancelledError(ctx, true);
  if (isHTTPError(error)) return errorFromHttpStatus(failureFromHttpError(error), ctx);
  if (isTimeoutError(error)) return timeoutErrorFor(ctx.timeoutMs, ctx);
  if (isNetworkError(error)) return networkErrorFrom(errorCode(error.cause), ctx);
  // Undici errors ky does not wrap, e.g. "terminated" when a body read is cut off.
  if (error instanceof TypeError || errorCode(error) !== undefined)
    return networkErrorFrom(errorCode(error), ctx);
  throw error;
}

// ---- The JSON call ----

export interface JsonCall<T> {
  method: 'GET' | 'POST';
  /** Relative to the API prefix, no leading slash. */
  path: string;
  searchParams?: Record<string, string | number | undefined>;
  json?: unknown;
  schema: z.ZodType<T>;
  ctx: ErrorContext;
  signal?: AbortSignal;
}

/** `data[3].output.duration` */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

function parseJsonBody(text: string, ctx: ErrorContext): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const trimmed = text.trim();
    const problem =
      trimmed === ''
        ? 'an empty reply'
        : trimmed.startsWith('<')
          ? 'a web page instead of data'
          : 'a reply that is not valid JSON';
    throw invalidResponseError(problem, ctx, { body: snippet(trimmed) });
  }
}

/** Some servers put the real status inside a 200 body (`{"status_code": 400, ...}`); honour that. */
function embeddedFailure(body: unknown): HttpFailure | undefined {
  if (typeof body !== 'object' || body === null || !('status_code' in body)) return undefined;
  const code = Number((body as { status_code: unknown }).status_code);
  if (!(code === 206 || (code >= 400 && code <= 599))) return undefined;
  return { status: code, ...readErrorBody(body) };
}

export async function callJson<T>(
  api: KyInstance,
  call: JsonCall<T>,
  settings: TransportSettings,
  secret: string,
): Promise<T> {
  const ctx: FailureContext = { ...call.ctx, signal: call.signal, timeoutMs: settings.timeoutMs };
  try {
    if (call.signal?.aborted) throw cancelledError(ctx, false);
    let status: number;
    let text: string;
    try {
      const pending = api(call.path, {
        method: call.method,
        searchParams: call.searchParams,
        json: call.json,
        signal: call.signal,
        // Never resend a create: a duplicate dials real people twice.
        ...(call.ctx.isCreate ? { retry: 0 } : {}),
      });
      const response = await pending;
      status = response.status;
      text = await pending.text(); // ky bounds the body read by the same timeout
    } catch (error) {
      throw toUnpodError(error, ctx);
    }

    // 206 is how the platform reports business failures: a body, but never data.
    if (status === 206) {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      throw errorFromHttpStatus({ status, ...readErrorBody(body) }, ctx);
    }

    const body = parseJsonBody(text, ctx);
    const embedded = embeddedFailure(body);
    if (embedded) throw errorFromHttpStatus(embedded, ctx);

    const parsed = call.schema.safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? formatIssuePath(first.path) : '(top level)';
      throw invalidResponseError(
        `data the app does not understand (field ${where}: ${first?.message ?? 'invalid'})`,
        ctx,
        {
          path: where,
          issues: parsed.error.issues
            .slice(0, 5)
            .map((i) => ({ path: formatIssuePath(i.path), message: i.message })),
        },
      );
    }
    return parsed.data;
  } catch (error) {
    if (error instanceof UnpodError) throw redactError(error, secret);
    throw error;
  }
}
