// The numbers the sender and reconciliation run by. Tests shorten them; the defaults are argued
// in README "How an import stays exactly once".

export interface SendTiming {
  /**
   * Leads per create request. A lost answer leaves at most one batch undecided, so smaller is
   * safer; each request costs a round trip and one durable journal commit, so larger is faster.
   * 50 measured (npm run bench -- import-send) at most a few % below 100 and 200 on the local
   * sandbox, while halving what one lost answer puts in doubt.
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
