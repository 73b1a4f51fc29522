// MP3 encoding of the sandbox's synthetic recordings (lamejs, pure JavaScript: no native build).
// 8 kHz is MPEG-2.5; 24 kbit/s per channel is what telephony recorders commonly write. Slow
// (a few seconds per minute of audio), so it runs in audio-worker.ts, never on the main thread.
import { Mp3Encoder } from '@breezystack/lamejs';
import { SAMPLE_RATE, toPcm16 } from './recordings.ts';

const BLOCK = 1152 * 16;

export function encodeMp3(channels: Float32Array[]): Buffer {
  const pcm = channels.map(toPcm16);
  const encoder = new Mp3Encoder(pcm.length, SAMPLE_RATE, 24 * pcm.length);
  const parts: Uint8Array[] = [];
  const frames = pcm[0]!.length;
  for (let i = 0; i < frames; i += BLOCK) {
    const left = pcm[0]!.subarray(i, i + BLOCK);
    parts.push(
      pcm.length === 2
        ? encoder.encodeBuffer(left, pcm[1]!.subarray(i, i + BLOCK))
        : encoder.encodeBuffer(left),
    );
  }
  parts.push(encoder.flush());
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.length)));
}
