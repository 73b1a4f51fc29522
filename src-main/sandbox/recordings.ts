// Call recordings: synthetic speech-like audio (8 kHz 16-bit; WAV, or MP3 encoded in a worker
// thread by audio-worker.ts; mono, or agent left / customer right) whose length is the call's
// `duration` and whose voiced stretches follow the transcript's turns, plus the URL signing that
// guards them (like object storage behind the platform's pre-signed URLs).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { endianness } from 'node:os';
import { Prng } from './data/prng.ts';
import type { SpeechTurn } from './data/task-types.ts';

export const SAMPLE_RATE = 8000;
const WAV_HEADER_BYTES = 44;

function wavHeader(buf: Buffer, dataBytes: number, channels = 1): void {
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(channels, 22);
  buf.writeUInt32LE(SAMPLE_RATE, 24);
  buf.writeUInt32LE(SAMPLE_RATE * 2 * channels, 28); // byte rate
  buf.writeUInt16LE(2 * channels, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
}

// One period of a voiced sound (a few harmonics) and a syllable envelope, as lookup tables:
// rendering a 90 s call is then a few milliseconds.
const TABLE_BITS = 11;
const TABLE_SIZE = 1 << TABLE_BITS;
const VOICE_TABLE = new Float32Array(TABLE_SIZE);
for (let i = 0; i < TABLE_SIZE; i++) {
  const x = (2 * Math.PI * i) / TABLE_SIZE;
  VOICE_TABLE[i] =
    (Math.sin(x) + 0.5 * Math.sin(2 * x) + 0.25 * Math.sin(3 * x) + 0.12 * Math.sin(5 * x)) / 1.87;
}
// Two noise tables of coprime lengths, read together: a non-repeating hiss without a PRNG call
// per sample.
const NOISE_A = new Float32Array(8191);
const NOISE_B = new Float32Array(4093);
{
  const p = new Prng(0x5eed);
  for (let i = 0; i < NOISE_A.length; i++) NOISE_A[i] = p.next() - 0.5;
  for (let i = 0; i < NOISE_B.length; i++) NOISE_B[i] = p.next() - 0.5;
}
const noise = (i: number): number => NOISE_A[i % 8191]! + NOISE_B[i % 4093]!;

const ENVELOPE_SIZE = 512;
const ENVELOPE = new Float32Array(ENVELOPE_SIZE + 1);
for (let i = 0; i <= ENVELOPE_SIZE; i++) ENVELOPE[i] = Math.sin((Math.PI * i) / ENVELOPE_SIZE) ** 0.7;

/** Adds one syllable: a voiced sound on a gliding pitch under a smooth envelope, plus breath. */
function syllable(
  out: Float32Array,
  p: Prng,
  from: number,
  to: number,
  f0: number,
  amp: number,
  breath: number,
): void {
  const n = to - from;
  const glide = p.float(-0.12, 0.12);
  const step = (f0 * TABLE_SIZE) / SAMPLE_RATE;
  const noiseAt = p.int(0, 1 << 20);
  let phase = p.float(0, TABLE_SIZE);
  for (let i = 0; i < n; i++) {
    const x = i / n;
    phase += step * (1 + glide * x);
    const voiced = VOICE_TABLE[(phase | 0) & (TABLE_SIZE - 1)]!;
    out[from + i]! += ENVELOPE[(x * ENVELOPE_SIZE) | 0]! * amp * (voiced + breath * noise(noiseAt + i));
  }
}

/**
 * Renders the speech of a call as float samples: line hiss throughout, syllable bursts while
 * someone speaks. Mono mixes both speakers; two channels put the agent (assistant) on the left
 * and the customer on the right, as call recorders do.
 */
export function renderSpeech(
  turns: SpeechTurn[],
  durationSec: number,
  seed: number,
  channels: 1 | 2 = 1,
): Float32Array[] {
  const p = new Prng(seed);
  const total = Math.max(1, Math.round(durationSec * SAMPLE_RATE));
  const out = Array.from({ length: channels }, () => new Float32Array(total));
  const hissAt = p.int(0, 1 << 20);
  for (const lane of out) for (let i = 0; i < total; i++) lane[i] = noise(hissAt + i) * 0.004;
  for (const turn of turns) {
    const assistant = turn.role === 'assistant';
    const samples = out[channels === 2 && !assistant ? 1 : 0]!;
    const f0 = (assistant ? 205 : 125) * p.float(0.93, 1.07);
    const amp = assistant ? 0.32 : 0.26;
    const end = Math.min(total, Math.round(turn.endSec * SAMPLE_RATE));
    let t = Math.round(turn.startSec * SAMPLE_RATE);
    while (t < end) {
      const len = Math.min(end - t, Math.round(p.float(0.09, 0.26) * SAMPLE_RATE));
      if (len > 80)
        syllable(
          samples,
          p,
          t,
          t + len,
          f0 * p.float(0.9, 1.12),
          amp * p.float(0.7, 1),
          assistant ? 0.03 : 0.12,
        );
      const pause = p.chance(0.2) ? p.float(0.12, 0.3) : p.float(0.02, 0.07);
      t += len + Math.round(pause * SAMPLE_RATE);
    }
  }
  return out;
}

/** Float samples → 16-bit PCM, clipped. */
export function toPcm16(samples: Float32Array): Int16Array {
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    pcm[i] = v >= 1 ? 32767 : v <= -1 ? -32767 : (v * 32767 + (v >= 0 ? 0.5 : -0.5)) | 0;
  }
  return pcm;
}

/** 16-bit PCM WAV of one or two channels (interleaved). */
export function encodeWav(channels: Float32Array[]): Buffer {
  const count = channels.length;
  const frames = channels[0]!.length;
  const pcm = channels.map(toPcm16);
  const buf = Buffer.alloc(WAV_HEADER_BYTES + frames * count * 2);
  wavHeader(buf, frames * count * 2, count);
  let at = WAV_HEADER_BYTES;
  if (count === 1 && endianness() === 'LE') {
    Buffer.from(pcm[0]!.buffer).copy(buf, at);
    return buf;
  }
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < count; c++) {
      buf.writeInt16LE(pcm[c]![i]!, at);
      at += 2;
    }
  }
  return buf;
}

/** Renders the audio of a call as an 8 kHz mono 16-bit WAV. */
export function synthesizeRecording(turns: SpeechTurn[], durationSec: number, seed: number): Buffer {
  return encodeWav(renderSpeech(turns, durationSec, seed, 1));
}

/** How a demo task's recording is stored: most WAV, some MP3; some with a channel per speaker. */
export interface RecordingFormat {
  container: 'wav' | 'mp3';
  channels: 1 | 2;
}

export const DEFAULT_RECORDING_FORMAT: RecordingFormat = { container: 'wav', channels: 1 };

/** Deterministic per task (its seed): about a quarter MP3, a third two-channel. */
export function recordingFormatOf(formatSeed: number): RecordingFormat {
  const p = new Prng(formatSeed);
  return { container: p.chance(0.25) ? 'mp3' : 'wav', channels: p.chance(0.33) ? 2 : 1 };
}

export const contentTypeOf = (format: RecordingFormat): string =>
  format.container === 'mp3' ? 'audio/mpeg' : 'audio/wav';

/** Keeps recently served recordings, up to a byte budget (a 90 s call is about 1.4 MB). */
export class RecordingCache {
  #entries = new Map<string, Buffer>();
  #making = new Map<string, Promise<Buffer>>();
  #bytes = 0;
  #limitBytes: number;

  constructor(limitBytes = 64 * 1024 * 1024) {
    this.#limitBytes = limitBytes;
  }

  get(key: string, make: () => Buffer): Buffer {
    const hit = this.#entries.get(key);
    if (hit) {
      // Move to the back: Map keeps insertion order, so the front is least recently used.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const made = make();
    this.#entries.set(key, made);
    this.#bytes += made.length;
    for (const [k, v] of this.#entries) {
      if (this.#bytes <= this.#limitBytes || k === key) break;
      this.#entries.delete(k);
      this.#bytes -= v.length;
    }
    return made;
  }

  /** Like get, for audio made off the main thread; one making per key at a time. */
  async getAsync(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.#entries.get(key);
    if (hit) return this.get(key, () => hit);
    let pending = this.#making.get(key);
    if (!pending) {
      pending = make().finally(() => this.#making.delete(key));
      this.#making.set(key, pending);
    }
    const made = await pending;
    return this.get(key, () => made);
  }

  clear(): void {
    this.#entries.clear();
    this.#making.clear();
    this.#bytes = 0;
  }
}

// --- Signed URLs -------------------------------------------------------------------------

/** How long a pre-signed URL stays valid (the platform's are about an hour). */
export const SIGNED_URL_TTL_SECONDS = 3600;

/** The signing key; derived from the seed so tests can sign URLs (e.g. already expired ones). */
export function recordingSigningKey(seed: number): Buffer {
  return createHash('sha256').update(`unpod-sandbox-recordings:${seed}`).digest();
}

export function signRecordingPath(key: Buffer, path: string, expiresUnix: number): string {
  return createHmac('sha256', key).update(`${path}\n${expiresUnix}`).digest('hex');
}

/** `<origin><path>?expires=<unix seconds>&signature=<hex hmac>` */
export function signRecordingUrl(baseUrl: string, path: string, key: Buffer, expiresUnix: number): string {
  const url = new URL(path, baseUrl);
  const expires = Math.floor(expiresUnix);
  url.searchParams.set('expires', String(expires));
  url.searchParams.set('signature', signRecordingPath(key, url.pathname, expires));
  return url.toString();
}

export type SignatureCheck = 'ok' | 'missing' | 'invalid' | 'expired';

export function checkSignature(
  key: Buffer,
  path: string,
  query: URLSearchParams,
  nowMs: number,
): SignatureCheck {
  const expires = query.get('expires');
  const signature = query.get('signature');
  if (!expires || !signature) return 'missing';
  if (!/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/i.test(signature)) return 'invalid';
  const expected = Buffer.from(signRecordingPath(key, path, Number(expires)), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'invalid';
  return Number(expires) * 1000 <= nowMs ? 'expired' : 'ok';
}
