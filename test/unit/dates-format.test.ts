// The renderer's one date formatter and the values of the task detail, with a fixed locale and
// time zone (the user's come from the browser).
import { describe, expect, it } from 'vitest';
import { createDateFormats } from '../../src-renderer/lib/dates.ts';
import { formatDataValue, formatYesNo } from '../../src-renderer/features/tasks/format.ts';

const india = createDateFormats({ locale: 'en-US', timeZone: 'Asia/Kolkata' });
const britain = createDateFormats({ locale: 'en-GB', timeZone: 'Europe/London' });
const at = Date.UTC(2026, 10, 4, 20, 15); // 4 Nov 2026 20:15 UTC = 5 Nov 01:45 in India

describe('date formats', () => {
  it('shows an instant as a date and time in the user’s zone and locale', () => {
    expect(india.dateTime(at)).toBe('Nov 5, 2026, 01:45 AM');
    expect(britain.dateTime(at)).toBe('4 Nov 2026, 20:15');
    expect(india.dateTime(null)).toBeNull();
    expect(india.dateTime(Number.NaN)).toBeNull();
  });

  it('labels a chart day "Apr 11" in an en-US window, never 4/11 or 11/4', () => {
    expect(india.axisDay('2026-04-11')).toBe('Apr 11');
    expect(britain.axisDay('2026-04-11')).toBe('11 Apr');
    expect(india.day('2026-04-11')).toBe('Apr 11, 2026');
  });

  it('keeps a calendar day on its day in any zone', () => {
    const honolulu = createDateFormats({ locale: 'en-US', timeZone: 'Pacific/Honolulu' });
    const kiritimati = createDateFormats({ locale: 'en-US', timeZone: 'Pacific/Kiritimati' });
    expect(honolulu.day('2026-01-01')).toBe('Jan 1, 2026');
    expect(kiritimati.day('2026-01-01')).toBe('Jan 1, 2026');
  });

  it('refuses what is not a calendar day', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '4/11', '', '2026-04-11T10:00']) {
      expect(india.day(bad), bad).toBeNull();
      expect(india.axisDay(bad), bad).toBeNull();
    }
  });

  it('shows a clock time for an instant or an ISO string with its zone', () => {
    expect(india.clock(at)).toBe('01:45 AM');
    expect(india.clock('2026-11-04T20:15:00.000Z')).toBe('01:45 AM');
    expect(britain.clock('2026-11-04T20:15:00.000Z')).toBe('20:15');
    expect(india.clock(undefined)).toBeNull();
    expect(india.clock('not a time')).toBeNull();
  });
});

describe('structured data values', () => {
  it('reads booleans as Yes and No', () => {
    expect(['true', 'false', 'True', 'FALSE'].map((v) => formatDataValue(v, india))).toEqual([
      'Yes',
      'No',
      'Yes',
      'No',
    ]);
    expect([formatYesNo(true), formatYesNo(false)]).toEqual(['Yes', 'No']);
  });

  it('shows a platform time (UTC when it has no zone) in the user’s zone', () => {
    // "Preferred time" as the platform writes it.
    expect(formatDataValue('2026-11-04 20:15:00', india)).toBe('Nov 5, 2026, 01:45 AM');
    expect(formatDataValue('2026-11-04T20:15:00.000000', britain)).toBe('4 Nov 2026, 20:15');
    expect(formatDataValue('2026-11-04T20:15:00+05:30', britain)).toBe('4 Nov 2026, 14:45');
    expect(formatDataValue('2026-11-04', india)).toBe('Nov 4, 2026');
  });

  it('leaves everything else as it is', () => {
    for (const value of ['Rajesh Kumar', '—', '3', 'trueish', '2026-11-04 at noon?', '{"a":1}', 'N/A']) {
      expect(formatDataValue(value, india)).toBe(value);
    }
    expect(formatDataValue('2026-02-30 10:00', india)).toBe('2026-02-30 10:00');
  });
});
