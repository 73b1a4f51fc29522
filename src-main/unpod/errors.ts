// One error type for everything that can go wrong talking to Unpod. Callers switch on `kind`;
// `message` is written for a call-center supervisor, not a developer. Nothing here may carry the
// API token: messages and details are scrubbed by `redactSecret` before they leave the client.
import { isCertificateCode, isChromiumNeverSent, isProxyCode } from './chromium-net-error.ts';

export type UnpodErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'business'
  | 'bad_request'
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalid_response'
  | 'outcome_unknown'
  | 'cancelled';

export interface UnpodErrorInit {
  status?: number;
  retryAfterMs?: number;
  details?: unknown;
  /** A low-level reason (e.g. "ECONNREFUSED"), kept as a plain Error so no Request/headers leak. */
  cause?: string;
}

export class UnpodError extends Error {
  readonly kind: UnpodErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly details?: unknown;

  constructor(kind: UnpodErrorKind, message: string, init: UnpodErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: new Error(init.cause) });
    this.name = 'UnpodError';
    this.kind = kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.details !== undefined) this.details = init.details;
  }
}

const REDACTED = '[redacted]';

/** Replaces every occurrence of `secret` in strings nested anywhere inside `value`. */
export function redactSecret<T>(value: T, secret: string): T {
  if (secret.length === 0) return value;
  const scrub = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return v.split(secret).join(REDACTED);
    if (depth > 20 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((item) => scrub(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v))
      out[scrub(key, depth + 1) as string] = scrub(item, depth + 1);
    return out;
  };
  return scrub(value, 0) as T;
}

/** A copy of `error` whose message and details cannot contain `secret`. */
export function redactError(error: UnpodError, secret: string): UnpodError {
  if (secret.length === 0) return error;
  const needsScrub =
    error.message.includes(secret) ||
    // Compared after scrubbing, not as JSON text: JSON escapes `"` and `\` inside a token.
    (error.details !== undefined &&
      JSON.stringify(redactSecret(error.details, secret)) !== JSON.stringify(error.details)) ||
    (error.cause instanceof Error && error.cause.message.includes(secret));
  if (!needsScrub) return error;
  return new UnpodError(error.kind, redactSecret(error.message, secret), {
    status: error.status,
    retryAfterMs: error.retryAfterMs,
    details: redactSecret(error.details, secret),
    cause: error.cause instanceof Error ? redactSecret(error.cause.message, secret) : undefined,
  });
}

// ---- Plain-language messages, one per class ----

/** What the request was about, for messages: "the agent list", "agent 'sales-bot'". */
export interface ErrorContext {
  what: string;
  /** True for task creation: an ambiguous failure means tasks may or may not exist. */
  isCreate?: boolean;
}

/** Turns the platform's `errors` (string, field→messages map, list) into one readable line. */
export function describeServerErrors(errors: unknown): string | undefined {
  if (errors === undefined || errors === null || errors === '') return undefined;
  if (typeof errors === 'string') return errors;
  if (Array.isArray(errors))
    return errors
      .map((e) => describeServerErrors(e) ?? '')
      .filter(Boolean)
      .join('; ');
  if (typeof errors === 'object') {
    const parts = Object.entries(errors).map(([field, value]) => {
      const text = describeServerErrors(value);
      return text ? `${field}: ${text}` : field;
    });
    return parts.join('; ');
  }
  return String(errors);
}

function withServerMessage(base: string, serverMessage: string | undefined): string {
  return serverMessage ? `${base} Unpod said: "${serverMessage}"` : base;
}

export function formatSeconds(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.ceil(ms / 1000);
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

export interface HttpFailure {
  status: number;
  serverMessage?: string;
  serverErrors?: unknown;
  retryAfterMs?: number;
  /** The body as received, for details, when it is not the usual JSON envelope. */
  bodySnippet?: string;
}

/** Maps an HTTP status (206 and every non-2xx) to the error a caller sees. */
export function errorFromHttpStatus(failure: HttpFailure, ctx: ErrorContext): UnpodError {
  const { status, serverMessage, serverErrors, retryAfterMs } = failure;
  const details: Record<string, unknown> = {};
  if (serverMessage !== undefined) details.message = serverMessage;
  if (serverErrors !== undefined) details.errors = serverErrors;
  if (failure.bodySnippet !== undefined && serverMessage === undefined) details.body = failure.bodySnippet;
  const init = { status, details: Object.keys(details).length > 0 ? details : undefined };

  if (status === 206) {
    const errorsText = describeServerErrors(serverErrors);
    const reason = [serverMessage, errorsText].filter(Boolean).join(': ');
    return new UnpodError(
      'business',
      reason
        ? `Unpod could not complete ${ctx.what}: ${reason}.`
        : `Unpod could not complete ${ctx.what} and gave no reason (206).`,
      init,
    );
  }
  if (status === 401) {
    return new UnpodError(
      'unauthorized',
      'The API token was rejected (401). Check the token in Settings, or create a new key in the Unpod dashboard (API Keys).',
      init,
    );
  }
  if (status === 403) {
    if (serverMessage !== undefined && /expired/i.test(serverMessage)) {
      return new UnpodError(
        'forbidden',
        'The API token has expired (403). Create a new key in the Unpod dashboard (API Keys) and update it in Settings.',
        init,
      );
    }
    return new UnpodError(
      'forbidden',
      withServerMessage(
        `Access to ${ctx.what} was denied (403). This token may not have access to it.`,
        serverMessage,
      ),
      init,
    );
  }
  if (status === 404) {
    return new UnpodError(
      'not_found',
      withServerMessage(`Unpod could not find ${ctx.what} (404).`, serverMessage),
      init,
    );
  }
  if (status === 429) {
    const wait =
      retryAfterMs !== undefined ? ` Try again in ${formatSeconds(retryAfterMs)}.` : ' Try again shortly.';
    return new UnpodError('rate_limited', `Unpod is limiting how fast requests can be made (429).${wait}`, {
      ...init,
      retryAfterMs,
    });
  }
  if (status >= 500) {
    if (ctx.isCreate) {
      return new UnpodError(
        'outcome_unknown',
        withServerMessage(
          `Unpod had a server error (${status}) while creating tasks, so it is not known whether they were created. Check the space's task list before sending again.`,
          serverMessage,
        ),
        init,
      );
    }
    return new UnpodError(
      'server',
      `Unpod had a server error (${status}) while loading ${ctx.what}. Try again in a few minutes.`,
      init,
    );
  }
  // 400 and every other client-side status.
  const errorsText = describeServerErrors(serverErrors);
  const reason = [serverMessage, errorsText].filter(Boolean).join(': ');
  return new UnpodError(
    'bad_request',
    reason ? `Unpod rejected ${ctx.what} (${status}): ${reason}.` : `Unpod rejected ${ctx.what} (${status}).`,
    init,
  );
}

/** Connection-level codes that prove the request never reached the server. */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ERR_INVALID_URL',
  'ERR_BAD_PORT', // fetch refuses some ports outright ("bad port")
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function networkErrorFrom(code: string | undefined, ctx: ErrorContext): UnpodError {
  const neverSent = code !== undefined && (NEVER_SENT_CODES.has(code) || isChromiumNeverSent(code));
  if (ctx.isCreate && !neverSent) {
    return new UnpodError(
      'outcome_unknown',
      "The connection to Unpod broke while creating tasks, so it is not known whether they were created. Check the space's task list before sending again.",
      { cause: code, details: code ? { code } : undefined },
    );
  }
  let reason = 'The connection to Unpod failed';
  if (code === 'ECONNREFUSED') reason = 'Unpod refused the connection';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    reason = 'The Unpod server address could not be found';
  else if (code !== undefined && isProxyCode(code))
    reason = 'The proxy server set up on this computer could not reach Unpod';
  else if (code !== undefined && (/CERT|TLS/.test(code) || isCertificateCode(code)))
    reason = "Unpod's security certificate could not be verified";
  return new UnpodError(
    'network',
    `${reason} while loading ${ctx.what}. Check the internet connection and the server address.`,
    {
      cause: code,
      details: code ? { code } : undefined,
    },
  );
}

export function timeoutErrorFor(timeoutMs: number, ctx: ErrorContext): UnpodError {
  if (ctx.isCreate) {
    return new UnpodError(
      'outcome_unknown',
      `Unpod did not answer within ${formatSeconds(timeoutMs)} while creating tasks, so it is not known whether they were created. Check the space's task list before sending again.`,
      { details: { timeoutMs } },
    );
  }
  return new UnpodError(
    'timeout',
    `Unpod did not answer within ${formatSeconds(timeoutMs)} while loading ${ctx.what}.`,
    {
      details: { timeoutMs },
    },
  );
}

export function cancelledError(ctx: ErrorContext, maybeSent = false): UnpodError {
  if (ctx.isCreate && maybeSent) {
    return new UnpodError(
      'cancelled',
      "Task creation was cancelled after the request was sent; Unpod may already have created the tasks. Check the space's task list before sending again.",
      { details: { outcomeUnknown: true } },
    );
  }
  return new UnpodError('cancelled', `Loading ${ctx.what} was cancelled.`);
}

/** A 2xx answer the client cannot use: not JSON, an HTML page, or a shape that fails the schema. */
export function invalidResponseError(problem: string, ctx: ErrorContext, details?: unknown): UnpodError {
  if (ctx.isCreate) {
    return new UnpodError(
      'outcome_unknown',
      `Unpod answered the task creation with ${problem}, so it is not known whether the tasks were created. Check the space's task list before sending again.`,
      { details },
    );
  }
  return new UnpodError('invalid_response', `Unpod sent ${problem} for ${ctx.what}.`, { details });
}
