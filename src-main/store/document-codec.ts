// How a task's JSON is kept in task_documents: compressed as a BLOB, [UTF-8 length of the JSON,
// 4 bytes little-endian, top bit = deflated with DOCUMENT_DICTIONARY_1][raw deflate, level 1].
// A 3 KB task shrinks to ~26% with the preset dictionary (document-dictionary.ts), ~42% without
// (measured on the benchmark's tasks: deflate 1 0.42, brotli 1 0.44, zstd 1 0.44; higher levels
// gain 1-2 points for several times the CPU), and the documents are most of the file. The length
// up front lets the writer tell a changed task from a reordered one without inflating
// (task-writes.ts). Every older form is still read: documents written before schema 3 stay TEXT,
// and those deflated without the dictionary stay so, until rewritten.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SQLOutputValue } from 'node:sqlite';
import { DOCUMENT_DICTIONARY_1 } from './document-dictionary.ts';

const HEADER = 4;
/** Set in the header's length: the body was deflated with DOCUMENT_DICTIONARY_1. */
const DICTIONARY_1 = 0x8000_0000;
const LENGTH = 0x7fff_ffff;
/*
 * windowBits 13 (8 KiB): the dictionary and a task fit in it, and deflate's state to set up per
 * call is a quarter of the default's (the per-call setup, not the compression, is most of the
 * cost for a 3 KB document). Inflate reads any window up to its own 15, so readers need nothing.
 */
const DEFLATE = { level: 1, windowBits: 13, dictionary: DOCUMENT_DICTIONARY_1 } as const;

export function encodeDocument(json: string): Uint8Array {
  const body = deflateRawSync(json, DEFLATE);
  const out = Buffer.allocUnsafe(HEADER + body.length);
  out.writeUInt32LE((Buffer.byteLength(json) | DICTIONARY_1) >>> 0, 0);
  body.copy(out, HEADER);
  return out;
}

/** As documents were written before the dictionary: still read, and used by the bench as "before". */
export function encodeDocumentWithoutDictionary(json: string): Uint8Array {
  const body = deflateRawSync(json, { level: 1 });
  const out = Buffer.allocUnsafe(HEADER + body.length);
  out.writeUInt32LE(Buffer.byteLength(json), 0);
  body.copy(out, HEADER);
  return out;
}

const headerOf = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, HEADER).readUInt32LE(0);

/** The JSON text of a stored document, or null when there is none or it cannot be inflated. */
export function decodeDocument(value: SQLOutputValue | undefined): string | null {
  if (typeof value === 'string') return value;
  if (!(value instanceof Uint8Array) || value.length < HEADER) return null;
  try {
    const body = value.subarray(HEADER);
    const inflated =
      (headerOf(value) & DICTIONARY_1) !== 0
        ? inflateRawSync(body, { dictionary: DOCUMENT_DICTIONARY_1 })
        : inflateRawSync(body);
    return inflated.toString('utf8');
  } catch {
    return null; // damaged: the caller treats it like unreadable JSON
  }
}

/** SQL for the UTF-8 length of the JSON in the column `column`, without inflating it. */
export const documentBytesSql = (column: string) =>
  `CASE typeof(${column}) WHEN 'blob' THEN substr(${column}, 1, ${HEADER}) ELSE octet_length(${column}) END`;

/** Reads what documentBytesSql selected. */
export function documentBytes(value: SQLOutputValue | undefined): number | null {
  if (typeof value === 'number') return value;
  if (value instanceof Uint8Array && value.length === HEADER) {
    return headerOf(value) & LENGTH;
  }
  return null;
}
