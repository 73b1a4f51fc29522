// A fake transport for the renderer's stores, built from the IPC contract: the same API object
// the preloads build (`buildApi`), whose calls are checked against each channel's zod input
// schema and then wait until the test answers them, in any order. Answers are checked against
// the channel's output schema and events against their event schema, so a test can neither make
// a call main would refuse nor feed the store something main could never send.
import { buildApi } from '../../../src-main/ipc/api.ts';
import {
  channels,
  events,
  type ChannelName,
  type ChannelOutput,
  type Channels,
  type EventName,
  type EventPayload,
  type IpcError,
  type IpcResult,
  type UnpodApi,
} from '../../../src-main/ipc/contract.ts';
import type { z } from 'zod';

/** A channel's input as main reads it (defaults filled in). */
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;

export interface PendingCall<C extends ChannelName> {
  channel: C;
  input: ParsedInput<C>;
  /** Answers the call and lets the store act on it (its promise chains run). */
  answer(data: ChannelOutput<C>): Promise<void>;
  fail(error: IpcError): Promise<void>;
}

interface Call {
  channel: ChannelName;
  input: unknown;
  settle(result: IpcResult<unknown>): void;
  settled: boolean;
}

/** Lets every promise chain started by an answer or event run to its end (and 0 ms timers fire). */
export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface FakeApi {
  api: UnpodApi;
  /** Calls not answered yet, oldest first (optionally of one channel). */
  pending(channel?: ChannelName): { channel: ChannelName; input: unknown }[];
  /** The oldest unanswered call of `channel` that `match` accepts; fails the test when none. */
  take<C extends ChannelName>(channel: C, match?: (input: ParsedInput<C>) => boolean): PendingCall<C>;
  /** From now on, answers every call of `channel` at once. */
  autoAnswer<C extends ChannelName>(channel: C, respond: (input: ParsedInput<C>) => ChannelOutput<C>): void;
  /** Sends a main→renderer event to the subscribed listeners. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  /** How many listeners follow `event` now. */
  listenerCount(event: EventName): number;
  /** Calls the contract refused: a test checks this stays empty. */
  problems: string[];
}

export function createFakeApi(): FakeApi {
  const calls: Call[] = [];
  const problems: string[] = [];
  const auto = new Map<ChannelName, (input: never) => unknown>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  function parseOutput(channel: ChannelName, data: unknown): unknown {
    const parsed = channels[channel].output.safeParse(data);
    if (!parsed.success)
      throw new Error(`A test answered ${channel} with what main never sends: ${parsed.error.message}`);
    return parsed.data;
  }

  const api = buildApi(
    (channel, rawInput) => {
      const parsed = channels[channel].input.safeParse(rawInput);
      if (!parsed.success) {
        const problem = `${channel} called with an input the contract refuses: ${parsed.error.message}`;
        problems.push(problem);
        return Promise.reject(new Error(problem));
      }
      const respond = auto.get(channel);
      if (respond)
        return Promise.resolve({ ok: true, data: parseOutput(channel, respond(parsed.data as never)) });
      return new Promise<IpcResult<unknown>>((resolve) => {
        const call: Call = {
          channel,
          input: parsed.data,
          settled: false,
          settle(result) {
            call.settled = true;
            resolve(result);
          },
        };
        calls.push(call);
      });
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );

  return {
    api,
    problems,
    pending: (channel) =>
      calls
        .filter((c) => !c.settled && (channel === undefined || c.channel === channel))
        .map(({ channel: name, input }) => ({ channel: name, input })),
    take<C extends ChannelName>(channel: C, match?: (input: ParsedInput<C>) => boolean): PendingCall<C> {
      const call = calls.find(
        (c) => !c.settled && c.channel === channel && (match?.(c.input as ParsedInput<C>) ?? true),
      );
      if (!call) {
        const waiting = calls.filter((c) => !c.settled).map((c) => `${c.channel} ${JSON.stringify(c.input)}`);
        throw new Error(`No ${channel} call is waiting. Waiting: ${waiting.join('; ') || 'none'}`);
      }
      return {
        channel,
        input: call.input as ParsedInput<C>,
        async answer(data) {
          call.settle({ ok: true, data: parseOutput(channel, data) });
          await flush();
        },
        async fail(error) {
          call.settle({ ok: false, error });
          await flush();
        },
      };
    },
    autoAnswer(channel, respond) {
      auto.set(channel, respond as (input: never) => unknown);
    },
    async emit(event, payload) {
      const parsed = events[event].parse(payload);
      for (const listener of listeners.get(event) ?? []) listener(parsed);
      await flush();
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}
