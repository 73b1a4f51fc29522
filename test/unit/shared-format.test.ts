// The rules main and the renderer share (src-main/shared): status words, money, and ISO 8601
// times with the user's offset.
import { describe, expect, it } from 'vitest';
import { callCostAmount, formatCallCost, formatTotalCost } from '../../src-main/shared/cost.ts';
import { isTimeZone, toIsoWithOffset } from '../../src-main/shared/iso-time.ts';
import { statusLabel } from '../../src-main/shared/task-status.ts';

describe('statusLabel', () => {
  it('reads every platform status in words, and unknown ones the same way', () => {
    expect(
      ['pending', 'scheduled', 'in_progress', 'completed', 'partially_completed', 'failed', 'hold'].map(
        statusLabel,
      ),
    ).toEqual(['Pending', 'Scheduled', 'In progress', 'Completed', 'Partially completed', 'Failed', 'Hold']);
    expect(statusLabel('waiting_for-agent')).toBe('Waiting for agent');
    expect(statusLabel('')).toBe('');
  });
});

describe('costs', () => {
  it('shows every per-call cost with 3 decimals, so a column lines up', () => {
    expect([0.12, 0.079, 0, 1.5, 0.1389, 12345.6].map(formatCallCost)).toEqual([
      '$0.120',
      '$0.079',
      '$0.000',
      '$1.500',
      '$0.139',
      '$12,345.600',
    ]);
  });

  it('shows totals in whole cents', () => {
    expect([23.933, 0.399, 0, 1234.5].map(formatTotalCost)).toEqual([
      '$23.93',
      '$0.40',
      '$0.00',
      '$1,234.50',
    ]);
  });

  it('writes the per-call rule as a plain number for a spreadsheet', () => {
    expect([0.12, 0.079, 0, 12345.6, -0.05, -0.0001].map(callCostAmount)).toEqual([
      '0.120',
      '0.079',
      '0.000',
      '12345.600',
      '-0.050',
      '0.000',
    ]);
  });

  it('has nothing to show for an unknown cost', () => {
    for (const format of [formatCallCost, formatTotalCost, callCostAmount]) {
      expect(format(null)).toBeNull();
      expect(format(Number.NaN)).toBeNull();
    }
  });
});

describe('toIsoWithOffset', () => {
  const at = Date.UTC(2026, 10, 4, 10, 0, 0, 750); // 4 Nov 2026 10:00:00.750 UTC

  it('writes the local time of the zone with its offset', () => {
    expect(toIsoWithOffset(at, 'Asia/Kolkata')).toBe('2026-11-04T15:30:00+05:30');
    expect(toIsoWithOffset(at, 'America/New_York')).toBe('2026-11-04T05:00:00-05:00');
    expect(toIsoWithOffset(at, 'Asia/Kathmandu')).toBe('2026-11-04T15:45:00+05:45');
    expect(toIsoWithOffset(at, 'UTC')).toBe('2026-11-04T10:00:00+00:00');
  });

  it('follows daylight saving time and the date line', () => {
    expect(toIsoWithOffset(Date.UTC(2026, 6, 1, 12), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
    // The first instant of summer time in New York (8 March 2026, 2:00 → 3:00).
    expect(toIsoWithOffset(Date.UTC(2026, 2, 8, 7), 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
    expect(toIsoWithOffset(Date.UTC(2026, 11, 31, 23), 'Pacific/Kiritimati')).toBe(
      '2027-01-01T13:00:00+14:00',
    );
    // Adelaide moves from +09:30 to +10:30 at 16:30 UTC, between two whole hours of UTC.
    expect(toIsoWithOffset(Date.UTC(2026, 9, 3, 16, 29, 59), 'Australia/Adelaide')).toBe(
      '2026-10-04T01:59:59+09:30',
    );
    expect(toIsoWithOffset(Date.UTC(2026, 9, 3, 16, 30), 'Australia/Adelaide')).toBe(
      '2026-10-04T03:00:00+10:30',
    );
  });

  it('reads back as the same instant (to the second)', () => {
    const iso = toIsoWithOffset(at, 'Australia/Adelaide')!;
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(Date.parse(iso)).toBe(at - 750);
  });

  it('has nothing for a missing or impossible instant', () => {
    expect(toIsoWithOffset(null, 'UTC')).toBeNull();
    expect(toIsoWithOffset(Number.NaN, 'UTC')).toBeNull();
    expect(toIsoWithOffset(8.64e15 + 1000, 'UTC')).toBeNull();
  });

  it('knows real time zone names only', () => {
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
