// Instants as ISO 8601 local times with their UTC offset ("2026-11-04T15:30:00+05:30"), in a
// given IANA time zone, for files that leave the app (the CSV export): a spreadsheet or a CRM
// reads the same instant the screen showed, and a person reads the local time.
// Shared by main and the renderer: no Node, electron, DOM or React here.

/** True when Intl knows this IANA time zone name (e.g. "Asia/Kolkata", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The time zone this process runs in (the machine's, or the browser's). */
export const localTimeZone = (): string => new Intl.DateTimeFormat().resolvedOptions().timeZone;

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// A zone's offset changes only at its transitions, which fall on whole quarter hours of UTC, so
// it is looked up once per quarter hour: an export of 100k calls asks Intl a few hundred times.
const QUARTER_HOUR_MS = 900_000;
const offsets = new Map<string, number>();

/** Minutes the zone's wall clock is ahead of UTC at `ms` (DST included). */
function offsetMinutes(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone} ${quarter}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const part: Record<string, number> = {};
  for (const p of partsFormat(timeZone).formatToParts(new Date(quarter))) {
    if (p.type !== 'literal') part[p.type] = Number(p.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = part;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const minutes = Math.round((wall - quarter) / 60_000);
  if (offsets.size >= 100_000) offsets.clear();
  offsets.set(key, minutes);
  return minutes;
}

/** Epoch ms → "2026-11-04T15:30:00+05:30" in `timeZone`; null for a missing or invalid instant. */
export function toIsoWithOffset(ms: number | null, timeZone: string): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  if (Number.isNaN(new Date(wholeSeconds).getTime())) return null;
  const offset = offsetMinutes(wholeSeconds, timeZone);
  // The wall clock of the zone, read through the UTC fields of the shifted instant.
  const wall = new Date(wholeSeconds + offset * 60_000);
  if (Number.isNaN(wall.getTime())) return null;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
