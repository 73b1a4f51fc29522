// How often the task cache is kept current, and how syncs run (tests pass shorter intervals).
export interface SyncTiming {
  /** A read of data older than this starts a background refresh (when online). */
  staleAfterMs: number;
  /** Re-poll interval right after a change; doubles while nothing changes, up to the max. */
  repollMinMs: number;
  repollMaxMs: number;
  /** Connection probe interval while offline; doubles up to the max. */
  probeMinMs: number;
  probeMaxMs: number;
  /** An agent list not viewed for this long is no longer re-polled. */
  scopeIdleMs: number;
  /** Coalescing window of `tasks.changed` and `sync.progress` events. */
  eventIntervalMs: number;
  pageSize: number;
  concurrency: number;
  /** Pages a refresh walks at most. */
  refreshMaxPages: number;
  /** The background integrity check of a just-opened cache waits this long, so it does not
   * compete with the first screen for the CPU. */
  integrityCheckDelayMs: number;
}

export const DEFAULT_SYNC_TIMING: SyncTiming = {
  staleAfterMs: 60_000,
  repollMinMs: 5_000,
  repollMaxMs: 60_000,
  probeMinMs: 2_000,
  probeMaxMs: 15_000,
  scopeIdleMs: 10 * 60_000,
  eventIntervalMs: 250,
  pageSize: 100,
  concurrency: 4,
  refreshMaxPages: 10,
  integrityCheckDelayMs: 3_000,
};
