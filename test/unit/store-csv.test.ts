import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { taskCsvColumns, toCsv, type CsvColumn } from '../../src-main/store/csv-export.ts';
import type { TaskListRow } from '../../src-main/store/task-queries.ts';

type Row = { text: unknown };
const one: readonly CsvColumn<Row>[] = [{ header: 'Value', value: (r) => r.text }];
const cellsOf = (csv: string) =>
  Papa.parse<string[]>(csv, { newline: '\r\n' })
    .data.slice(1)
    .map((r) => r[0]);

describe('toCsv', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    const dangerous = [
      '=HYPERLINK("http://evil","click")',
      "+1+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(A1:A2)',
      '\t=1+1',
      '\r=1+1',
      '=1+1\nsecond line', // Papa Parse's own escapeFormulae regex misses this one
      '\uFF1D1+1', // full-width equals sign
      '\n=1+1', // a formula after a leading line break
      ' =1+1', // after leading spaces, which some spreadsheets trim
      '\0=1+1', // NUL (OWASP ASVS)
      '+14697979987\n=cmd|x', // a number with a formula on the next line is not a number
      '+1 555 0100 =cmd|x',
      '+1(2)+cmd|x',
      '+',
      '-',
      '--2',
      '-0.5e3',
    ];
    const csv = toCsv(
      dangerous.map((text) => ({ text })),
      one,
    );
    expect(cellsOf(csv)).toEqual(dangerous.map((d) => `'${d}`));
  });

  it('leaves phone numbers as they are, so the file goes back into a CRM or a dialer', () => {
    // A + then digits, spaces, dashes and parentheses: at most arithmetic, never a function call.
    const numbers = ['+14697979987', '+1 (469) 797-9987', '+91-99887-76655', '+44 20 7946 0958', '+(44)20'];
    const csv = toCsv(
      numbers.map((text) => ({ text })),
      one,
    );
    expect(cellsOf(csv)).toEqual(numbers);
    expect(csv).toBe(['Value', ...numbers].join('\r\n'));
  });

  it('leaves plain negative amounts as they are', () => {
    expect(cellsOf(toCsv([{ text: '-0.050' }, { text: '-12' }], one))).toEqual(['-0.050', '-12']);
  });

  it('leaves ordinary text and numbers alone', () => {
    const csv = toCsv([{ text: 'Rajesh Kumar' }, { text: -5 }, { text: 0.139 }, { text: 'a=b' }], one);
    expect(csv).toBe('Value\r\nRajesh Kumar\r\n-5\r\n0.139\r\na=b');
  });

  it('quotes per RFC 4180 and round-trips', () => {
    const values = ['a,b', 'say "hi"', 'line1\nline2', 'line1\r\nline2', ' padded ', 'José 山田 🌟'];
    const csv = toCsv(
      values.map((text) => ({ text })),
      one,
    );
    expect(csv).toContain('"a,b"');
    expect(csv).toContain('"say ""hi"""');
    expect(cellsOf(csv)).toEqual(values);
  });

  it('writes empty cells for missing values and joins lists', () => {
    const csv = toCsv(
      [{ text: null }, { text: undefined }, { text: ['Interested', 'VIP'] }, { text: true }],
      one,
    );
    expect(csv.split('\r\n')).toEqual(['Value', '', '', 'Interested; VIP', 'yes']);
  });

  it('can start with a byte-order mark', () => {
    expect(toCsv([{ text: 'x' }], one, { bom: true })).toBe('\uFEFFValue\r\nx');
  });

  it('exports task list rows as the screen shows them', () => {
    const row: TaskListRow = {
      id: 'T1',
      spaceToken: 'S',
      spaceId: '9',
      assignee: 'sales-bot',
      status: 'in_progress',
      executionType: 'call',
      created: '2025-01-15T14:30:00.000000',
      createdAt: Date.UTC(2025, 0, 15, 14, 30),
      modified: null,
      modifiedAt: null,
      name: '=cmd()',
      contactNumber: '+919988776655',
      email: null,
      company: 'Acme, Inc.',
      outcomeStatus: 'Call Back',
      labels: ['Interested', 'VIP'],
      duration: 76.769,
      cost: 0.12,
      hasRecording: true,
      match: null,
    };
    const columns = taskCsvColumns({
      agentNames: new Map([['sales-bot', 'Sales Assistant']]),
      timeZone: 'Asia/Kolkata',
    });
    const [header, line] = Papa.parse<string[]>(toCsv([row], columns)).data;
    expect(header).toEqual(columns.map((c) => c.header));
    expect(Object.fromEntries(header!.map((h, i) => [h, line![i]]))).toEqual({
      Name: "'=cmd()",
      'Contact number': '+919988776655',
      Email: '',
      Company: 'Acme, Inc.',
      Status: 'In progress',
      Outcome: 'Call Back',
      Labels: 'Interested; VIP',
      Agent: 'Sales Assistant',
      'Agent handle': 'sales-bot',
      Type: 'call',
      Created: '2025-01-15T20:00:00+05:30',
      'Duration (s)': '76.769',
      'Cost (USD)': '0.120',
      Recording: 'yes',
      'Task id': 'T1',
    });
  });

  it('writes times with the offset of the zone at that date, and an unknown agent by handle only', () => {
    const base: TaskListRow = {
      id: 'T2',
      spaceToken: 'S',
      spaceId: '9',
      assignee: 'gone-bot',
      status: 'failed',
      executionType: 'call',
      created: null,
      createdAt: null,
      modified: null,
      modifiedAt: null,
      name: 'Ana',
      contactNumber: null,
      email: null,
      company: null,
      outcomeStatus: null,
      labels: [],
      duration: 0,
      cost: 0,
      hasRecording: false,
      match: null,
    };
    const columns = taskCsvColumns({ agentNames: new Map(), timeZone: 'America/New_York' });
    const rows = [
      { ...base, createdAt: Date.UTC(2026, 0, 15, 14, 30) }, // winter: UTC−5
      { ...base, createdAt: Date.UTC(2026, 6, 15, 14, 30, 59, 999) }, // summer: UTC−4
      base, // no time at all
    ];
    const parsed = Papa.parse<Record<string, string>>(toCsv(rows, columns), { header: true }).data;
    expect(parsed.map((r) => r.Created)).toEqual([
      '2026-01-15T09:30:00-05:00',
      '2026-07-15T10:30:59-04:00',
      '',
    ]);
    expect(parsed.map((r) => [r.Agent, r['Agent handle'], r.Status, r['Cost (USD)']])).toEqual(
      Array(3).fill(['', 'gone-bot', 'Failed', '0.000']),
    );
  });
});
