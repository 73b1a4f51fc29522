// The import sender's pure parts: a platform's per-document errors read back onto rows, the
// reconciliation window, custom times in the user's zone, and the finished notification's words.
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src-main/ipc/contract-imports.ts';
import { importFinishedNotice } from '../../src-main/services/imports/finished-notice.ts';
import { documentErrors } from '../../src-main/services/imports/import-runner.ts';
import { platformSchedule, zonedTimeToInstant } from '../../src-main/services/imports/launch-checks.ts';
import { reconcileDueAt, windowStart } from '../../src-main/services/imports/reconcile.ts';
import type { JournalRow } from '../../src-main/store/import-journal.ts';

const row = (sentAt: number): JournalRow => ({
  importId: 'i',
  row: 2,
  documentJson: null,
  documentId: 'd',
  name: 'A',
  contactNumber: '+447400123456',
  state: 'unknown',
  batchId: 'b',
  sentAt,
  taskId: null,
  runId: null,
  reason: null,
  attempts: 1,
  reconcileTries: 0,
});

describe('documentErrors', () => {
  it('maps documents[i].field errors to the batch index with the field named', () => {
    const map = documentErrors({
      message: 'There is some Validation error',
      errors: {
        'documents[3].name': ['This field may not be blank.'],
        'documents[3].contact_number': ['This field is required.'],
        'documents[0]': 'Expected a dictionary of items.',
        context: ['This field is required.'],
      },
    });
    expect([...map]).toEqual([
      [3, 'name: This field may not be blank.; contact_number: This field is required.'],
      [0, 'Expected a dictionary of items.'],
    ]);
  });
  it('finds nothing in a string or a missing errors field', () => {
    expect(documentErrors({ errors: 'Task creation failed' }).size).toBe(0);
    expect(documentErrors(undefined).size).toBe(0);
  });
});

describe('the reconciliation window', () => {
  it('waits out the request: timeout plus grace after the send', () => {
    expect(reconcileDueAt(1_000, { requestTimeoutMs: 30_000, graceMs: 30_000 })).toBe(61_000);
  });
  it('moves the send time onto the server clock and widens it by the uncertainty and allowance', () => {
    // The server runs 2 minutes ahead of the laptop.
    const clock = { offsetMs: 120_000, uncertaintyMs: 700, at: 0 };
    expect(windowStart([row(1_000_000), row(1_000_500)], clock, 5_000)).toBe(
      1_000_000 + 120_000 - 700 - 5_000,
    );
  });
  it('without a reading of the server clock, widens by a minute', () => {
    expect(windowStart([row(1_000_000)], null, 5_000)).toBe(1_000_000 - 60_000 - 5_000);
  });
});

describe('custom schedule times', () => {
  it('reads a wall time in its IANA zone, daylight saving included', () => {
    expect(zonedTimeToInstant('2026-07-01', '09:30', 'Europe/London')).toBe(Date.UTC(2026, 6, 1, 8, 30));
    expect(zonedTimeToInstant('2026-01-15', '09:30', 'Asia/Kolkata')).toBe(Date.UTC(2026, 0, 15, 4, 0));
    expect(zonedTimeToInstant('2026-01-15', '09:30', 'America/New_York')).toBe(Date.UTC(2026, 0, 15, 14, 30));
  });
  it('refuses a wall time the clock change skips', () => {
    expect(zonedTimeToInstant('2026-03-29', '01:30', 'Europe/London')).toBeNull();
  });
  it('refuses a time that is not in the future, naming it', () => {
    expect(() =>
      platformSchedule(
        { type: 'custom', date: '2026-01-15', time: '09:30', timeZone: 'UTC' },
        Date.UTC(2026, 0, 15, 10, 0),
      ),
    ).toThrow('2026-01-15 09:30 (UTC), which is not in the future');
    expect(platformSchedule({ type: 'auto' })).toEqual({ type: 'auto' });
  });
});

describe('the import finished notification', () => {
  const summary = (
    over: Partial<ImportSummary['counts']>,
    state: ImportSummary['state'] = 'finished',
  ): ImportSummary => ({
    id: 'i',
    kind: 'file',
    spaceToken: 's',
    agentHandle: 'a',
    context: 'c',
    schedule: { type: 'now' },
    sourceName: 'leads.csv',
    createdAt: 0,
    startedAt: 0,
    finishedAt: 1,
    state,
    message: null,
    counts: {
      total: 0,
      planned: 0,
      sending: 0,
      created: 0,
      rejected: 0,
      unknown: 0,
      notCreated: 0,
      skipped: 0,
      undecided: 0,
      ...over,
    },
  });
  it('says what was created, refused, skipped and waits for a choice', () => {
    expect(importFinishedNotice(summary({ created: 1200, rejected: 1, skipped: 3, undecided: 2 }))).toEqual({
      title: 'Import finished: leads.csv',
      body: '1,200 calls created, 1 lead refused by Unpod, 3 rows skipped, 2 leads need your choice.',
    });
  });
  it('says what a cancelled import left unsent', () => {
    expect(importFinishedNotice(summary({ created: 40, planned: 60 }, 'cancelled')).body).toBe(
      '40 calls were created before it stopped; 60 leads were not sent.',
    );
  });
});
