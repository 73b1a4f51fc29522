// The waveform's arithmetic: peaks fitted to the pixels, pointer positions to times.
import { describe, expect, it } from 'vitest';
import { bytesToGb, formatBytes, parseLimitGb } from '../../src-renderer/features/player/bytes.ts';
import { fitLane, laneNames, timeAtX, waveformGain } from '../../src-renderer/features/player/waveform.ts';

describe('fitLane', () => {
  it('keeps the extremes of the peaks each column covers', () => {
    const lane = { min: [-0.1, -0.5, -0.2, -0.9], max: [0.2, 0.1, 0.8, 0.3] };
    const fitted = fitLane(lane, 2);
    expect([...fitted.min]).toEqual([expect.closeTo(-0.5), expect.closeTo(-0.9)]);
    expect([...fitted.max]).toEqual([expect.closeTo(0.2), expect.closeTo(0.8)]);
  });

  it('stretches a short recording over more columns than peaks without gaps', () => {
    const fitted = fitLane({ min: [-0.5, -0.25], max: [0.5, 0.25] }, 4);
    expect([...fitted.max]).toEqual([0.5, 0.5, 0.25, 0.25]);
  });

  it('draws silence for an empty lane and clamps values outside -1…1', () => {
    expect([...fitLane({ min: [], max: [] }, 3).max]).toEqual([0, 0, 0]);
    const clamped = fitLane({ min: [-3], max: [2] }, 1);
    expect([clamped.min[0], clamped.max[0]]).toEqual([-1, 1]);
  });
});

describe('timeAtX', () => {
  it('maps the pointer across the width onto the recording', () => {
    expect(timeAtX(50, 200, 120)).toBe(30);
    expect(timeAtX(-10, 200, 120)).toBe(0);
    expect(timeAtX(500, 200, 120)).toBe(120);
    expect(timeAtX(10, 0, 120)).toBe(0);
  });
});

describe('laneNames', () => {
  it('names the agent and customer lanes of a two-channel recording', () => {
    expect(laneNames(2)).toEqual(['Agent', 'Customer']);
    expect(laneNames(1)).toEqual(['Call']);
  });
});

describe('sizes', () => {
  it('reads bytes as KB, MB, GB', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe(`${(1.5).toLocaleString()} KB`);
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
  });
  it('reads a limit typed in GB, with a dot or a comma, and refuses words', () => {
    expect(parseLimitGb('2')).toBe(2 * 1024 ** 3);
    expect(parseLimitGb(' 0,5 ')).toBe(1024 ** 3 / 2);
    expect(parseLimitGb('two')).toBeNull();
    expect(parseLimitGb('-1')).toBeNull();
    expect(parseLimitGb('')).toBeNull();
    expect(bytesToGb(2 * 1024 ** 3)).toBe('2');
  });
});

describe('waveformGain', () => {
  it('enlarges a quiet call so its loudest moment fills the lane', () => {
    expect(waveformGain([{ min: [-0.2, -0.5], max: [0.25, 0.1] }])).toBeCloseTo(0.95 / 0.5);
  });
  it('never more than 8×, and not at all for silence', () => {
    expect(waveformGain([{ min: [-0.001], max: [0.002] }])).toBe(8);
    expect(waveformGain([{ min: [], max: [] }])).toBe(1);
  });
  it('takes the loudest of both lanes, so agent and customer keep their proportions', () => {
    expect(
      waveformGain([
        { min: [-0.1], max: [0.1] },
        { min: [-0.4], max: [0.3] },
      ]),
    ).toBeCloseTo(0.95 / 0.4);
  });
});
