import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { TASK_CSV_COLUMNS, toCsv, type CsvColumn } from '../../src-main/store/csv-export.ts';
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
    ];
    const csv = toCsv(
      dangerous.map((text) => ({ text })),
      one,
    );
    expect(cellsOf(csv)).toEqual(dangerous.map((d) => `'${d}`));
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

  it('exports task list rows with the standard columns', () => {
    const row: TaskListRow = {
      id: 'T1',
      spaceToken: 'S',
      spaceId: '9',
      assignee: 'sales-bot',
      status: 'completed',
      executionType: 'call',
      created: '2025-01-15T14:30:00.000000',
      createdAt: 0,
      modified: null,
      modifiedAt: null,
      name: '=cmd()',
      contactNumber: '+919988776655',
      email: null,
      company: 'Acme, Inc.',
      outcomeStatus: 'Call Back',
      labels: ['Interested', 'VIP'],
      duration: 76.769,
      cost: 0.139,
      hasRecording: true,
      match: null,
    };
    const [header, line] = Papa.parse<string[]>(toCsv([row], TASK_CSV_COLUMNS)).data;
    expect(header).toEqual(TASK_CSV_COLUMNS.map((c) => c.header));
    expect(Object.fromEntries(header!.map((h, i) => [h, line![i]]))).toEqual({
      Name: "'=cmd()",
      'Contact number': "'+919988776655",
      Email: '',
      Company: 'Acme, Inc.',
      Status: 'completed',
      Outcome: 'Call Back',
      Labels: 'Interested; VIP',
      Agent: 'sales-bot',
      Type: 'call',
      Created: '2025-01-15T14:30:00.000000',
      'Duration (s)': '76.769',
      'Cost (USD)': '0.139',
      Recording: 'yes',
      'Task id': 'T1',
    });
  });
});
