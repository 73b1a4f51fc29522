import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src-main/log/logger.ts';
import { UnpodError } from '../../src-main/unpod/errors.ts';

const TOKEN = 'c2VjcmV0LXRva2VuLWExYjI5OTk5';

function captured(level: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'debug') {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    stderr: false,
    sink: (line) => lines.push(line),
    now: () => new Date(0),
  });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logger redaction', () => {
  it('hides the Authorization header value in nested objects, whatever the key case', () => {
    const { logger, lines } = captured();
    logger.info('request', {
      request: {
        url: 'https://unpod.dev/api/v2/platform/organizations/',
        headers: { Authorization: `Token ${TOKEN}`, Accept: 'application/json' },
      },
      retry: [{ headers: { authorization: `Token ${TOKEN}` } }],
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(TOKEN);
    const record = JSON.parse(lines[0]!) as {
      request: { headers: Record<string, string> };
      retry: { headers: Record<string, string> }[];
    };
    expect(record.request.headers.Authorization).toBe('[REDACTED]');
    expect(record.request.headers.Accept).toBe('application/json');
    expect(record.retry[0]!.headers.authorization).toBe('[REDACTED]');
  });

  it('hides Authorization values written inside strings and inside a Headers object', () => {
    const { logger, lines } = captured();
    const headers = new Headers({ Authorization: 'Token abcdefgh12345678', 'Org-Handle': 'acme' });
    logger.warn('sent Authorization: Token abcdefgh12345678 to the server', { headers });
    const record = JSON.parse(lines[0]!) as { msg: string; headers: Record<string, string> };
    expect(lines[0]).not.toContain('abcdefgh12345678');
    expect(record.msg).toBe('sent Authorization: Token [REDACTED] to the server');
    expect(record.headers).toEqual({ authorization: '[REDACTED]', 'org-handle': 'acme' });
  });

  it('hides a registered secret anywhere: message, fields, error message, stack and cause', () => {
    const { logger, lines } = captured();
    logger.info(`before registering: ${TOKEN}`);
    expect(lines[0]).toContain(TOKEN); // not a credential by position, not registered yet

    logger.registerSecret(TOKEN);
    const cause = new Error(`low-level failure with ${TOKEN}`);
    const error = new UnpodError('unauthorized', `rejected ${TOKEN}`, {
      status: 401,
      details: { echoed: TOKEN },
    });
    const wrapped = new Error(`wrapped ${TOKEN}`, { cause });
    logger.error(`token is ${TOKEN}`, { error, wrapped, deep: { a: [{ b: `x${TOKEN}y` }] }, [TOKEN]: 1 });

    const line = lines[1]!;
    expect(line).not.toContain(TOKEN);
    const record = JSON.parse(line) as {
      msg: string;
      error: {
        name: string;
        kind: string;
        status: number;
        message: string;
        details: { echoed: string };
        stack: string;
      };
      wrapped: { message: string; cause: { message: string } };
      deep: { a: { b: string }[] };
    };
    expect(record.msg).toBe('token is [REDACTED]');
    expect(record.error).toMatchObject({
      name: 'UnpodError',
      kind: 'unauthorized',
      status: 401,
      message: 'rejected [REDACTED]',
    });
    expect(record.error.details.echoed).toBe('[REDACTED]');
    expect(record.error.stack).toContain('rejected [REDACTED]');
    expect(record.wrapped.cause.message).toBe('low-level failure with [REDACTED]');
    expect(record.deep.a[0]!.b).toBe('x[REDACTED]y');
  });

  it('shares registered secrets between a logger and its children', () => {
    const { logger, lines } = captured();
    const child = logger.child({ component: 'auth' });
    child.registerSecret(TOKEN);
    logger.info(`parent ${TOKEN}`);
    child.info(`child ${TOKEN}`);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(JSON.parse(lines[1]!)).toMatchObject({ component: 'auth', msg: 'child [REDACTED]' });
  });

  it('survives cycles and does not modify the logged objects', () => {
    const { logger, lines } = captured();
    const headers = { Authorization: `Token ${TOKEN}` };
    const node: Record<string, unknown> = { headers };
    node.self = node;
    logger.info('cyclic', { node });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      node: { self: '[Circular]', headers: { Authorization: '[REDACTED]' } },
    });
    expect(headers.Authorization).toBe(`Token ${TOKEN}`);
  });

  it('writes one JSON line per record with time, level and msg, and honours the level', () => {
    const { logger, records } = captured('warn');
    logger.debug('no');
    logger.info('no');
    logger.warn('yes', { level: 'spoofed', n: 1 });
    logger.error('also');
    expect(records()).toEqual([
      { time: '1970-01-01T00:00:00.000Z', level: 'warn', msg: 'yes', n: 1 },
      { time: '1970-01-01T00:00:00.000Z', level: 'error', msg: 'also' },
    ]);
  });

  describe('file output', () => {
    let dir: string | undefined;
    afterEach(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('appends redacted JSON lines to the log file', async () => {
      dir = await mkdtemp(join(tmpdir(), 'unpod-log-'));
      const file = join(dir, 'logs', 'main.log');
      const logger = createLogger({ file, stderr: false });
      logger.registerSecret(TOKEN);
      logger.info('first', { token: TOKEN });
      logger.error('second', { headers: { Authorization: 'Token zzzzzzzz' } });
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('zzzzzzzz');
      const records = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(records.map((r) => r.msg)).toEqual(['first', 'second']);
    });
  });
});
