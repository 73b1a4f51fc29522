// The sending rate of an import: rows settled per second over the last seconds, from samples of
// the settled count. A moving window, so a pause (rate limit, offline) shows in the rate soon
// and the time left follows what the import does now, not its average since the start.

const WINDOW_MS = 10_000;

export interface ProgressMeter {
  /** Records the settled count now and answers the rate (rows/s), or null before two samples. */
  rate(settled: number, now?: number): number | null;
}

export function createProgressMeter(): ProgressMeter {
  const samples: { at: number; settled: number }[] = [];
  return {
    rate(settled, now = Date.now()) {
      samples.push({ at: now, settled });
      while (samples.length > 2 && samples[0]!.at < now - WINDOW_MS) samples.shift();
      const first = samples[0]!;
      const elapsed = now - first.at;
      if (samples.length < 2 || elapsed < 200) return null;
      return Math.max(0, ((settled - first.settled) * 1000) / elapsed);
    },
  };
}
