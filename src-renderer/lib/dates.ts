// Every date and time the user reads goes through here: in their locale and their time zone
// (Intl), so the list, the detail, the chart axis and structured data all say "Nov 4, 2026" the
// same way. Tests build their own with a fixed locale and zone.

export interface DateFormats {
  /** An instant (epoch ms) → "Nov 4, 2026, 03:30 PM". */
  dateTime(ms: number | null): string | null;
  /** A calendar day "2026-11-04" (already the user's day, e.g. a chart bucket) → "Nov 4, 2026". */
  day(day: string): string | null;
  /** A calendar day → "Nov 4", short enough for a chart axis. */
  axisDay(day: string): string | null;
  /** An instant (epoch ms or an ISO string with its zone) → "03:30 PM". */
  clock(at: number | string | null | undefined): string | null;
}

export interface DateFormatsOptions {
  /** Default: the user's (the browser's or the OS's) locale. */
  locale?: string;
  /** Default: the user's time zone. */
  timeZone?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as the UTC midnight that starts it, formatted in UTC so no zone moves it. */
function dayInstant(day: string): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day ? null : date;
}

const instant = (at: number | string | null | undefined): Date | null => {
  if (at === null || at === undefined || at === '') return null;
  const date = new Date(typeof at === 'number' ? at : Date.parse(at));
  return Number.isNaN(date.getTime()) ? null : date;
};

export function createDateFormats({ locale, timeZone }: DateFormatsOptions = {}): DateFormats {
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const clock = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  const axisDay = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric' });
  const formatted = (format: Intl.DateTimeFormat, date: Date | null) =>
    date === null ? null : format.format(date);
  return {
    dateTime: (ms) => formatted(dateTime, instant(ms)),
    day: (d) => formatted(day, dayInstant(d)),
    axisDay: (d) => formatted(axisDay, dayInstant(d)),
    clock: (at) => formatted(clock, instant(at)),
  };
}

/** The user's formats. */
export const dates: DateFormats = createDateFormats();
