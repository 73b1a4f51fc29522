// Waveform peaks of a recording file, streamed: the file is read in chunks and each chunk's
// samples fold into per-channel min/max buckets of 1/PEAKS_PER_SECOND s, so memory stays flat
// whatever the length (a 30-minute call is never held decoded). WAV is read natively (8/16/24/32-
// bit PCM, 32-bit float); MP3 goes through mpg123-decoder (WebAssembly: no native build). Runs in
// a worker thread (peaks-worker.ts); pure of any app state, so tests and the bench call it directly.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PEAKS_PER_SECOND } from '../../ipc/contract-recordings.ts';
import { findMp3Frame, parseWavHeader, type WavLayout } from './media-info.ts';

export interface PeaksResult {
  channels: number;
  sampleRate: number;
  durationSeconds: number;
  peaksPerSecond: number;
  lanes: { min: number[]; max: number[] }[];
}

/** Folds samples (-1…1) into min/max buckets, per channel. */
class PeakFolder {
  readonly lanes: { min: number[]; max: number[] }[];
  readonly #perBucket: number;
  readonly #min: Float64Array;
  readonly #max: Float64Array;
  #inBucket = 0;
  frames = 0;
  readonly channels: number;
  readonly sampleRate: number;

  constructor(channels: number, sampleRate: number) {
    this.channels = channels;
    this.sampleRate = sampleRate;
    this.#perBucket = Math.max(1, Math.round(sampleRate / PEAKS_PER_SECOND));
    this.lanes = Array.from({ length: channels }, () => ({ min: [], max: [] }));
    this.#min = new Float64Array(channels).fill(Infinity);
    this.#max = new Float64Array(channels).fill(-Infinity);
  }

  /** One frame's samples are at `read(channel)` for each channel. */
  push(read: (channel: number) => number): void {
    for (let c = 0; c < this.channels; c++) {
      const v = read(c);
      if (v < this.#min[c]!) this.#min[c] = v;
      if (v > this.#max[c]!) this.#max[c] = v;
    }
    this.frames++;
    if (++this.#inBucket === this.#perBucket) this.#flush();
  }

  /** A block of interleaved 16-bit PCM (the common WAV): the hot loop, on locals and integers. */
  pushInt16(samples: Int16Array, frames: number): void {
    const channels = this.channels;
    const per = this.#perBucket;
    for (let c = 0; c < channels; c++) {
      let inBucket = this.#inBucket;
      let lo = this.#min[c]! * 32768;
      let hi = this.#max[c]! * 32768;
      const lane = this.lanes[c]!;
      for (let i = c, n = frames * channels; i < n; i += channels) {
        const v = samples[i]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        if (++inBucket === per) {
          lane.min.push(Math.round((lo / 32768) * 1000) / 1000);
          lane.max.push(Math.round((hi / 32768) * 1000) / 1000);
          lo = Infinity;
          hi = -Infinity;
          inBucket = 0;
        }
      }
      this.#min[c] = lo / 32768;
      this.#max[c] = hi / 32768;
      if (c === channels - 1) this.#inBucket = inBucket;
    }
    this.frames += frames;
  }

  /** A block of planar channel data (the MP3 decoder's output), a channel at a time on locals. */
  pushPlanar(data: readonly Float32Array[], count: number): void {
    const per = this.#perBucket;
    for (let c = 0; c < this.channels; c++) {
      const samples = data[Math.min(c, data.length - 1)]!;
      let inBucket = this.#inBucket;
      let lo = this.#min[c]!;
      let hi = this.#max[c]!;
      const lane = this.lanes[c]!;
      for (let i = 0; i < count; i++) {
        const v = samples[i]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        if (++inBucket === per) {
          lane.min.push(Math.round(Math.max(-1, lo) * 1000) / 1000);
          lane.max.push(Math.round(Math.min(1, hi) * 1000) / 1000);
          lo = Infinity;
          hi = -Infinity;
          inBucket = 0;
        }
      }
      this.#min[c] = lo;
      this.#max[c] = hi;
      if (c === this.channels - 1) this.#inBucket = inBucket;
    }
    this.frames += count;
  }

  #flush(): void {
    for (let c = 0; c < this.channels; c++) {
      const lane = this.lanes[c]!;
      // Three decimals: plenty for a waveform, and a third of the JSON of full floats.
      lane.min.push(Math.round(Math.max(-1, this.#min[c]!) * 1000) / 1000);
      lane.max.push(Math.round(Math.min(1, this.#max[c]!) * 1000) / 1000);
      this.#min[c] = Infinity;
      this.#max[c] = -Infinity;
    }
    this.#inBucket = 0;
  }

  result(): PeaksResult {
    if (this.#inBucket > 0) this.#flush();
    return {
      channels: this.channels,
      sampleRate: this.sampleRate,
      durationSeconds: this.frames / this.sampleRate,
      peaksPerSecond: PEAKS_PER_SECOND,
      lanes: this.lanes,
    };
  }
}

export class UnreadableAudioError extends Error {
  override readonly name = 'UnreadableAudioError';
}

const CHUNK = 1 << 20;

function sampleReader(wav: WavLayout): (buf: Buffer, at: number) => number {
  const { bitsPerSample: bits, formatTag } = wav;
  if (formatTag === 3 && bits === 32) return (b, at) => b.readFloatLE(at);
  if (formatTag === 1 && bits === 16) return (b, at) => b.readInt16LE(at) / 32768;
  if (formatTag === 1 && bits === 8) return (b, at) => (b[at]! - 128) / 128;
  if (formatTag === 1 && bits === 24) return (b, at) => b.readIntLE(at, 3) / 8388608;
  if (formatTag === 1 && bits === 32) return (b, at) => b.readInt32LE(at) / 2147483648;
  throw new UnreadableAudioError(`This WAV encoding (format ${formatTag}, ${bits}-bit) cannot be read.`);
}

async function wavPeaks(path: string, wav: WavLayout): Promise<PeaksResult> {
  const folder = new PeakFolder(wav.channels, wav.sampleRate);
  const bytesPerSample = wav.bitsPerSample / 8;
  const frameBytes = bytesPerSample * wav.channels;
  const read = sampleReader(wav);
  const end = wav.dataOffset + wav.dataBytes - 1;
  let carry: Buffer = Buffer.alloc(0);
  const stream = createReadStream(path, { start: wav.dataOffset, end, highWaterMark: CHUNK });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const whole = buf.length - (buf.length % frameBytes);
    if (bytesPerSample === 2 && wav.formatTag === 1 && buf.byteOffset % 2 === 0) {
      // The common case (16-bit PCM) without a call per sample.
      folder.pushInt16(new Int16Array(buf.buffer, buf.byteOffset, whole / 2), whole / frameBytes);
    } else {
      for (let at = 0; at < whole; at += frameBytes) folder.push((c) => read(buf, at + c * bytesPerSample));
    }
    carry = Buffer.from(buf.subarray(whole));
  }
  return folder.result();
}

async function mp3Peaks(path: string, channels: number): Promise<PeaksResult> {
  const { MPEGDecoder } = await import('mpg123-decoder');
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    let folder: PeakFolder | null = null;
    const stream = createReadStream(path, { highWaterMark: CHUNK });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const out = decoder.decode(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      if (out.samplesDecoded === 0) continue;
      // The decoder always hands out two channels; a mono file's header says one.
      folder ??= new PeakFolder(Math.min(channels, out.channelData.length), out.sampleRate);
      folder.pushPlanar(out.channelData, out.samplesDecoded);
    }
    if (folder === null)
      throw new UnreadableAudioError('The MP3 file holds no audio the decoder could read.');
    return folder.result();
  } finally {
    decoder.free();
  }
}

/** The peaks of a WAV or MP3 file (by its bytes, not its name). */
export async function computePeaks(path: string): Promise<PeaksResult> {
  const handle = await open(path, 'r');
  let head: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    head = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const wav = parseWavHeader(head, size);
  if (wav) {
    if (wav.channels < 1 || wav.sampleRate < 1) throw new UnreadableAudioError('The WAV header is damaged.');
    return wavPeaks(path, wav);
  }
  const frame = findMp3Frame(head);
  if (frame) return mp3Peaks(path, frame.channels);
  throw new UnreadableAudioError('The recording is neither WAV nor MP3, so its waveform cannot be drawn.');
}
