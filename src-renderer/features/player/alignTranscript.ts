// Transcript follow: where each utterance starts in the recording. The platform gives either an
// offset (`secondsFromStart`, outputs relayed from another provider) or the server's wall-clock
// time of the message, which is not an offset: it counts from the call's start
// (`output.start_time`), so offset = timestamp − start. Pure, so it is unit-tested.
import { parsePlatformTime } from '../../../src-main/shared/platform-time.ts';

export interface TranscriptTiming {
  time: string | null;
  secondsFromStart: number | null;
}

export type Alignment =
  /** Where each line starts, in seconds into the recording (null: this line has no time). */
  | { kind: 'aligned'; starts: (number | null)[] }
  /** No line can be placed in the recording: following is not available for this call. */
  | { kind: 'unavailable' };

// A message stamped a little before the call's start (clocks of two servers) still belongs at
// its start; one far outside the call is a wrong stamp, not a place in the recording.
const TOLERANCE_SECONDS = 5;

function offsetOf(line: TranscriptTiming, startMs: number | null): number | null {
  if (line.secondsFromStart !== null && Number.isFinite(line.secondsFromStart)) return line.secondsFromStart;
  if (startMs === null) return null;
  const at = parsePlatformTime(line.time);
  return at === null ? null : (at - startMs) / 1000;
}

export function alignTranscript(
  lines: readonly TranscriptTiming[],
  recordingStartMs: number | null,
  durationSeconds: number | null,
): Alignment {
  const end = durationSeconds !== null && durationSeconds > 0 ? durationSeconds : Infinity;
  const starts = lines.map((line) => {
    const offset = offsetOf(line, recordingStartMs);
    if (offset === null || offset < -TOLERANCE_SECONDS || offset > end + TOLERANCE_SECONDS) return null;
    return Math.min(Math.max(offset, 0), end);
  });
  return starts.some((s) => s !== null) ? { kind: 'aligned', starts } : { kind: 'unavailable' };
}

/**
 * The line being spoken at `seconds`: the last line that has started by then (lines without a
 * time are skipped), or -1 before the first one.
 */
export function lineAt(starts: readonly (number | null)[], seconds: number): number {
  let found = -1;
  let latest = -Infinity;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    if (start === null || start === undefined) continue;
    // Stamps are whole seconds, so two lines can share one: the later line wins once reached.
    if (start <= seconds && start >= latest) {
      found = i;
      latest = start;
    }
  }
  return found;
}
