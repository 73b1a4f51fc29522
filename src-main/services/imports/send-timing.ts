// The numbers the sender and reconciliation run by. Tests shorten them; the defaults are argued
// in README "How an import stays exactly once".

export interface SendTiming {
  /**
   * Leads per create request. A lost answer leaves at most one batch undecided, so smaller is
   * safer; each request costs a round trip and one durable journal commit, so larger is faster.
   * Measured (npm run bench -- import-send: 1,000 leads, every create answered after 50 ms, 2
   * cores): 10 → 106 leads/s, 25 → 283, 50 → 506, 100 → 489, 200 → 687. 50 is where the gain
   * flattens: 5× the speed of 10, about that of 100, with half of 100's rows in doubt when an
   * answer is lost.
   */
  batchSize: number;
  /** The client's per-request timeout (the create is never answered after it, as far as we know). */
  requestTimeoutMs: number;
  /**
   * How long after the client gave up a server may still create the tasks (a request queued in a
   * proxy or a slow backend). Reconciliation waits sentAt + requestTimeoutMs + graceMs.
   */
  graceMs: number;
  /** Added to the server clock's own uncertainty when reading back tasks by their created time. */
  clockAllowanceMs: number;
  /** First wait before another reconciliation try of a batch it could not decide (doubles). */
  reconcileRetryMs: number;
  /** Page size when reading the space's tasks back. */
  reconcilePageSize: number;
  /** A send refused for the connection (never sent): wait this long before the next try. */
  networkRetryMs: number;
  /** Progress events at most this often per import. */
  progressEveryMs: number;
}

export const DEFAULT_SEND_TIMING: SendTiming = {
  batchSize: 50,
  requestTimeoutMs: 30_000,
  graceMs: 30_000,
  clockAllowanceMs: 5_000,
  reconcileRetryMs: 5_000,
  reconcilePageSize: 100,
  networkRetryMs: 2_000,
  progressEveryMs: 250,
};
