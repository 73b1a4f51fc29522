// Turning anything a handler throws into the contract's error shape. Electron IPC and JSON do
// not carry Error subclasses, and the renderer must never see a stack trace, so every failure
// crosses the boundary as { code, message, details? }.
import { UnpodError } from '../unpod/errors.ts';
import { errorCodes, type ErrorCode, type IpcError } from './contract.ts';

/** An error a service throws on purpose, already phrased for the user. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}

export const INTERNAL_MESSAGE =
  'Something went wrong inside Unpod Desk. Try again; if it keeps happening, restart the app.';

const knownCodes: ReadonlySet<string> = new Set(errorCodes);

/** Keeps details only when they survive a JSON round trip (plain data, no functions or cycles). */
function plainDetails(details: unknown): unknown {
  if (details === undefined) return undefined;
  try {
    const text = JSON.stringify(details);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function withDetails(code: ErrorCode, message: string, details: unknown): IpcError {
  const plain = plainDetails(details);
  return plain === undefined ? { code, message } : { code, message, details: plain };
}

/**
 * Maps a thrown value to an IpcError. Known errors (AppError, UnpodError) keep their code and
 * plain-language message; anything else is an `internal` error with a generic message, because
 * its text may be a developer message or contain paths.
 */
export function toIpcError(error: unknown): { error: IpcError; expected: boolean } {
  if (error instanceof AppError) {
    return { error: withDetails(error.code, error.message, error.details), expected: true };
  }
  if (error instanceof UnpodError && knownCodes.has(error.kind)) {
    const details =
      error.retryAfterMs !== undefined && error.details === undefined
        ? { retryAfterMs: error.retryAfterMs }
        : error.details;
    return { error: withDetails(error.kind as ErrorCode, error.message, details), expected: true };
  }
  return { error: { code: 'internal', message: INTERNAL_MESSAGE }, expected: false };
}
