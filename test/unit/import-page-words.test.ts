// The Import page's pure parts: the schedule check, the agents that can take calls, a refused
// New call's problems by field, the progress words and the preview's summary.
import { describe, expect, it } from 'vitest';
import type { Agent } from '../../src-main/ipc/contract.ts';
import { agentChoices, agentLabel } from '../../src-renderer/features/import/agentChoices.ts';
import { guessCountry } from '../../src-renderer/features/import/countries.ts';
import { fieldErrors } from '../../src-renderer/features/import/fieldErrors.ts';
import {
  problemText,
  rowOutcome,
  sentFields,
  summaryParts,
} from '../../src-renderer/features/import/previewText.ts';
import {
  createdText,
  rateText,
  timeLeftText,
  waitingText,
} from '../../src-renderer/features/import/progressText.ts';
import {
  checkSchedule,
  describeTimeZone,
  instantToLocal,
  localToInstant,
} from '../../src-renderer/features/import/schedule.ts';

const agent = (handle: string, patch: Partial<Agent> = {}): Agent => ({
  handle,
  name: `Agent ${handle}`,
  type: 'Voice',
  state: 'published',
  description: '',
  purpose: '',
  ...patch,
});

describe('schedule', () => {
  const now = localToInstant('2026-12-03T12:00')!;

  it('passes now and auto through, and a future local time with its zone', () => {
    expect(checkSchedule({ kind: 'now' }, now, 'Asia/Kolkata')).toEqual({
      ok: true,
      schedule: { type: 'now' },
    });
    expect(checkSchedule({ kind: 'auto' }, now, 'Asia/Kolkata')).toEqual({
      ok: true,
      schedule: { type: 'auto' },
    });
    expect(checkSchedule({ kind: 'custom', local: '2026-12-04T09:30' }, now, 'Asia/Kolkata')).toEqual({
      ok: true,
      schedule: { type: 'custom', date: '2026-12-04', time: '09:30', timeZone: 'Asia/Kolkata' },
    });
  });

  it('refuses an empty, impossible or past time with a specific message', () => {
    const check = (local: string) => checkSchedule({ kind: 'custom', local }, now, 'UTC');
    expect(check('')).toEqual({ ok: false, message: 'Choose the date and time to call.' });
    expect(check('2026-02-30T09:00')).toEqual({
      ok: false,
      message: 'This is not a date and time. Use the picker to choose one.',
    });
    expect(check('2026-12-03T12:00')).toEqual({ ok: false, message: 'Choose a time in the future.' });
    expect(check('2026-12-03T11:59')).toEqual({ ok: false, message: 'Choose a time in the future.' });
  });

  it('round-trips the picker’s value and names the zone with its offset', () => {
    expect(instantToLocal(localToInstant('2027-01-31T23:05')!)).toBe('2027-01-31T23:05');
    expect(describeTimeZone('Asia/Kolkata', Date.UTC(2026, 11, 3), 'en-US')).toBe('Asia/Kolkata (GMT+5:30)');
  });
});

describe('agents that can take calls', () => {
  it('offers published voice agents first; drafts and chat agents are there, with the reason', () => {
    const choices = agentChoices(
      [
        agent('b', { name: 'Zed' }),
        agent('chat', { name: 'Chatty', type: 'Chat' }),
        agent('a', { name: 'Aria' }),
      ],
      [
        { handle: 'a', name: 'Aria' },
        { handle: 'draft', name: 'Qualifier v2' },
      ],
    );
    expect(choices.map((c) => [c.name, c.unavailable])).toEqual([
      ['Aria', null],
      ['Zed', null],
      ['Chatty', 'a chat agent: it cannot place calls'],
      ['Qualifier v2', 'a draft: publish it in Unpod before it can call'],
    ]);
    expect(agentLabel(choices[3]!)).toBe('Qualifier v2 (a draft: publish it in Unpod before it can call)');
  });
});

describe('a refused New call', () => {
  it('puts the contract’s issues beside their fields', () => {
    const { byField, rest } = fieldErrors({
      code: 'invalid_input',
      message: 'calls.create: lead.contactNumber: Enter the number to call.',
      details: [
        { path: ['lead', 'contactNumber'], message: 'Enter the number to call.' },
        { path: ['launch', 'schedule', 'date'], message: 'A date is written YYYY-MM-DD.' },
      ],
    });
    expect(byField).toEqual({
      contactNumber: 'Enter the number to call.',
      schedule: 'A date is written YYYY-MM-DD.',
    });
    expect(rest).toBeNull();
  });

  it('reads a service’s { field } detail, and keeps a message of no field for the top of the form', () => {
    expect(
      fieldErrors({
        code: 'bad_request',
        message: 'This number is too short.',
        details: { field: 'contact_number', message: 'This number is too short for India.' },
      }).byField,
    ).toEqual({ contactNumber: 'This number is too short for India.' });
    // The service's sentences name their field in their first words.
    const number =
      'The number "12" is not a phone number that can be called. Check its digits and country code.';
    expect(fieldErrors({ code: 'bad_request', message: number }).byField).toEqual({ contactNumber: number });
    const alternate =
      'The alternate number "4.47E+11" looks like a spreadsheet turned it into scientific notation.';
    expect(fieldErrors({ code: 'bad_request', message: alternate }).byField).toEqual({
      alternateNumber: alternate,
    });
    const past = 'The calls are set for 2020-01-01 09:00 (UTC), which is not in the future.';
    expect(fieldErrors({ code: 'bad_request', message: past }).byField).toEqual({ schedule: past });
    // A message that quotes what was typed goes beside the field it was typed in.
    const short = '“12” is too short for a phone number in India.';
    expect(
      fieldErrors({ code: 'bad_request', message: short }, { contactNumber: '99', alternateNumber: ' 12 ' })
        .byField,
    ).toEqual({ alternateNumber: short });
    const noCountry = 'Write the Number with its country code (e.g. +44…), or choose the default country.';
    expect(fieldErrors({ code: 'bad_request', message: noCountry }).byField).toEqual({
      contactNumber: noCountry,
    });
    expect(fieldErrors({ code: 'network', message: 'Unpod could not be reached.' })).toEqual({
      byField: {},
      rest: 'Unpod could not be reached.',
    });
  });
});

describe('progress words', () => {
  it('says the rate, the time left and why an import waits', () => {
    expect(rateText(null)).toBe('measuring…');
    expect(rateText(42.4)).toBe('42 leads/s');
    expect(rateText(2.25)).toBe('2.3 leads/s');
    expect(rateText(0.5)).toBe('30 leads/min');
    expect(timeLeftText(null)).toBe('unknown');
    expect(timeLeftText(12.2)).toBe('about 13 s');
    expect(timeLeftText(600)).toBe('about 10 min');
    expect(timeLeftText(3 * 3600 + 20 * 60)).toBe('about 3 h 20 min');
    const base = {
      importId: 'a',
      state: 'running' as const,
      sent: 1,
      total: 2,
      created: 1,
      problems: 0,
      ratePerSecond: null,
      secondsLeft: null,
      message: null,
    };
    expect(waitingText({ ...base, waiting: { reason: 'rate_limited', until: 31_000 } }, 1_000)).toBe(
      'Unpod asked to slow down: sending carries on in 30 s.',
    );
    expect(waitingText({ ...base, waiting: null }, 0)).toBeNull();
    expect(createdText(1)).toBe('1 call created');
    expect(createdText(1200)).toBe('1,200 calls created');
  });
});

describe('preview words', () => {
  it('counts rows, ready, problems and duplicates for the Import summary', () => {
    const counts = {
      rows: 1200,
      ready: 1000,
      withProblems: 150,
      duplicates: 50,
      duplicatesInFile: 20,
      duplicatesCalled: 30,
    };
    expect(summaryParts(counts, 'skip')).toEqual({
      total: '1,200 rows',
      ready: '1,000 ready',
      problems: '150 with problems',
      duplicates: '50 duplicates (skipped)',
    });
    expect(summaryParts({ ...counts, duplicates: 1 }, 'keep').duplicates).toBe('1 duplicate (called)');
  });

  it('shows the fields the rows will send, what happens to duplicates, and a problem in words', () => {
    const rows = [
      { document: { name: 'A', contact_number: '+14155550100', extra: { Plan: 'Gold' } } },
      { document: { name: 'B', contact_number: '+14155550101', email: 'b@example.com' } },
    ];
    expect(sentFields(rows)).toEqual(['name', 'contact_number', 'email', 'extra']);
    expect(rowOutcome(null, 'skip')).toBe('Sent');
    expect(rowOutcome({ kind: 'file', row: 2 }, 'skip')).toBe('Duplicate of row 2: skipped');
    expect(rowOutcome({ kind: 'cache', taskId: 't1', created: null }, 'keep')).toBe(
      'Called in this space recently: sent anyway',
    );
    expect(
      problemText({
        field: 'contact_number',
        column: 'Phone',
        code: 'phone_scientific',
        message: 'A spreadsheet wrote this number as 4.47E+11.',
      }),
    ).toBe('Phone number (column “Phone”): A spreadsheet wrote this number as 4.47E+11.');
    expect(problemText({ field: null, column: null, code: 'row_ragged', message: 'Row has 4 cells.' })).toBe(
      'Row has 4 cells.',
    );
  });

  it('guesses the default country from the locale', () => {
    expect(guessCountry('en-IN', ['IN', 'US'])).toBe('IN');
    expect(guessCountry('de', ['DE', 'US'])).toBe('DE');
    expect(guessCountry('zz', ['US'])).toBe('US');
    expect(guessCountry(undefined, ['US'])).toBe('US');
  });
});
