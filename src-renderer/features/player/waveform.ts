// The waveform's arithmetic, apart from the canvas: fitting the precomputed peaks (a fixed
// number per second, from main) to the pixels drawn, and a pointer position to a time.

export interface Lane {
  min: readonly number[];
  max: readonly number[];
}

/** Min and max of each of `columns` equal stretches of the lane (silence: 0, 0). */
export function fitLane(lane: Lane, columns: number): { min: Float32Array; max: Float32Array } {
  const n = Math.max(0, Math.floor(columns));
  const min = new Float32Array(n);
  const max = new Float32Array(n);
  const count = Math.min(lane.min.length, lane.max.length);
  if (count === 0) return { min, max };
  for (let c = 0; c < n; c++) {
    const from = Math.floor((c * count) / n);
    // Each column takes at least one peak, so a short recording stretched wide has no gaps.
    const to = Math.max(from + 1, Math.floor(((c + 1) * count) / n));
    let lo = 0;
    let hi = 0;
    for (let i = from; i < to && i < count; i++) {
      const a = lane.min[i]!;
      const b = lane.max[i]!;
      if (a < lo) lo = a;
      if (b > hi) hi = b;
    }
    min[c] = Math.max(-1, lo);
    max[c] = Math.min(1, hi);
  }
  return { min, max };
}

/** The time under a pointer at `x` px from the waveform's left edge, clamped into the recording. */
export function timeAtX(x: number, width: number, duration: number): number {
  if (!(width > 0) || !(duration > 0)) return 0;
  return Math.min(Math.max(x / width, 0), 1) * duration;
}

/** What each lane of a recording is: the agent on the left channel, the customer on the right. */
export function laneNames(channels: number): string[] {
  return channels >= 2 ? ['Agent', 'Customer'] : ['Call'];
}

/**
 * How much to enlarge the waveform so the loudest moment of the call fills its lane: telephone
 * audio is quiet, and a waveform a few pixels high shows nothing. Never more than 8×, so the line
 * hiss of a silent call does not look like speech.
 */
export function waveformGain(lanes: readonly Lane[]): number {
  let loudest = 0;
  for (const lane of lanes) {
    for (const v of lane.min) if (-v > loudest) loudest = -v;
    for (const v of lane.max) if (v > loudest) loudest = v;
  }
  return loudest > 0 ? Math.min(8, 0.95 / loudest) : 1;
}
