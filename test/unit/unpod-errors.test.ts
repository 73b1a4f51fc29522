import { describe, expect, it } from 'vitest';
import {
  UnpodError,
  createUnpodClient,
  describeServerErrors,
  errorFromHttpStatus,
  normalizeBaseUrl,
  parseRetryAfter,
  redactError,
  type CreateTaskRequest,
  type RequestLogEntry,
} from '../../src-main/unpod/index.ts';
import { formatIssuePath, readErrorBody } from '../../src-main/unpod/http.ts';

const ctx = { what: 'the agent list' };

describe('error messages', () => {
  it('says the token expired on 403 "Token has expired."', () => {
    const error = errorFromHttpStatus({ status: 403, serverMessage: 'Token has expired.' }, ctx);
    expect(error.kind).toBe('forbidden');
    expect(error.message).toMatch(/token has expired/i);
  });

  it('a plain 403 is access denied, not expiry', () => {
    const error = errorFromHttpStatus({ status: 403, serverMessage: 'You do not have permission.' }, ctx);
    expect(error.message).toMatch(/denied/);
    expect(error.message).not.toMatch(/expired/);
  });

  it('429 carries retryAfterMs and says when to try again', () => {
    const error = errorFromHttpStatus({ status: 429, retryAfterMs: 30_000 }, ctx);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000, status: 429 });
    expect(error.message).toContain('30 seconds');
  });

  it('5xx is a server error, except on create where the outcome is unknown', () => {
    expect(errorFromHttpStatus({ status: 502 }, ctx).kind).toBe('server');
    expect(errorFromHttpStatus({ status: 502 }, { what: 'x', isCreate: true }).kind).toBe('outcome_unknown');
  });

  it('clear rejections on create keep their own kind', () => {
    const create = { what: 'the task creation', isCreate: true };
    expect(errorFromHttpStatus({ status: 429 }, create).kind).toBe('rate_limited');
    expect(errorFromHttpStatus({ status: 400, serverMessage: 'bad' }, create).kind).toBe('bad_request');
    expect(errorFromHttpStatus({ status: 206, serverMessage: 'nope' }, create).kind).toBe('business');
    expect(errorFromHttpStatus({ status: 401 }, create).kind).toBe('unauthorized');
  });

  it('an HTML 502 page becomes a short text snippet, not markup', () => {
    const body = readErrorBody(
      '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
    );
    expect(body.bodySnippet).toBe('502 Bad Gateway Bad Gateway');
  });

  it('server `errors` in any shape become one readable line', () => {
    expect(describeServerErrors({ contact_number: ['is required'], pilot: 'unknown' })).toBe(
      'contact_number: is required; pilot: unknown',
    );
    expect(describeServerErrors(null)).toBeUndefined();
  });
});

describe('token redaction', () => {
  it('scrubs the token from message, details and cause', () => {
    const token = 'tok_SECRET_123';
    const error = new UnpodError('bad_request', `Invalid token ${token}`, {
      details: { echoed: [`Token ${token}`] },
      cause: `header was ${token}`,
    });
    const safe = redactError(error, token);
    expect(safe.kind).toBe('bad_request');
    const everything = JSON.stringify({ m: safe.message, d: safe.details, c: (safe.cause as Error).message });
    expect(everything).not.toContain(token);
    expect(everything).toContain('[redacted]');
  });

  it('scrubs details holding a token with characters that JSON escapes', () => {
    const token = 'tok"with\\quote';
    const error = new UnpodError('bad_request', 'Rejected', { details: { echoed: token } });
    const safe = redactError(error, token);
    expect(JSON.stringify(safe.details)).toContain('[redacted]');
    expect((safe.details as { echoed: string }).echoed).not.toContain(token);
  });
});

describe('path segments', () => {
  it.each(['.', '..'])(
    'refuses "%s" as a space token or agent handle before sending anything',
    async (bad) => {
      const requested: RequestLogEntry[] = [];
      const client = createUnpodClient({
        baseUrl: 'http://127.0.0.1:9',
        token: 'tok_x',
        orgHandle: 'org',
        onRequest: (entry) => requested.push(entry),
      });
      await expect(client.listSpaceTasks(bad, { page: 1, pageSize: 10 })).rejects.toMatchObject({
        kind: 'bad_request',
      });
      await expect(client.listAgentTasks(bad, { page: 1, pageSize: 10 })).rejects.toMatchObject({
        kind: 'bad_request',
      });
      expect(requested).toEqual([]);
    },
  );
});

describe('helpers', () => {
  it('parses Retry-After seconds and HTTP-dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('normalises base URLs', () => {
    expect(normalizeBaseUrl('https://unpod.dev/')).toBe('https://unpod.dev');
    expect(normalizeBaseUrl('https://unpod.dev/api/v2/platform/')).toBe('https://unpod.dev');
    expect(normalizeBaseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(normalizeBaseUrl('https://corp.example/unpod/')).toBe('https://corp.example/unpod');
    expect(() => normalizeBaseUrl('ftp://unpod.dev')).toThrow(UnpodError);
    expect(() => normalizeBaseUrl('not a url')).toThrow(/not a valid web address/);
  });

  it('formats schema issue paths', () => {
    expect(formatIssuePath(['data', 3, 'output', 'duration'])).toBe('data[3].output.duration');
    expect(formatIssuePath([])).toBe('(top level)');
  });
});

describe('checks made before anything is sent', () => {
  // Port 9 (discard) on localhost: nothing should ever be requested, so the address never matters.
  const requests: RequestLogEntry[] = [];
  const client = createUnpodClient({
    baseUrl: 'http://127.0.0.1:9',
    token: 'tok',
    onRequest: (r) => requests.push(r),
  });

  it('spaces and agents need an organization', async () => {
    await expect(client.listSpaces()).rejects.toMatchObject({
      kind: 'bad_request',
      message: expect.stringMatching(/organization/),
    });
    await expect(client.listAgents()).rejects.toMatchObject({ kind: 'bad_request' });
    expect(requests).toEqual([]);
  });

  it('an incomplete create request is refused locally', async () => {
    const request = {
      pilot: 'agent',
      context: 'c',
      documents: [{ name: 'A' }],
    } as unknown as CreateTaskRequest;
    await expect(client.createTask('space', request)).rejects.toMatchObject({
      kind: 'bad_request',
      message: expect.stringContaining('documents.0.contact_number'),
    });
    expect(requests).toEqual([]);
  });

  it('an already-aborted signal is cancelled without a request', async () => {
    await expect(client.listOrganizations({ signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'cancelled',
    });
    expect(requests).toEqual([]);
  });

  it('a missing token is refused when the client is made', () => {
    expect(() => createUnpodClient({ baseUrl: 'https://unpod.dev', token: ' ' })).toThrow(/No API token/);
  });
});
