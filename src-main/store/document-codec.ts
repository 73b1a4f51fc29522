// How a task's JSON is kept in task_documents: compressed as a BLOB, [UTF-8 length of the JSON,
// 4 bytes little-endian][raw deflate, level 1]. A 3 KB task shrinks to ~42% (measured on the
// benchmark's tasks: deflate 1 0.42, brotli 1 0.44, zstd 1 0.44; higher levels gain 1-2 points
// for several times the CPU), and the documents are most of the file. The length up front lets
// the writer tell a changed task from a reordered one without inflating (task-writes.ts).
// Text is still read as it is: documents written before schema 3 stay TEXT until rewritten.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SQLOutputValue } from 'node:sqlite';

const HEADER = 4;

export function encodeDocument(json: string): Uint8Array {
  const body = deflateRawSync(json, { level: 1 });
  const out = Buffer.allocUnsafe(HEADER + body.length);
  out.writeUInt32LE(Buffer.byteLength(json), 0);
  body.copy(out, HEADER);
  return out;
}

/** The JSON text of a stored document, or null when there is none or it cannot be inflated. */
export function decodeDocument(value: SQLOutputValue | undefined): string | null {
  if (typeof value === 'string') return value;
  if (!(value instanceof Uint8Array) || value.length < HEADER) return null;
  try {
    return inflateRawSync(value.subarray(HEADER)).toString('utf8');
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
    return Buffer.from(value.buffer, value.byteOffset, HEADER).readUInt32LE(0);
  }
  return null;
}
