// What a recording's first bytes tell: its format (WAV or MP3, whatever the server called it),
// channels, sample rate and duration. Read from the head of the file only (a few KB), so opening
// a recording stays quick; the waveform worker decodes the whole file when asked for peaks.
import { open } from 'node:fs/promises';

export interface MediaInfo {
  format: 'wav' | 'mp3' | null;
  channels: number | null;
  sampleRate: number | null;
  durationSeconds: number | null;
}

const UNKNOWN: MediaInfo = { format: null, channels: null, sampleRate: null, durationSeconds: null };

export interface WavLayout {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** 1: PCM integers, 3: IEEE float. */
  formatTag: number;
  dataOffset: number;
  dataBytes: number;
}

/** The fmt and data chunks of a RIFF/WAVE header, or null when it is not one this app reads. */
export function parseWavHeader(head: Buffer, fileSize: number): WavLayout | null {
  if (head.length < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE')
    return null;
  let at = 12;
  let fmt: Omit<WavLayout, 'dataOffset' | 'dataBytes'> | null = null;
  while (at + 8 <= head.length) {
    const id = head.toString('ascii', at, at + 4);
    const size = head.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ' && body + 16 <= head.length) {
      let formatTag = head.readUInt16LE(body);
      // WAVE_FORMAT_EXTENSIBLE: the real format is the sub-format GUID's first two bytes.
      if (formatTag === 0xfffe && size >= 40 && body + 26 <= head.length)
        formatTag = head.readUInt16LE(body + 24);
      fmt = {
        formatTag,
        channels: head.readUInt16LE(body + 2),
        sampleRate: head.readUInt32LE(body + 4),
        bitsPerSample: head.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (fmt === null) return null;
      // Streamed WAVs may announce 0 or 0xFFFFFFFF: the data then runs to the end of the file.
      const announced = size === 0 || size === 0xffffffff ? fileSize - body : size;
      return { ...fmt, dataOffset: body, dataBytes: Math.max(0, Math.min(announced, fileSize - body)) };
    }
    at = body + size + (size % 2);
  }
  return null;
}

const MPEG1_BITRATES = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_BITRATES = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

export interface Mp3Frame {
  offset: number;
  sampleRate: number;
  channels: number;
  bitrateKbps: number;
  samplesPerFrame: number;
}

/** The first MPEG layer III frame header (after an ID3v2 tag, if any). */
export function findMp3Frame(head: Buffer): Mp3Frame | null {
  let at = 0;
  if (head.length >= 10 && head.toString('ascii', 0, 3) === 'ID3') {
    const size =
      ((head[6]! & 0x7f) << 21) | ((head[7]! & 0x7f) << 14) | ((head[8]! & 0x7f) << 7) | (head[9]! & 0x7f);
    at = 10 + size;
  }
  for (; at + 4 <= head.length; at++) {
    if (head[at] !== 0xff || (head[at + 1]! & 0xe0) !== 0xe0) continue;
    const version = (head[at + 1]! >> 3) & 3; // 3: MPEG1, 2: MPEG2, 0: MPEG2.5
    const layer = (head[at + 1]! >> 1) & 3; // 1: layer III
    const bitrateIndex = head[at + 2]! >> 4;
    const rateIndex = (head[at + 2]! >> 2) & 3;
    if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
      continue;
    const bitrateKbps = (version === 3 ? MPEG1_BITRATES : MPEG2_BITRATES)[bitrateIndex]!;
    return {
      offset: at,
      sampleRate: SAMPLE_RATES[version]![rateIndex]!,
      channels: head[at + 3]! >> 6 === 3 ? 1 : 2,
      bitrateKbps,
      samplesPerFrame: version === 3 ? 1152 : 576,
    };
  }
  return null;
}

/** Reads the head of a file and describes it; nulls for what it cannot tell. */
export async function readMediaInfo(path: string): Promise<MediaInfo> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(head, 0, head.length, 0);
    const wav = parseWavHeader(head, size);
    if (wav) {
      const frameBytes = (wav.bitsPerSample / 8) * wav.channels;
      return {
        format: 'wav',
        channels: wav.channels,
        sampleRate: wav.sampleRate,
        durationSeconds: frameBytes > 0 ? wav.dataBytes / frameBytes / wav.sampleRate : null,
      };
    }
    const mp3 = findMp3Frame(head);
    if (mp3) {
      // Constant bit rate (what the platform's and the sandbox's encoders write).
      return {
        format: 'mp3',
        channels: mp3.channels,
        sampleRate: mp3.sampleRate,
        durationSeconds: ((size - mp3.offset) * 8) / (mp3.bitrateKbps * 1000),
      };
    }
    return UNKNOWN;
  } finally {
    await handle.close();
  }
}
