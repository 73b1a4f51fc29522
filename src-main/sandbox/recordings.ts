// Call recordings: synthetic speech-like audio (WAV, 8 kHz mono 16-bit PCM) whose length is the
// call's `duration` and whose voiced stretches follow the transcript's turns, plus the URL
// signing that guards them (like object storage behind the platform's pre-signed URLs).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { endianness } from 'node:os';
import { Prng } from './data/prng.ts';
import type { SpeechTurn } from './data/task-types.ts';

export const SAMPLE_RATE = 8000;
const WAV_HEADER_BYTES = 44;

function wavHeader(buf: Buffer, dataBytes: number): void {
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(SAMPLE_RATE, 24);
  buf.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
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

/** Renders the audio of a call: line hiss throughout, syllable bursts while someone speaks. */
export function synthesizeRecording(turns: SpeechTurn[], durationSec: number, seed: number): Buffer {
  const p = new Prng(seed);
  const total = Math.max(1, Math.round(durationSec * SAMPLE_RATE));
  const samples = new Float32Array(total);
  const hissAt = p.int(0, 1 << 20);
  for (let i = 0; i < total; i++) samples[i] = noise(hissAt + i) * 0.004;
  for (const turn of turns) {
    const assistant = turn.role === 'assistant';
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
  const buf = Buffer.alloc(WAV_HEADER_BYTES + total * 2);
  wavHeader(buf, total * 2);
  const pcm = new Int16Array(total);
  for (let i = 0; i < total; i++) {
    const v = samples[i]!;
    pcm[i] = v >= 1 ? 32767 : v <= -1 ? -32767 : (v * 32767 + (v >= 0 ? 0.5 : -0.5)) | 0;
  }
  // WAV is little-endian; so are the machines this runs on, but do not assume it.
  if (endianness() === 'BE')
    for (let i = 0; i < total; i++) pcm[i] = ((pcm[i]! & 0xff) << 8) | ((pcm[i]! >> 8) & 0xff);
  Buffer.from(pcm.buffer).copy(buf, WAV_HEADER_BYTES);
  return buf;
}

/** Keeps recently served recordings, up to a byte budget (a 90 s call is about 1.4 MB). */
export class RecordingCache {
  #entries = new Map<string, Buffer>();
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

  clear(): void {
    this.#entries.clear();
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
