// A sandbox that runs in another process, as the demo's server: the demo talks to it exactly as
// to its own, but faults cannot be injected from here (pass --faults to that sandbox) and closing
// the demo leaves it running.
import type { Sandbox, SandboxCredentials } from '../sandbox/index.ts';

export interface RemoteSandbox {
  baseUrl: string;
  credentials: SandboxCredentials;
}

export function remoteSandbox(remote: RemoteSandbox): Sandbox {
  return {
    baseUrl: remote.baseUrl,
    credentials: remote.credentials,
    faults: {
      add: () => {
        throw new Error('This sandbox runs in another process: start it with --faults instead.');
      },
      clear: () => {},
    },
    close: () => Promise.resolve(),
  };
}
