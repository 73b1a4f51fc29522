// The connection state of the open session: every platform call of the workspace and the task
// sync runs through it (network errors and timeouts → offline, a refused token → rejected), and
// a slow call is checked with a quick probe using the session's own client.
import type { ConnectionState } from '../../ipc/contract.ts';
import type { UnpodClient } from '../../unpod/index.ts';
import {
  createConnectionTracker,
  NO_WORKSPACE_CONNECTION,
  type ConnectionTiming,
  type Probe,
} from '../connection.ts';

/** Runs a platform call of a session through the tracker. */
export type Tracked = <T>(session: { client: UnpodClient }, call: () => Promise<T>) => Promise<T>;

export interface ConnectionWatch {
  get(): ConnectionState;
  tracked: Tracked;
  /** Tracks a call for whichever session is open (none: no probe for a slow call). */
  track<T>(call: () => Promise<T>): Promise<T>;
  /** One quick request now, recorded; resolves when it has settled, whatever its outcome. */
  check(): Promise<void>;
  /** Back to "no workspace open". */
  reset(): void;
}

export function createConnectionWatch(options: {
  timing?: Partial<ConnectionTiming>;
  /** The client of the open session, or null. */
  currentClient: () => UnpodClient | null;
  /** Hears every change of state, with the state before it. */
  onChange: (state: ConnectionState, before: ConnectionState['state']) => void;
}): ConnectionWatch {
  let before: ConnectionState['state'] = NO_WORKSPACE_CONNECTION.state;
  const tracker = createConnectionTracker({
    timing: options.timing,
    onChange: (state) => {
      const previous = before;
      before = state.state;
      options.onChange(state, previous);
    },
  });

  /** Asks for the organization list (only the token is needed) with the probe's short timeout. */
  const probeWith =
    (client: UnpodClient): Probe =>
    (signal) =>
      client.listOrganizations({ signal });
  const tracked: Tracked = (session, call) => tracker.track(call, { probe: probeWith(session.client) });

  return {
    get: () => tracker.get(),
    tracked,
    track: (call) => {
      const client = options.currentClient();
      return client === null ? tracker.track(call) : tracked({ client }, call);
    },
    check: async () => {
      const client = options.currentClient();
      if (client !== null) await tracker.check(probeWith(client));
    },
    reset: () => tracker.reset(),
  };
}
