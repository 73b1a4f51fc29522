// Timestamp formats the platform uses. All naive (no zone) and in UTC.

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function parts(ms: number): { date: string; time: string; millis: string } {
  const d = new Date(ms);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    millis: pad(d.getUTCMilliseconds(), 3),
  };
}

/** `created` / `modified`: "2025-01-15T14:30:00.123000" (Python isoformat with microseconds). */
export function isoMicros(ms: number): string {
  const p = parts(ms);
  return `${p.date}T${p.time}.${p.millis}000`;
}

/** Call wall-clock times (start_time, end_time, transcript timestamps): "2025-11-21 13:45:20". */
export function wallClock(ms: number): string {
  const p = parts(ms);
  return `${p.date} ${p.time}`;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
