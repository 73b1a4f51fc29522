// Tracks whether the platform is reachable, from the outcome of real requests: a network error
// or timeout means offline, any answer from the server means online. Listeners hear about a
// change of state or message, not about every success (lastOnlineAt moves silently).
import type { ConnectionState } from '../ipc/contract.ts';
import { UnpodError } from '../unpod/errors.ts';

export interface ConnectionTracker {
  get(): ConnectionState;
  /** Runs a platform call and records what its outcome says about the connection. */
  track<T>(call: () => Promise<T>): Promise<T>;
  /** Back to the "nothing open" state (workspace closed). */
  reset(): void;
}

export const NO_WORKSPACE_CONNECTION: ConnectionState = {
  state: 'offline',
  lastOnlineAt: null,
  message: 'No workspace is open.',
};

/** Errors that prove the server was not reached; everything else is an answer from it. */
export const isUnreachable = (error: unknown): error is UnpodError =>
  error instanceof UnpodError && (error.kind === 'network' || error.kind === 'timeout');

/** Errors that say nothing about the connection (the user cancelled, or the app refused early). */
const saysNothing = (error: unknown): boolean => !(error instanceof UnpodError) || error.kind === 'cancelled';

export function createConnectionTracker(options: {
  onChange: (state: ConnectionState) => void;
  now?: () => Date;
}): ConnectionTracker {
  const now = options.now ?? (() => new Date());
  let current: ConnectionState = NO_WORKSPACE_CONNECTION;

  const set = (next: ConnectionState) => {
    const changed = next.state !== current.state || next.message !== current.message;
    current = next;
    if (changed) options.onChange(current);
  };

  return {
    get: () => current,
    async track(call) {
      try {
        const result = await call();
        set({ state: 'online', lastOnlineAt: now().toISOString() });
        return result;
      } catch (error) {
        if (isUnreachable(error)) {
          set({ state: 'offline', lastOnlineAt: current.lastOnlineAt, message: error.message });
        } else if (!saysNothing(error)) {
          // The server answered (with an error), so it is reachable.
          set({ state: 'online', lastOnlineAt: now().toISOString() });
        }
        throw error;
      }
    },
    reset() {
      set(NO_WORKSPACE_CONNECTION);
    },
  };
}
