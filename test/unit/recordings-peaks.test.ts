// Waveform peaks, streamed from real files: per channel (two lanes for a two-channel call), at
// the fixed resolution, lining up in time with where the sound is; WAV natively, MP3 through the
// WASM decoder; the media header read for duration and channels.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEAKS_PER_SECOND } from '../../src-main/ipc/contract-recordings.ts';
import { encodeMp3 } from '../../src-main/sandbox/audio-encode.ts';
import { encodeWav, renderSpeech, SAMPLE_RATE } from '../../src-main/sandbox/recordings.ts';
import { readMediaInfo } from '../../src-main/services/recordings/media-info.ts';
import { computePeaks, UnreadableAudioError } from '../../src-main/services/recordings/peaks-compute.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peaks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Agent speaks 1–2 s, customer 3–4 s, in a 5-second call. */
const turns = [
  { role: 'assistant' as const, startSec: 1, endSec: 2 },
  { role: 'user' as const, startSec: 3, endSec: 4 },
];
const loudestAt = (values: number[], fromSec: number, toSec: number) =>
  Math.max(...values.slice(fromSec * PEAKS_PER_SECOND, toSec * PEAKS_PER_SECOND).map(Math.abs));

describe('peaks', () => {
  it('gives a two-channel WAV two lanes, each loud only where its speaker talks', async () => {
    const path = join(dir, 'stereo.wav');
    await writeFile(path, encodeWav(renderSpeech(turns, 5, 3, 2)));
    expect(await readMediaInfo(path)).toEqual({
      format: 'wav',
      channels: 2,
      sampleRate: SAMPLE_RATE,
      durationSeconds: 5,
    });
    const peaks = await computePeaks(path);
    expect(peaks).toMatchObject({
      channels: 2,
      sampleRate: 8000,
      durationSeconds: 5,
      peaksPerSecond: PEAKS_PER_SECOND,
    });
    const [agent, customer] = peaks.lanes as [
      { min: number[]; max: number[] },
      { min: number[]; max: number[] },
    ];
    expect(agent.max).toHaveLength(5 * PEAKS_PER_SECOND);
    expect(loudestAt(agent.max, 1, 2)).toBeGreaterThan(0.1);
    expect(loudestAt(agent.max, 3, 4)).toBeLessThan(0.02);
    expect(loudestAt(customer.max, 3, 4)).toBeGreaterThan(0.1);
    expect(loudestAt(customer.max, 1, 2)).toBeLessThan(0.02);
    // Silence (line hiss) before anyone speaks; min is the negative side.
    expect(loudestAt(agent.max, 0, 0.9)).toBeLessThan(0.02);
    expect(Math.min(...agent.min.slice(50, 100))).toBeLessThan(-0.1);
  });

  it('decodes a mono MP3 into one lane whose sound is where the speech is', async () => {
    const path = join(dir, 'mono.mp3');
    await writeFile(path, encodeMp3(renderSpeech(turns, 5, 3, 1)));
    const info = await readMediaInfo(path);
    expect(info).toMatchObject({ format: 'mp3', channels: 1, sampleRate: 8000 });
    expect(info.durationSeconds).toBeCloseTo(5, 0);
    const peaks = await computePeaks(path);
    expect(peaks.channels).toBe(1);
    expect(peaks.lanes).toHaveLength(1);
    expect(peaks.durationSeconds).toBeGreaterThan(4.9);
    expect(peaks.durationSeconds).toBeLessThan(5.4);
    const lane = peaks.lanes[0]!;
    // The encoder delays the audio a little (under 0.15 s): allow for it at the edges.
    expect(loudestAt(lane.max, 1.2, 1.9)).toBeGreaterThan(0.1);
    expect(loudestAt(lane.max, 3.2, 3.9)).toBeGreaterThan(0.1);
    expect(loudestAt(lane.max, 2.3, 2.8)).toBeLessThan(0.05);
  });

  it('refuses a file that is neither WAV nor MP3, plainly', async () => {
    const path = join(dir, 'page.html');
    await writeFile(path, '<!doctype html><html><body>Sign in</body></html>');
    await expect(computePeaks(path)).rejects.toThrow(UnreadableAudioError);
    expect((await readMediaInfo(path)).format).toBeNull();
  });
});
