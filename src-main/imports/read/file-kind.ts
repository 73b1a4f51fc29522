// Files that are not text, recognised by their first bytes, each with what the supervisor can do
// about it. A spreadsheet saved in its own format is the usual mistake; the message says how to
// get a CSV out of it instead of showing a page of garbled characters.

export interface NotCsv {
  kind: 'xlsx' | 'ods' | 'zip' | 'xls' | 'pdf' | 'image' | 'binary';
  message: string;
}

const startsWith = (head: Uint8Array, bytes: readonly number[]): boolean =>
  bytes.every((b, i) => head[i] === b);

const latin1 = (head: Uint8Array): string =>
  Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');

const SAVE_AS_CSV = 'choose File › Save As › "CSV UTF-8 (Comma delimited)", then import that file';

/** What the file is when its first bytes say it is not text; null for text (or unknown). */
export function sniffNotCsv(head: Uint8Array): NotCsv | null {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    // A zip's first entry names come right after each local header: enough to tell the formats apart.
    const text = latin1(head);
    if (text.includes('application/vnd.oasis.opendocument.spreadsheet')) {
      return { kind: 'ods', message: `This is an OpenDocument spreadsheet: in LibreOffice, ${SAVE_AS_CSV}.` };
    }
    if (text.includes('[Content_Types].xml') || text.includes('xl/')) {
      return {
        kind: 'xlsx',
        message: `This is an Excel workbook: save it as CSV (in Excel, ${SAVE_AS_CSV}).`,
      };
    }
    return { kind: 'zip', message: 'This is a ZIP archive: unzip it and import the CSV file inside.' };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return {
      kind: 'xls',
      message: `This is an Excel 97-2003 workbook (.xls): save it as CSV (in Excel, ${SAVE_AS_CSV}).`,
    };
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return {
      kind: 'pdf',
      message: 'This is a PDF document, not a table: export the leads as CSV from the program that made it.',
    };
  }
  const image = startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    ? 'PNG'
    : startsWith(head, [0xff, 0xd8, 0xff])
      ? 'JPEG'
      : startsWith(head, [0x47, 0x49, 0x46, 0x38])
        ? 'GIF'
        : null;
  if (image !== null) {
    return {
      kind: 'image',
      message: `This is a ${image} image, not a table: import the CSV file of the leads instead.`,
    };
  }
  return null;
}

/**
 * A file with NUL bytes that no byte-order mark explains is binary (or UTF-16 without a mark,
 * which the user can pick as the encoding). Called on the head after the BOM check.
 */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) if (head[i] === 0) return true;
  return false;
}

export const BINARY_MESSAGE =
  'This file is not text (it holds NUL bytes): import a CSV file. If it is UTF-16 text without a byte-order mark, choose UTF-16 as the encoding.';
