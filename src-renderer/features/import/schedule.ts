// When the calls of an import (or a New call) should be placed, as the supervisor chose it:
// now, when the platform sees fit (auto), or at a local date and time in the future. The custom
// time is read in the user's own time zone and sent with that zone, so "9:00" means 9:00 where
// the supervisor sits whatever the platform's clock says.
import type { ImportSchedule } from '../../../src-main/ipc/contract-imports.ts';

export type ScheduleChoice =
  | { kind: 'now' }
  | { kind: 'auto' }
  /** `local` is a datetime-local value: "2026-12-03T15:30". */
  | { kind: 'custom'; local: string };

export type ScheduleCheck = { ok: true; schedule: ImportSchedule } | { ok: false; message: string };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A datetime-local value as an instant in the page's own time zone, or null when not a real time. */
export function localToInstant(local: string): number | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(year, month - 1, day, hour, minute);
  // A day that does not exist (Feb 30) rolls over in Date; refuse it instead.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date.getTime();
}

/** The datetime-local value of an instant in the page's time zone (the picker's `min`). */
export function instantToLocal(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function checkSchedule(choice: ScheduleChoice, now: number, timeZone: string): ScheduleCheck {
  if (choice.kind !== 'custom') return { ok: true, schedule: { type: choice.kind } };
  if (choice.local.trim() === '') return { ok: false, message: 'Choose the date and time to call.' };
  const at = localToInstant(choice.local);
  if (at === null)
    return { ok: false, message: 'This is not a date and time. Use the picker to choose one.' };
  if (at <= now) return { ok: false, message: 'Choose a time in the future.' };
  const [date, time] = choice.local.split('T') as [string, string];
  return { ok: true, schedule: { type: 'custom', date, time, timeZone } };
}

/** "Europe/Berlin (GMT+1)": the zone a custom time is read in, said beside the picker. */
export function describeTimeZone(timeZone: string, at: number, locale?: string): string {
  const offset = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(at))
    .find((part) => part.type === 'timeZoneName')?.value;
  return offset ? `${timeZone} (${offset})` : timeZone;
}
