// Decoding a lead file before parsing: Excel writes CSV as UTF-8 (with or without a byte-order
// mark), as "Unicode text" (UTF-16 LE with a mark), or in the system's ANSI code page (Windows-1252
// in the Americas and Western Europe). A mark decides; otherwise the whole file must be valid UTF-8
// to be read as such, since one é in row 90,000 written as a single byte would otherwise turn into
// U+FFFD there and be sent to the platform. Anything else is read as Windows-1252, with a notice.
import type { FileEncoding } from './settings.ts';

export interface Bom {
  encoding: FileEncoding;
  length: number;
}

export function sniffBom(head: Uint8Array): Bom | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Checks bytes chunk by chunk for valid UTF-8 (a sequence split across chunks is fine). */
export class Utf8Check {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private valid = true;

  push(chunk: Uint8Array): boolean {
    if (!this.valid) return false;
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.valid = false;
    }
    return this.valid;
  }

  /** Whether everything pushed was valid UTF-8, including that no sequence was left unfinished. */
  end(): boolean {
    if (!this.valid) return false;
    try {
      this.decoder.decode();
    } catch {
      this.valid = false;
    }
    return this.valid;
  }
}

/**
 * A streaming decoder for the chosen encoding. The byte-order mark is dropped (TextDecoder does
 * that for its own encoding's mark); bytes that do not decode become U+FFFD (only possible when
 * the user chose an encoding the file is not in: the preview shows it).
 */
export function createDecoder(encoding: FileEncoding): InstanceType<typeof TextDecoder> {
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
}

export const encodingLabels: Record<FileEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Western European)',
};

export const FALLBACK_NOTICE =
  'This file is not valid UTF-8, so it was read as Windows-1252 (Western European). If names look wrong, choose the encoding the file was saved in.';
