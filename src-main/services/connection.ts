// Tracks whether the platform is reachable, from the outcome of real requests: a network error
// or timeout means offline, a refused token (401, or 403 "expired") means rejected, any other
// answer from the server means online. Listeners hear about a change of state or message, not
// about every success (lastOnlineAt moves silently).
//
// A request can hang for its whole timeout and every retry (minutes with the client's defaults)
// before it fails. So a tracked call that has not settled after `slowAfterMs` starts a quick
// probe: one cheap request with a short timeout and no retries. If the probe cannot reach the
// platform either, the state goes offline at once while the slow call keeps going (and turns the
// state online again should it succeed after all).
import type { ConnectionState } from '../ipc/contract.ts';
import { formatSeconds, UnpodError } from '../unpod/errors.ts';

/** One cheap request to the platform; `signal` aborts it when the probe gives up. */
export type Probe = (signal: AbortSignal) => Promise<unknown>;

export interface TrackOptions {
  /** Asked when the call is slow, to tell a slow platform from an unreachable one. */
  probe?: Probe;
}

export interface ConnectionTracker {
  get(): ConnectionState;
  /** Runs a platform call and records what its outcome says about the connection. */
  track<T>(call: () => Promise<T>, options?: TrackOptions): Promise<T>;
  /** Runs a quick probe now and records its outcome (the check while offline). */
  check(probe: Probe): Promise<void>;
  /** Back to the "nothing open" state (workspace closed). */
  reset(): void;
}

export interface ConnectionTiming {
  /** A tracked call still running after this long starts a probe. */
  slowAfterMs: number;
  /** A probe not answered within this long counts as "unreachable". */
  probeTimeoutMs: number;
}

export const DEFAULT_CONNECTION_TIMING: ConnectionTiming = { slowAfterMs: 2_500, probeTimeoutMs: 2_500 };

export const NO_WORKSPACE_CONNECTION: ConnectionState = {
  state: 'offline',
  lastOnlineAt: null,
  message: 'No workspace is open.',
};

/** Errors that prove the server was not reached; everything else is an answer from it. */
export const isUnreachable = (error: unknown): error is UnpodError =>
  error instanceof UnpodError && (error.kind === 'network' || error.kind === 'timeout');

const serverMessageOf = (error: UnpodError): string =>
  typeof error.details === 'object' && error.details !== null && 'message' in error.details
    ? String((error.details as { message: unknown }).message)
    : '';

/** The platform refused the token itself (not one resource): nothing works until it is replaced. */
export const isTokenRejected = (error: unknown): error is UnpodError =>
  error instanceof UnpodError &&
  (error.kind === 'unauthorized' ||
    (error.kind === 'forbidden' && /expired/i.test(serverMessageOf(error) || error.message)));

/** Errors that say nothing about the connection (the user cancelled, or the app refused early). */
const saysNothing = (error: unknown): boolean => !(error instanceof UnpodError) || error.kind === 'cancelled';

export function createConnectionTracker(options: {
  onChange: (state: ConnectionState) => void;
  now?: () => Date;
  timing?: Partial<ConnectionTiming>;
}): ConnectionTracker {
  const now = options.now ?? (() => new Date());
  const timing: ConnectionTiming = { ...DEFAULT_CONNECTION_TIMING, ...options.timing };
  let current: ConnectionState = NO_WORKSPACE_CONNECTION;
  /** Bumped by every answer from the server: a probe's failure older than one is ignored. */
  let answers = 0;
  /** Bumped by reset: outcomes of calls started before it belong to a closed workspace. */
  let generation = 0;
  let probing: Promise<void> | null = null;

  const set = (next: ConnectionState) => {
    const changed = next.state !== current.state || next.message !== current.message;
    current = next;
    if (changed) options.onChange(current);
  };

  const answered = () => {
    answers++;
    set({ state: 'online', lastOnlineAt: now().toISOString() });
  };

  /** Records what a failure says; returns nothing (the caller rethrows). */
  function failed(error: unknown): void {
    if (isUnreachable(error)) {
      set({ state: 'offline', lastOnlineAt: current.lastOnlineAt, message: error.message });
    } else if (isTokenRejected(error)) {
      answers++;
      set({ state: 'rejected', lastOnlineAt: now().toISOString(), message: error.message });
    } else if (!saysNothing(error)) {
      answered(); // the server answered (with an error), so it is reachable
    }
  }

  function probeNow(probe: Probe): Promise<void> {
    if (probing) return probing;
    const mark = answers;
    const started = generation;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timing.probeTimeoutMs);
    timer.unref?.();
    probing = (async () => {
      try {
        await probe(controller.signal);
        if (started === generation) answered();
      } catch (error) {
        // A call that answered meanwhile knows better than a probe that did not.
        if (answers !== mark || started !== generation) return;
        if (controller.signal.aborted) {
          set({
            state: 'offline',
            lastOnlineAt: current.lastOnlineAt,
            message: `Unpod did not answer within ${formatSeconds(timing.probeTimeoutMs)}.`,
          });
        } else {
          failed(error);
        }
      } finally {
        clearTimeout(timer);
        probing = null;
      }
    })();
    return probing;
  }

  return {
    get: () => current,
    async track(call, trackOptions) {
      const probe = trackOptions?.probe;
      const slow =
        probe === undefined
          ? null
          : setTimeout(() => {
              if (current.state !== 'offline') void probeNow(probe);
            }, timing.slowAfterMs);
      slow?.unref?.();
      const started = generation;
      try {
        const result = await call();
        if (started === generation) answered();
        return result;
      } catch (error) {
        if (started === generation) failed(error);
        throw error;
      } finally {
        if (slow) clearTimeout(slow);
      }
    },
    check: (probe) => probeNow(probe),
    reset() {
      generation++;
      set(NO_WORKSPACE_CONNECTION);
    },
  };
}
