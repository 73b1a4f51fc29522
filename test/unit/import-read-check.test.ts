// The pure parts of reading a lead file: what a file is, its encoding, the header mapping, and
// each cell's check.
import { describe, expect, it } from 'vitest';
import { sniffBom, Utf8Check } from '../../src-main/imports/read/encoding.ts';
import { looksBinary, sniffNotCsv } from '../../src-main/imports/read/file-kind.ts';
import {
  autoMap,
  columnLetter,
  mappingProblem,
  targetForHeader,
} from '../../src-main/imports/read/header-mapping.ts';
import { cellKeysFor, checkRow } from '../../src-main/imports/read/lead-check.ts';
import { checkPhone } from '../../src-main/imports/read/phone-check.ts';
import { countryFromLocale } from '../../src-main/services/imports/default-country.ts';
import { detectDelimiter, detectNewline } from '../../src-main/imports/read/record-reader.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('what a file is', () => {
  it('tells workbooks, archives, PDFs and images apart from text, each with what to do', () => {
    const zipWith = (name: string) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Buffer.from(`....${name}`)]);
    expect(sniffNotCsv(zipWith('[Content_Types].xml'))?.message).toMatch(
      /^This is an Excel workbook: save it as CSV/,
    );
    expect(sniffNotCsv(zipWith('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'))?.kind).toBe('ods');
    expect(sniffNotCsv(zipWith('leads.csv'))?.message).toBe(
      'This is a ZIP archive: unzip it and import the CSV file inside.',
    );
    expect(sniffNotCsv(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))?.message).toMatch(
      /\.xls\): save it as CSV/,
    );
    expect(sniffNotCsv(Buffer.from('%PDF-1.7'))?.kind).toBe('pdf');
    expect(sniffNotCsv(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))?.message).toMatch(/PNG image/);
    expect(sniffNotCsv(bytes(0xff, 0xd8, 0xff, 0xe0))?.message).toMatch(/JPEG image/);
    expect(sniffNotCsv(Buffer.from('GIF89a'))?.message).toMatch(/GIF image/);
    expect(sniffNotCsv(Buffer.from('Name,Phone\n'))).toBeNull();
    expect(looksBinary(Buffer.from('Name,Phone\n'))).toBe(false);
    expect(looksBinary(bytes(0x4e, 0x00, 0x61, 0x00))).toBe(true);
  });

  it('reads byte-order marks and checks UTF-8 across chunk boundaries', () => {
    expect(sniffBom(bytes(0xef, 0xbb, 0xbf, 0x41))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(sniffBom(bytes(0xff, 0xfe, 0x41, 0))).toEqual({ encoding: 'utf-16le', length: 2 });
    expect(sniffBom(bytes(0xfe, 0xff, 0, 0x41))).toEqual({ encoding: 'utf-16be', length: 2 });
    expect(sniffBom(Buffer.from('Name'))).toBeNull();
    const split = new Utf8Check(); // é = C3 A9, split across two chunks
    expect(split.push(bytes(0x41, 0xc3))).toBe(true);
    expect(split.push(bytes(0xa9))).toBe(true);
    expect(split.end()).toBe(true);
    const latin = new Utf8Check(); // é in Windows-1252 is the single byte E9
    expect(latin.push(bytes(0x44, 0x75, 0x70, 0x72, 0xe9, 0x2c))).toBe(false);
    const cut = new Utf8Check();
    cut.push(bytes(0x41, 0xc3));
    expect(cut.end()).toBe(false);
  });

  it('detects the delimiter and the line ending', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
    expect(detectDelimiter('name,about\nx,"a; b; c"\n')).toBe(',');
    expect(detectDelimiter('phone\n+919876543210\n')).toBe(',');
    expect(detectNewline('a\r\nb')).toBe('\r\n');
    expect(detectNewline('a\nb\r\n')).toBe('\n');
    expect(detectNewline('a\rb')).toBe('\r');
  });
});

describe('mapping columns from their headers', () => {
  it('knows the phone synonyms, other languages and first + last name', () => {
    for (const header of ['Phone', 'Mobile No.', 'Cell', 'Tel', 'Number', 'Contact Number', 'WhatsApp']) {
      expect(targetForHeader(header), header).toBe('contact_number');
    }
    expect(targetForHeader('Teléfono')).toBe('contact_number');
    expect(targetForHeader('Téléphone')).toBe('contact_number');
    expect(targetForHeader('Handynummer')).toBe('contact_number');
    expect(targetForHeader('Telefone')).toBe('contact_number');
    expect(targetForHeader('मोबाइल नंबर')).toBe('contact_number');
    expect(targetForHeader('Correo electrónico')).toBe('email');
    expect(targetForHeader('Empresa')).toBe('company_name');
    expect(autoMap(['First Name', 'Last Name', 'Phone', 'Mobile', 'Region'])).toEqual([
      'first_name',
      'last_name',
      'contact_number',
      'alternate_number',
      'extra',
    ]);
    // "Nombre" beside "Apellido" is the first name.
    expect(autoMap(['Nombre', 'Apellido', 'Teléfono'])).toEqual([
      'first_name',
      'last_name',
      'contact_number',
    ]);
  });

  it('leaves duplicate headers for the user to resolve, and says which columns', () => {
    const headers = ['Name', 'Phone', 'Phone'];
    const mapping = autoMap(headers);
    expect(mappingProblem(headers, mapping)).toEqual({
      code: 'duplicate_headers',
      message:
        "2 columns are called “Phone” (columns B, C): choose the one to import and set the others to “Don't import”.",
      columns: [1, 2],
    });
    expect(mappingProblem(headers, ['name', 'contact_number', 'ignore'])).toBeNull();
    expect(cellKeysFor(headers)).toEqual(['Name', 'Phone (column B)', 'Phone (column C)']);
  });

  it('refuses a mapping without a phone or a name, with a field twice, or an extra named like a field', () => {
    expect(mappingProblem(['Name', 'City'], ['name', 'extra'])?.message).toBe(
      'No column is mapped to the phone number: choose the column that holds it.',
    );
    expect(mappingProblem(['Phone'], ['contact_number'])?.message).toMatch(
      /No column is mapped to the lead's name/,
    );
    expect(mappingProblem(['Name', 'A', 'B'], ['name', 'contact_number', 'contact_number'])?.message).toBe(
      '“A” (column B) and “B” (column C) are both mapped to Phone number: map one of them to something else.',
    );
    expect(mappingProblem(['Name', 'Phone', 'email'], ['name', 'contact_number', 'extra'])?.message).toMatch(
      /cannot be kept as an extra field because “email” is a document field/,
    );
    expect(mappingProblem(['Name', 'Phone'], ['name'])?.code).toBe('mapping');
    expect(mappingProblem(['Name', 'Phone', 'document_id'], ['name', 'contact_number', 'extra'])?.code).toBe(
      'mapping',
    );
    expect(mappingProblem(['Name', 'Phone', 'created'], ['name', 'contact_number', 'extra'])?.code).toBe(
      'mapping',
    );
    expect(mappingProblem(['Name', 'Phone', 'created'], ['name', 'contact_number', 'ignore'])).toBeNull();
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(26)).toBe('AA');
  });
});

describe('checking a phone number', () => {
  it('gives E.164 with the default country, keeping + and leading zeros meaningful', () => {
    expect(checkPhone('98765 43210', 'IN', 'Phone')).toEqual({ ok: true, e164: '+919876543210' });
    expect(checkPhone('+1 (469) 797-9987', 'IN', 'Phone')).toEqual({ ok: true, e164: '+14697979987' });
    expect(checkPhone('0044 20 7946 0958', 'IN', 'Phone')).toEqual({ ok: true, e164: '+442079460958' });
    expect(checkPhone('020 7946 0958', 'GB', 'Phone')).toEqual({ ok: true, e164: '+442079460958' });
  });

  it('names each kind of bad number', () => {
    const code = (v: string) => {
      const r = checkPhone(v, 'IN', 'Phone');
      return r.ok ? 'ok' : r.code;
    };
    expect(code('')).toBe('phone_missing');
    expect(code('4.47E+11')).toBe('phone_scientific');
    expect(code('9,87654E+9')).toBe('phone_scientific');
    expect(code('+1 469 797 9987 ext. 22')).toBe('phone_extension');
    expect(code('+1 469 797 9987 x22')).toBe('phone_extension');
    expect(code('call me')).toBe('phone_letters');
    expect(code('12345')).toBe('phone_too_short');
    expect(code('98765432101234567')).toBe('phone_too_long');
    expect(code('+999 123456789')).toBe('phone_country');
    expect(code('1111111111')).toBe('phone_invalid');
    const scientific = checkPhone('4.47E+11', 'IN', 'Mobile');
    expect(scientific.ok ? '' : scientific.message).toBe(
      '“4.47E+11” is a number a spreadsheet turned into scientific notation, which loses its last digits: format the column as Text, type the number again, and export the file again.',
    );
    const invalid = checkPhone('1111111111', 'IN', 'Mobile');
    expect(invalid.ok ? '' : invalid.message).toBe(
      '“1111111111” is not a possible phone number in India (+91): if it is from another country, write it with + and its country code.',
    );
  });
});

describe('checking a row', () => {
  const headers = ['First', 'Last', 'Phone', 'Alt', 'Email', 'Tags', 'City', 'Internal'];
  const ctx = {
    headers,
    mapping: [
      'first_name',
      'last_name',
      'contact_number',
      'alternate_number',
      'email',
      'labels',
      'extra',
      'ignore',
    ] as const,
    country: 'IN' as const,
    cellKeys: cellKeysFor(headers),
  };

  it('builds the document as it will be sent', () => {
    const lead = checkRow(
      ['Asha', 'Rao', '98765 43210', '', 'asha@example.com', 'vip; renewal', 'Pune', 'x'],
      2,
      {
        ...ctx,
        mapping: [...ctx.mapping],
      },
    );
    expect(lead).toEqual({
      row: 2,
      cells: {
        First: 'Asha',
        Last: 'Rao',
        Phone: '98765 43210',
        Alt: '',
        Email: 'asha@example.com',
        Tags: 'vip; renewal',
        City: 'Pune',
        Internal: 'x',
      },
      document: {
        name: 'Asha Rao',
        contact_number: '+919876543210',
        email: 'asha@example.com',
        labels: ['vip', 'renewal'],
        extra: { City: 'Pune' },
      },
      problems: [],
      duplicate: null,
    });
  });

  it('lists every problem of the row with its column', () => {
    const lead = checkRow(['', '', '4.47E+11', '123', 'asha@', '', '', ''], 5, {
      ...ctx,
      mapping: [...ctx.mapping],
    });
    expect(lead.document).toBeNull();
    expect(lead.problems.map((p) => [p.code, p.column])).toEqual([
      ['phone_scientific', 'Phone'],
      ['alternate_phone_too_short', 'Alt'],
      ['email_shape', 'Email'],
      ['name_missing', 'First'],
    ]);
  });

  it('reports a ragged row instead of guessing its columns', () => {
    const lead = checkRow(['Asha', '+919876543210'], 7, { ...ctx, mapping: [...ctx.mapping] });
    expect(lead.document).toBeNull();
    expect(lead.problems).toEqual([
      {
        field: null,
        column: null,
        code: 'row_ragged',
        message:
          'This row has 2 cells but the header has 8: a delimiter is missing or extra, so its columns cannot be trusted.',
      },
    ]);
  });
});

describe('the first guess of the default country', () => {
  it('comes from the locale, with likely regions added', () => {
    expect(countryFromLocale('en-IN')).toBe('IN');
    expect(countryFromLocale('de-DE')).toBe('DE');
    expect(countryFromLocale('hi')).toBe('IN');
    expect(countryFromLocale('pt-BR')).toBe('BR');
    expect(countryFromLocale('en-001')).toBeNull(); // "world": no country to read numbers for
    expect(countryFromLocale('not a locale')).toBeNull();
  });
});
