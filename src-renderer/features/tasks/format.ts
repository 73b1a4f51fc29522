// How task values read on screen: statuses in words, durations as m:ss, costs in dollars, times
// in the user's locale and zone, structured data values, and "14 minutes ago".
import { formatCallCost } from '../../../src-main/shared/cost.ts';
import { parsePlatformTime } from '../../../src-main/shared/platform-time.ts';
import { titleCase } from '../../lib/format.ts';
import { dates, type DateFormats } from '../../lib/dates.ts';

// The same words and money rules as the CSV export (src-main/shared).
export { statusLabel } from '../../../src-main/shared/task-status.ts';
export { formatTotalCost } from '../../../src-main/shared/cost.ts';

/** A CSS-safe modifier for a status badge. */
export function statusTone(status: string): string {
  switch (status) {
    case 'completed':
      return 'good';
    case 'failed':
      return 'bad';
    case 'in_progress':
      return 'busy';
    case 'pending':
    case 'scheduled':
    case 'hold':
      return 'waiting';
    default:
      return 'other';
  }
}

/** 48.8 → "0:49"; 3725 → "1:02:05". */
export function formatDuration(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** A longer duration in words for totals: "3 h 12 min", "4 min 05 s". */
export function formatLongDuration(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

/** One call's cost, always with 3 decimals ("$0.120"); totals use formatTotalCost ("$23.93"). */
export const formatCost = formatCallCost;

const count = new Intl.NumberFormat('en-US');
export const formatCount = (n: number): string => count.format(n);

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
/** 0.8172 → "81.7%". */
export const formatPercent = (ratio: number | null): string | null =>
  ratio === null || !Number.isFinite(ratio) ? null : percent.format(ratio);

export function formatDateTime(ms: number | null): string | null {
  return dates.dateTime(ms);
}

export const formatYesNo = (value: boolean): string => (value ? 'Yes' : 'No');

const BOOLEAN_TEXT = /^(true|false)$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/**
 * A structured-data value (text from main) as the user reads it: true/false → Yes/No, a
 * timestamp → a local date and time (a platform time without a zone is UTC), a bare date → that
 * date; anything else as it is.
 */
export function formatDataValue(value: string, formats: DateFormats = dates): string {
  const text = value.trim();
  if (BOOLEAN_TEXT.test(text)) return formatYesNo(text.toLowerCase() === 'true');
  if (DATE_ONLY.test(text)) return formats.day(text) ?? value;
  if (DATE_TIME.test(text)) return formats.dateTime(parsePlatformTime(text)) ?? value;
  return value;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "just now", "14 minutes ago", "yesterday". */
export function timeAgo(iso: string | null, now: number): string | null {
  if (iso === null) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const elapsed = now - at;
  if (elapsed < 45_000) return 'just now';
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms || unit === 'minute')
      return relative.format(-Math.max(1, Math.round(elapsed / ms)), unit);
  }
  return null;
}

/** Local midnight of a yyyy-mm-dd date input, as epoch ms; null when empty or invalid. */
export function dayStart(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const ms = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** Epoch ms → the yyyy-mm-dd of a date input (local day). */
export function toDateInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local midnight after the day that starts at `ms` (an exclusive end). */
export function nextDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

/** Transcript roles as a supervisor says them. */
export function speakerLabel(role: string): string {
  switch (role) {
    case 'assistant':
    case 'bot':
    case 'agent':
      return 'Agent';
    case 'user':
    case 'customer':
      return 'Customer';
    case 'system':
      return 'System';
    default:
      return titleCase(role) ?? role;
  }
}
