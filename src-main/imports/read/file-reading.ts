// The whole read of a lead file, as it runs in the worker thread: what the file is (layout:
// encoding, delimiter, headers, mapping), then its rows checked, in batches, in file order. No
// worker API here, so tests and the bench can run it directly too.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { CountryCode } from 'libphonenumber-js/max';
import type { CheckedLead } from '../checked-lead.ts';
import { FALLBACK_NOTICE, sniffBom, Utf8Check } from './encoding.ts';
import { BINARY_MESSAGE, looksBinary, sniffNotCsv } from './file-kind.ts';
import { autoMap, mappingProblem } from './header-mapping.ts';
import { cellKeysFor, checkRow, isBlankRow } from './lead-check.ts';
import { isSupportedCountryCode } from './phone-check.ts';
import {
  detectDelimiter,
  detectNewline,
  readRecords,
  UnclosedQuoteError,
  type Newline,
} from './record-reader.ts';
import type { FileLayout, FileProblem, ParsedReadSettings } from './settings.ts';

/** Reading stopped: the file (or the settings) must change first. */
export class FileProblemError extends Error {
  override readonly name = 'FileProblemError';
  readonly problem: FileProblem;
  constructor(problem: FileProblem) {
    super(problem.message);
    this.problem = problem;
  }
}

export interface Inspected {
  layout: FileLayout;
  /** Things the user should know that do not stop the import (the encoding fallback). */
  notices: string[];
  bomLength: number;
  newline: Newline;
  /** The header's record number (0 unless blank lines come first). */
  headerIndex: number;
}

const HEAD_BYTES = 64 * 1024;

async function readHead(path: string): Promise<{ head: Uint8Array; size: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = new Uint8Array(Math.min(size, HEAD_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}

async function isUtf8File(path: string, start: number): Promise<boolean> {
  const check = new Utf8Check();
  const stream = createReadStream(path, { start, highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) if (!check.push(chunk)) return false;
  } finally {
    stream.destroy();
  }
  return check.end();
}

function unclosedProblem(line: number): FileProblem {
  return {
    code: 'unclosed_quote',
    message: `A quote (") opened on line ${line} is never closed, so the rest of the file would be one cell: close the quote, or remove it, and import again.`,
    line,
  };
}

/** What the file is, with the user's settings applied; throws FileProblemError when it cannot be read. */
export async function inspectFile(path: string, settings: ParsedReadSettings): Promise<Inspected> {
  let head: Uint8Array;
  let size: number;
  try {
    ({ head, size } = await readHead(path));
  } catch (error) {
    throw new FileProblemError({
      code: 'unreadable',
      message: `The file could not be read: ${(error as Error).message}`,
    });
  }
  if (size === 0)
    throw new FileProblemError({ code: 'empty', message: 'The file is empty: there is nothing to import.' });
  const bom = sniffBom(head);
  if (bom === null) {
    const notCsv = sniffNotCsv(head);
    if (notCsv) throw new FileProblemError({ code: 'not_csv', message: notCsv.message });
    const utf16 = settings.encoding === 'utf-16le' || settings.encoding === 'utf-16be';
    if (!utf16 && looksBinary(head)) throw new FileProblemError({ code: 'not_csv', message: BINARY_MESSAGE });
  }
  const notices: string[] = [];
  let encoding: FileLayout['encoding'];
  let encodingSource: FileLayout['encodingSource'];
  if (settings.encoding) {
    encoding = settings.encoding;
    encodingSource = 'user';
  } else if (bom) {
    encoding = bom.encoding;
    encodingSource = 'bom';
  } else if (await isUtf8File(path, 0)) {
    encoding = 'utf-8';
    encodingSource = 'utf-8';
  } else {
    encoding = 'windows-1252';
    encodingSource = 'fallback';
    notices.push(FALLBACK_NOTICE);
  }
  const bomLength = bom && bom.encoding === encoding ? bom.length : 0;
  const headText = new TextDecoder(encoding, { ignoreBOM: true }).decode(head.subarray(bomLength), {
    stream: true,
  });
  const lastBreak = Math.max(headText.lastIndexOf('\n'), headText.lastIndexOf('\r'));
  const sample = size > head.length && lastBreak > 0 ? headText.slice(0, lastBreak) : headText;
  const delimiter = settings.delimiter ?? detectDelimiter(sample);
  const newline = detectNewline(sample);

  let header: { index: number; cells: string[] } | null = null;
  try {
    outer: for await (const batch of readRecords({ path, encoding, bomLength, delimiter, newline })) {
      for (const record of batch) {
        if (!isBlankRow(record.cells)) {
          header = record;
          break outer;
        }
      }
    }
  } catch (error) {
    if (error instanceof UnclosedQuoteError) throw new FileProblemError(unclosedProblem(error.line));
    throw error;
  }
  if (header === null) {
    throw new FileProblemError({
      code: 'empty',
      message: 'The file has only blank lines: there is nothing to import.',
    });
  }
  const headers = header.cells.map((h) => h.replace(/^\uFEFF/, '').trim());
  const mapping = settings.mapping ?? autoMap(headers);
  const layout: FileLayout = {
    encoding,
    encodingSource,
    delimiter,
    delimiterSource: settings.delimiter ? 'user' : 'detected',
    headers,
    mapping,
    mappingSource: settings.mapping ? 'user' : 'headers',
  };
  return { layout, notices, bomLength, newline, headerIndex: header.index };
}

export interface ReadProgress {
  /** Data rows read so far (blank rows not counted). */
  rows: number;
}

/**
 * The file's data rows, checked, in batches in file order. Duplicates within the file are marked
 * on the later row. Throws FileProblemError for a problem of the whole file (its mapping, an
 * unclosed quote, no data rows); rows before an unclosed quote have been yielded by then.
 */
export async function* readCheckedRows(
  path: string,
  settings: ParsedReadSettings,
  inspected: Inspected,
  signal?: AbortSignal,
): AsyncGenerator<CheckedLead[]> {
  const { layout } = inspected;
  const problem = mappingProblem(layout.headers, layout.mapping);
  if (problem) throw new FileProblemError(problem);
  if (!isSupportedCountryCode(settings.country)) {
    throw new FileProblemError({
      code: 'mapping',
      message: `“${settings.country}” is not a country phone numbers can be read for: choose another default country.`,
    });
  }
  const country: CountryCode = settings.country;
  const ctx = {
    headers: layout.headers,
    mapping: layout.mapping,
    country,
    cellKeys: cellKeysFor(layout.headers),
  };
  // E.164 as a number (at most 15 digits: exact in a double) keeps the map small at 500k rows.
  const firstRowOf = new Map<number, number>();
  let rows = 0;
  try {
    for await (const batch of readRecords({
      path,
      encoding: layout.encoding,
      bomLength: inspected.bomLength,
      delimiter: layout.delimiter,
      newline: inspected.newline,
      ...(signal ? { signal } : {}),
    })) {
      const leads: CheckedLead[] = [];
      for (const record of batch) {
        if (record.index <= inspected.headerIndex || isBlankRow(record.cells)) continue;
        const lead = checkRow(record.cells, record.index + 1, ctx);
        const e164 = lead.document?.contact_number;
        if (e164 !== undefined) {
          const number = Number(e164.slice(1));
          const first = firstRowOf.get(number);
          if (first === undefined) firstRowOf.set(number, lead.row);
          else lead.duplicate = { kind: 'file', row: first };
        }
        leads.push(lead);
      }
      rows += leads.length;
      if (leads.length > 0) yield leads;
    }
  } catch (error) {
    if (error instanceof UnclosedQuoteError) throw new FileProblemError(unclosedProblem(error.line));
    throw error;
  }
  if (rows === 0) {
    throw new FileProblemError({
      code: 'header_only',
      message:
        'The file has a header row but no leads under it: add the leads, one per row, and import again.',
    });
  }
}
