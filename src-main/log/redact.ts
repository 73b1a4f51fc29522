// Redaction for log records. Two kinds of secrets are hidden:
// 1. credentials identified by where they appear: the value of an Authorization header (or any
//    key that names a credential), and "Authorization: Token …" written inside a string;
// 2. secret values registered at run time (the API token of every profile the process has
//    touched), wherever they appear: messages, nested objects, error messages, stacks, causes.
// Redaction works on a copy; the caller's objects are never modified.

export const REDACTED = '[REDACTED]';

/** Keys whose value is a credential, whatever it looks like (compared case-insensitively). */
const CREDENTIAL_KEYS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-unpod-secret',
  'password',
  'secret',
  'apitoken',
  'api_token',
  'api-token',
  'apikey',
  'api_key',
  'api-key',
]);

/** "Authorization: Token abc", "authorization=Bearer abc", "\"Authorization\":\"Token abc\"". */
const AUTH_IN_TEXT = /(authorization["']?\s*[:=]\s*["']?)(?:(token|bearer|basic)\s+)?[^\s"',;}]+/gi;

/** Registered secrets shorter than this are ignored: redacting "ab" everywhere would shred logs. */
export const MIN_SECRET_LENGTH = 4;
const MAX_DEPTH = 12;

export class Redactor {
  // Longest first, so a secret that contains another is replaced whole.
  #secrets: string[] = [];

  registerSecret(secret: string): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.#secrets.includes(secret))
      return;
    this.#secrets.push(secret);
    this.#secrets.sort((a, b) => b.length - a.length);
  }

  redactString(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out.replace(AUTH_IN_TEXT, (_match, prefix: string, scheme: string | undefined) =>
      scheme ? `${prefix}${scheme} ${REDACTED}` : `${prefix}${REDACTED}`,
    );
  }

  /** A JSON-safe, redacted copy of any value (errors, Headers, Maps, cycles included). */
  redact(value: unknown): unknown {
    return this.#walk(value, 0, new WeakSet());
  }

  #walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'symbol') return value.toString();
    if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Truncated]';
    seen.add(value);
    try {
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
      if (value instanceof Error) return this.#walkError(value, depth, seen);
      if (value instanceof URL) return this.redactString(value.href);
      if (typeof Headers !== 'undefined' && value instanceof Headers) {
        return this.#walkEntries(value.entries(), depth, seen);
      }
      if (value instanceof Map) return this.#walkEntries(value.entries(), depth, seen);
      if (value instanceof Set) return [...value].map((item) => this.#walk(item, depth + 1, seen));
      if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
      if (Array.isArray(value)) return value.map((item) => this.#walk(item, depth + 1, seen));
      return this.#walkEntries(Object.entries(value), depth, seen);
    } finally {
      // Only the current path counts as a cycle; the same object twice side by side is fine.
      seen.delete(value);
    }
  }

  #walkEntries(
    entries: Iterable<[unknown, unknown]>,
    depth: number,
    seen: WeakSet<object>,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [rawKey, item] of entries) {
      const key = this.redactString(String(rawKey));
      out[key] = CREDENTIAL_KEYS.has(key.toLowerCase()) ? REDACTED : this.#walk(item, depth + 1, seen);
    }
    return out;
  }

  #walkError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
    const out: Record<string, unknown> = {
      name: this.redactString(error.name),
      message: this.redactString(error.message),
    };
    // Own enumerable fields such as kind, status, code, details (UnpodError, Node system errors).
    for (const [key, item] of Object.entries(error)) {
      if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause') continue;
      out[key] = CREDENTIAL_KEYS.has(key.toLowerCase()) ? REDACTED : this.#walk(item, depth + 1, seen);
    }
    if (error.stack !== undefined) out.stack = this.redactString(error.stack);
    if (error.cause !== undefined) out.cause = this.#walk(error.cause, depth + 1, seen);
    return out;
  }
}
