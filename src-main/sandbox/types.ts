// The sandbox's public types (the agreed interface; index.ts re-exports them).

export interface SandboxCredentials {
  token: string;
  expiredToken: string;
  orgHandle: string;
  spaceToken: string;
  agentHandle: string;
}

export type FaultKind =
  'server_error' | 'html_502' | 'rate_limit' | 'latency' | 'reset' | 'malformed_json' | 'lost_response';

export interface FaultRule {
  kind: FaultKind;
  /** Default: any method. */
  method?: 'GET' | 'POST';
  /** Substring of the request path, e.g. '/tasks/'. Default: any path. */
  path?: string;
  /** How many matching requests it hits, then it is spent. Default: unlimited. */
  times?: number;
  /** server_error: 500 | 502 | 503 | 504 (default 500). */
  status?: number;
  /** rate_limit (default 1). */
  retryAfterSeconds?: number;
  /** latency (default 1000); the request then proceeds normally. */
  latencyMs?: number;
}

export interface FaultController {
  add(rule: FaultRule): void;
  clear(): void;
  /** Extension: how many added rules are not spent yet (tests wait for a fault to be hit). */
  pending(): number;
}

export interface SandboxOptions {
  /** 0 = a free port (default 0). */
  port?: number;
  /** Demo-data seed (default 1). */
  seed?: number;
  /** Call-simulator speed factor (default 1). */
  speed?: number;
  /** Rules, or a CLI spec string (see faults.ts). */
  faults?: FaultRule[] | string;
  /** Optional override of how many tasks every space gets (tests, benchmarks). */
  tasksPerSpace?: number;
  /**
   * Extension beyond the agreed interface: the instant the demo data is "now" for (ms since
   * 1970). Default: the current time floored to the hour, so timestamps look recent yet stay
   * identical for a given seed within the hour. Pin it for byte-identical data across days.
   */
  epochMs?: number;
  /**
   * Extension: the platform's rate limit on task creation, in requests per second (a token
   * bucket as deep as one second): a create over it gets 429 with Retry-After. Default: none.
   */
  createRatePerSecond?: number;
  /**
   * Extension: how far the server's clock is off the machine's (ms; negative: behind). Created
   * times and the `Date` header follow it, as on a platform whose clock differs from the laptop's.
   */
  clockOffsetMs?: number;
}

export interface Sandbox {
  /** Origin, http://127.0.0.1:PORT. API paths are under /api/v2/platform/. */
  baseUrl: string;
  credentials: SandboxCredentials;
  faults: FaultController;
  close(): Promise<void>;
}
