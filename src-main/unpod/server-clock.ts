// The platform's clock as its answers tell it: the `Date` header of the last answer from each
// origin, against the local time the answer arrived. Reconciling an import compares the
// platform's `created` times (its clock) with the times the app sent requests (the laptop's
// clock), and a laptop's clock can be minutes off; this is how far (see IMPORT-EXACTLY-ONCE.md).

export interface ClockReading {
  /** Server time minus local time, in ms (positive: the server is ahead). */
  offsetMs: number;
  /** How far off the estimate may be: the header's one-second resolution plus the round trip. */
  uncertaintyMs: number;
  /** Local epoch ms of the answer it was read from. */
  at: number;
}

const readings = new Map<string, ClockReading>();

/** Records the `Date` header of an answer from `origin` (called for every API answer). */
export function observeServerDate(
  origin: string,
  dateHeader: string | null,
  sentAtMs: number,
  receivedAtMs: number,
): void {
  if (dateHeader === null) return;
  const serverMs = Date.parse(dateHeader);
  if (Number.isNaN(serverMs)) return;
  // The header is whole seconds, taken somewhere between our send and our receipt.
  const localMid = (sentAtMs + receivedAtMs) / 2;
  readings.set(origin, {
    offsetMs: serverMs + 500 - localMid,
    uncertaintyMs: 500 + (receivedAtMs - sentAtMs) / 2,
    at: receivedAtMs,
  });
}

/** The last reading for `origin` (a base URL or an origin), or null when none arrived yet. */
export function serverClock(originOrUrl: string): ClockReading | null {
  let origin = originOrUrl;
  try {
    origin = new URL(originOrUrl).origin;
  } catch {
    // not a URL: used as given
  }
  return readings.get(origin) ?? null;
}
