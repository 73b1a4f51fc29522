// A small structured logger for the main process: one JSON object per line, to a file and/or
// stderr, with levels. Every record passes through the Redactor first, so neither the value of
// an Authorization header nor any registered secret (API tokens, registered by the auth service
// the moment it holds one) can reach a log, whether it sits in the message, in a nested field or
// inside an error's message, stack or cause.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Redactor } from './redact.ts';

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];
export type LogThreshold = LogLevel | 'silent';
export type LogFields = Record<string, unknown>;

export interface LoggerOptions {
  /** Records below this level are dropped. Default 'info'; 'silent' drops everything. */
  level?: LogThreshold;
  /** Append JSON lines to this file (created with mode 0600, parent folders as needed). */
  file?: string;
  /** Also write JSON lines to stderr. Default: true when no file is given. */
  stderr?: boolean;
  /** Fields added to every record, e.g. { component: 'auth' }. */
  bindings?: LogFields;
  /** Receives every finished line as well (tests, the web host's diagnostics). */
  sink?: (line: string) => void;
  /** Clock, for tests. */
  now?: () => Date;
}

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `bindings` to each record; it shares its parent's outputs and secrets. */
  child(bindings: LogFields): Logger;
  /**
   * From now on, `secret` is replaced by [REDACTED] wherever it appears in a record. Shared by
   * the whole logger family (parent and children). Values shorter than 4 characters are ignored.
   */
  registerSecret(secret: string): void;
}

const rank: Record<LogThreshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

interface Shared {
  threshold: number;
  redactor: Redactor;
  write: (line: string) => void;
  now: () => Date;
}

function makeWriter(options: LoggerOptions): (line: string) => void {
  const toStderr = options.stderr ?? options.file === undefined;
  const file = options.file;
  if (file !== undefined) mkdirSync(dirname(file), { recursive: true });
  let fileBroken = false;
  return (line) => {
    if (file !== undefined && !fileBroken) {
      try {
        // Synchronous appends: log volume is small and a crash must not lose the last records.
        appendFileSync(file, line + '\n', { mode: 0o600 });
      } catch (error) {
        // A full disk or a removed folder must not take the app down; say so once on stderr.
        fileBroken = true;
        process.stderr.write(`logger: cannot write ${file}: ${(error as Error).message}\n`);
      }
    }
    if (toStderr) process.stderr.write(line + '\n');
    options.sink?.(line);
  };
}

function makeLogger(shared: Shared, bindings: LogFields): Logger {
  const log = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (rank[level] < shared.threshold) return;
    const redacted = shared.redactor.redact({ ...bindings, ...fields }) as LogFields;
    const time = shared.now().toISOString();
    const msg = shared.redactor.redactString(String(message));
    // time, level and msg come first in the line and cannot be overridden by a field of that name.
    const record: LogFields = { time, level, msg, ...redacted };
    Object.assign(record, { time, level, msg });
    shared.write(JSON.stringify(record));
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    child: (more) => makeLogger(shared, { ...bindings, ...more }),
    registerSecret: (secret) => shared.redactor.registerSecret(secret),
  };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const shared: Shared = {
    threshold: rank[options.level ?? 'info'],
    redactor: new Redactor(),
    write: makeWriter(options),
    now: options.now ?? (() => new Date()),
  };
  return makeLogger(shared, options.bindings ?? {});
}

/** A logger that writes nothing but still accepts secrets: the default for services and tests. */
export function createSilentLogger(): Logger {
  return createLogger({ level: 'silent', stderr: false });
}
