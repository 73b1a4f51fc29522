// The file's records, streamed: bytes → text (the chosen decoder) → Papa Parse's parser, one
// chunk at a time, so memory holds one chunk and the record it may end inside, never the file.
// Papa's own Node stream drops its parse errors, so this feeds its Parser directly (the same
// partial-line handling Papa's streamers do) and keeps the errors. Typing stays off: cells are
// strings exactly as written, so leading zeros and a leading + survive.
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { createDecoder } from './encoding.ts';
import type { Delimiter, FileEncoding } from './settings.ts';

export interface FileRecord {
  /** 0-based record number: 0 is the header row; a spreadsheet shows record n as row n + 1. */
  index: number;
  /** The text line the record starts on, 1-based (a quoted line break makes records span lines). */
  line: number;
  cells: string[];
}

/** A quote opened on `line` is never closed: everything after it would be one cell. */
export class UnclosedQuoteError extends Error {
  override readonly name = 'UnclosedQuoteError';
  readonly line: number;
  constructor(line: number) {
    super(`A quote opened on line ${line} is never closed.`);
    this.line = line;
  }
}

/** One record longer than this is a quote left open, not data (a lead row is a few hundred characters). */
export const MAX_RECORD_CHARS = 1_000_000;

export type Newline = '\r\n' | '\n' | '\r';

/** The line ending of the text: the first one found (Excel writes \r\n, most other tools \n). */
export function detectNewline(text: string): Newline {
  const n = text.indexOf('\n');
  const r = text.indexOf('\r');
  if (n === -1 && r === -1) return '\n';
  if (n === -1) return '\r';
  if (r === -1 || r > n) return '\n';
  return r === n - 1 ? '\r\n' : '\r';
}

export interface RecordSource {
  path: string;
  encoding: FileEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  delimiter: Delimiter;
  newline: Newline;
  /** Bytes per read (default 256 KiB). */
  chunkBytes?: number;
  signal?: AbortSignal;
}

interface PapaResult {
  data: string[][];
  errors: { code: string; row: number }[];
  meta: { cursor: number };
}

function countOf(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** The file's records in batches (one per chunk read), in file order. */
export async function* readRecords(source: RecordSource): AsyncGenerator<FileRecord[]> {
  const decoder = createDecoder(source.encoding);
  const stream = createReadStream(source.path, {
    start: source.bomLength,
    highWaterMark: source.chunkBytes ?? 256 * 1024,
    ...(source.signal ? { signal: source.signal } : {}),
  });
  const parser = new Papa.Parser({ delimiter: source.delimiter, newline: source.newline, quoteChar: '"' });
  const { newline } = source;
  let pending = '';
  let index = 0;
  let line = 1;

  const toRecords = (rows: string[][]): FileRecord[] => {
    const out: FileRecord[] = [];
    for (const cells of rows) {
      out.push({ index, line, cells });
      index++;
      line++;
      for (const cell of cells) if (cell.includes(newline)) line += countOf(cell, newline);
    }
    return out;
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = pending + decoder.decode(chunk, { stream: true });
      const result = parser.parse(text, 0, true) as PapaResult;
      pending = text.slice(result.meta.cursor);
      const records = toRecords(result.data);
      if (pending.length > MAX_RECORD_CHARS) throw new UnclosedQuoteError(line);
      if (records.length > 0) yield records;
    }
  } finally {
    stream.destroy();
  }
  const rest = pending + decoder.decode();
  if (rest === '') return;
  const result = parser.parse(rest, 0, false) as PapaResult;
  const unclosed = result.errors.find((e) => e.code === 'MissingQuotes');
  const rows = unclosed ? result.data.slice(0, unclosed.row) : result.data;
  // A file ending in a line break leaves one empty "row" after it: not a record.
  const last = rows.at(-1);
  if (last && last.length === 1 && last[0] === '') rows.pop();
  const records = toRecords(rows);
  if (records.length > 0) yield records;
  if (unclosed) throw new UnclosedQuoteError(line);
}

/** The delimiter the head of the file uses most consistently (comma when it cannot tell). */
export function detectDelimiter(headText: string): Delimiter {
  const result = Papa.parse<string[]>(headText, {
    delimitersToGuess: [',', ';', '\t', '|'],
    preview: 50,
    // A trailing line break's empty row would otherwise count against every delimiter.
    skipEmptyLines: true,
  });
  const found = result.meta.delimiter;
  return found === ';' || found === '\t' || found === '|' ? found : ',';
}
