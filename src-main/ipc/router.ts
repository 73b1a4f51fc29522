// The transport-agnostic router: both hosts (Electron ipcMain, the web host's HTTP) hand it a
// channel name and an untrusted payload and send back whatever it returns. It validates the
// payload against the contract, calls the handler, optionally validates the output, and turns
// every failure into an IpcResult. `dispatch` never rejects. While developing (and in tests) it
// also reports a failure code the channel's contract entry does not declare.
import type { z } from 'zod';
import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ErrorCode,
  type IpcResult,
} from './contract.ts';
import type { Logger } from '../log/index.ts';
import { INTERNAL_MESSAGE, toIpcError } from './errors.ts';

/** What a handler receives: the input after schema parsing (defaults applied, unknown keys refused). */
export type HandlerInput<C extends ChannelName> = z.output<(typeof channels)[C]['input']>;
export type Handler<C extends ChannelName> = (
  input: HandlerInput<C>,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
export type Handlers = { [C in ChannelName]: Handler<C> };

export interface RouterOptions {
  /** Parse each result with the channel's output schema (on in development and tests). */
  validateOutput?: boolean;
  /**
   * Report a failure whose code the channel's contract entry does not list (an
   * UndeclaredErrorCode through onUnexpectedError), so the `errors` lists stay true. Default on;
   * a packaged app turns it off. The caller gets the error unchanged either way.
   */
  checkErrorCodes?: boolean;
  /** Told about unexpected failures (handler bugs, output that breaks the contract) for logging. */
  onUnexpectedError?: (channel: string, error: unknown) => void;
}

/** A channel failed with a code its contract entry does not declare: the contract needs fixing. */
export class UndeclaredErrorCode extends Error {
  readonly channel: ChannelName;
  readonly code: ErrorCode;

  constructor(channel: ChannelName, code: ErrorCode) {
    super(
      `${channel} failed with "${code}", which its contract entry does not list: add it to the channel's errors in src-main/ipc/contract.ts, or stop returning it.`,
    );
    this.name = 'UndeclaredErrorCode';
    this.channel = channel;
    this.code = code;
  }
}

/** Codes any channel can return without declaring them (contract.ts, ChannelDef.errors). */
const ALWAYS_ALLOWED: ReadonlySet<ErrorCode> = new Set(['invalid_input', 'internal']);

const declares = (channel: ChannelName, code: ErrorCode): boolean =>
  ALWAYS_ALLOWED.has(code) || channels[channel].errors.includes(code);

export interface Router {
  dispatch(channel: string, input: unknown): Promise<IpcResult<unknown>>;
}

/** "spaces.select: token: Too small: expected string to have >=1 characters" */
function describeIssues(channel: string, issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  return `Invalid input for ${channel}: ${parts.join('; ')}`;
}

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  const checkErrorCodes = options.checkErrorCodes ?? true;
  const report = (channel: string, error: unknown) => {
    try {
      options.onUnexpectedError?.(channel, error);
    } catch {
      // A failing logger must not break the call.
    }
  };

  return {
    async dispatch(channel, rawInput) {
      if (!isChannelName(channel)) {
        return {
          ok: false,
          error: { code: 'unknown_channel', message: `There is no channel named "${channel}".` },
        };
      }
      const def = channels[channel];
      const parsed = def.input.safeParse(rawInput === undefined ? {} : rawInput);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: describeIssues(channel, parsed.error.issues),
            details: parsed.error.issues.map((issue) => ({
              path: issue.path.map(String),
              message: issue.message,
            })),
          },
        };
      }

      let data: unknown;
      try {
        const handler = handlers[channel] as (input: unknown) => unknown;
        data = await handler(parsed.data);
      } catch (thrown) {
        const { error, expected } = toIpcError(thrown);
        if (!expected) report(channel, thrown);
        else if (checkErrorCodes && !declares(channel, error.code)) {
          report(channel, new UndeclaredErrorCode(channel, error.code));
        }
        return { ok: false, error };
      }

      if (options.validateOutput) {
        const checked = def.output.safeParse(data);
        if (!checked.success) {
          report(channel, new Error(describeIssues(`${channel} (output)`, checked.error.issues)));
          return { ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } };
        }
        // The parsed copy drops fields the contract does not list, so nothing extra leaks.
        data = checked.data;
      }
      return { ok: true, data };
    },
  };
}

/** The hosts' onUnexpectedError: a handler bug is an error; a code missing from the contract, a warning. */
export function logRouterProblems(
  logger: Pick<Logger, 'warn' | 'error'>,
): (channel: string, error: unknown) => void {
  return (channel, error) => {
    if (error instanceof UndeclaredErrorCode) {
      logger.warn('an IPC error code is missing from its contract entry', { channel, error });
    } else {
      logger.error('IPC handler failed unexpectedly', { channel, error });
    }
  };
}
