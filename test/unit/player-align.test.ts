// Transcript follow: utterances placed in the recording, and the one being spoken at a time.
import { describe, expect, it } from 'vitest';
import { alignTranscript, lineAt } from '../../src-renderer/features/player/alignTranscript.ts';

const start = Date.UTC(2025, 10, 21, 13, 45, 20); // "2025-11-21 13:45:20" in UTC
const wall = (time: string) => ({ time, secondsFromStart: null });

describe('alignTranscript', () => {
  it('places wall-clock timestamps at their distance from the call start', () => {
    const a = alignTranscript(
      [wall('2025-11-21 13:45:21'), wall('2025-11-21 13:45:27'), wall('2025-11-21 13:46:02')],
      start,
      90,
    );
    expect(a).toEqual({ kind: 'aligned', starts: [1, 7, 42] });
  });

  it('reads zoneless timestamps as UTC whatever the local zone', () => {
    const a = alignTranscript([wall('2025-11-21T13:45:30.500000')], start, 60);
    expect(a).toEqual({ kind: 'aligned', starts: [10.5] });
  });

  it('prefers secondsFromStart, which needs no call start', () => {
    const a = alignTranscript(
      [
        { time: null, secondsFromStart: 0.4 },
        { time: '', secondsFromStart: 12.25 },
      ],
      null,
      30,
    );
    expect(a).toEqual({ kind: 'aligned', starts: [0.4, 12.25] });
  });

  it('says following is unavailable when no line has a time', () => {
    expect(alignTranscript([wall(''), { time: null, secondsFromStart: null }], start, 60)).toEqual({
      kind: 'unavailable',
    });
    expect(alignTranscript([], start, 60)).toEqual({ kind: 'unavailable' });
  });

  it('cannot align wall-clock times without the call start', () => {
    expect(alignTranscript([wall('2025-11-21 13:45:21')], null, 60)).toEqual({ kind: 'unavailable' });
  });

  it('leaves a line without a time unplaced among placed ones', () => {
    const a = alignTranscript([wall('2025-11-21 13:45:22'), wall(''), wall('not a date')], start, 60);
    expect(a).toEqual({ kind: 'aligned', starts: [2, null, null] });
  });

  it('clamps a stamp just before the start, and drops one far outside the call', () => {
    const a = alignTranscript(
      [wall('2025-11-21 13:45:18'), wall('2025-11-21 12:00:00'), wall('2025-11-21 14:45:20')],
      start,
      60,
    );
    expect(a).toEqual({ kind: 'aligned', starts: [0, null, null] });
  });

  it('keeps a stamp a moment after the end at the end', () => {
    expect(alignTranscript([wall('2025-11-21 13:46:22')], start, 60)).toEqual({
      kind: 'aligned',
      starts: [60],
    });
  });
});

describe('lineAt', () => {
  const starts = [1, 7, null, 42];
  it('is -1 before the first utterance', () => {
    expect(lineAt(starts, 0.5)).toBe(-1);
  });
  it('is the last utterance that has started', () => {
    expect(lineAt(starts, 1)).toBe(0);
    expect(lineAt(starts, 6.99)).toBe(0);
    expect(lineAt(starts, 7)).toBe(1);
    expect(lineAt(starts, 41)).toBe(1);
    expect(lineAt(starts, 500)).toBe(3);
  });
  it('lets the later of two lines with the same stamp win', () => {
    expect(lineAt([3, 3, 9], 4)).toBe(1);
  });
});
