// The player's keys and the values it shows: what a key does depends on where the focus is.
import { describe, expect, it } from 'vitest';
import { formatClock, spokenClock } from '../../src-renderer/features/player/clock.ts';
import { playerAction, stepSpeed, type KeyTarget } from '../../src-renderer/features/player/playerKeys.ts';
import { SHORTCUT_GROUPS } from '../../src-renderer/features/help/shortcuts.ts';

const press = (
  key: string,
  mods: Partial<{ shift: boolean; ctrl: boolean; alt: boolean; meta: boolean }> = {},
) => ({
  key,
  shiftKey: mods.shift ?? false,
  ctrlKey: mods.ctrl ?? false,
  altKey: mods.alt ?? false,
  metaKey: mods.meta ?? false,
});

describe('playerAction', () => {
  it('plays and pauses with Space and k', () => {
    expect(playerAction(press(' '), 'other')).toEqual({ type: 'toggle' });
    expect(playerAction(press('k'), 'button')).toEqual({ type: 'toggle' });
  });

  it('leaves Space to a focused button or select (it presses the button)', () => {
    expect(playerAction(press(' '), 'button')).toBeNull();
    expect(playerAction(press(' '), 'select')).toBeNull();
  });

  it('seeks 5 s with the arrows and 10 s with j and l', () => {
    expect(playerAction(press('ArrowLeft'), 'other')).toEqual({ type: 'seekBy', seconds: -5 });
    expect(playerAction(press('ArrowRight'), 'button')).toEqual({ type: 'seekBy', seconds: 5 });
    expect(playerAction(press('j'), 'other')).toEqual({ type: 'seekBy', seconds: -10 });
    expect(playerAction(press('l'), 'other')).toEqual({ type: 'seekBy', seconds: 10 });
  });

  it('keeps the native arrows of the speed list and the volume slider', () => {
    for (const target of ['select', 'volume'] satisfies KeyTarget[]) {
      expect(playerAction(press('ArrowLeft'), target)).toBeNull();
      expect(playerAction(press('Home'), target)).toBeNull();
    }
  });

  it('jumps to the start and the end', () => {
    expect(playerAction(press('Home'), 'other')).toEqual({ type: 'seekToFraction', fraction: 0 });
    expect(playerAction(press('End'), 'other')).toEqual({ type: 'seekToFraction', fraction: 1 });
  });

  it('changes speed, mutes, and shows the shortcuts', () => {
    expect(playerAction(press('>', { shift: true }), 'other')).toEqual({ type: 'speedStep', step: 1 });
    expect(playerAction(press('<', { shift: true }), 'other')).toEqual({ type: 'speedStep', step: -1 });
    expect(playerAction(press('m'), 'other')).toEqual({ type: 'toggleMute' });
    expect(playerAction(press('?', { shift: true }), 'other')).toEqual({ type: 'showShortcuts' });
  });

  it('ignores keys with Ctrl, Alt or Cmd, keys typed into text, and other keys', () => {
    expect(playerAction(press('k', { ctrl: true }), 'other')).toBeNull();
    expect(playerAction(press('ArrowLeft', { alt: true }), 'other')).toBeNull();
    expect(playerAction(press('l', { meta: true }), 'other')).toBeNull();
    expect(playerAction(press('k'), 'text')).toBeNull();
    expect(playerAction(press('x'), 'other')).toBeNull();
  });
});

describe('stepSpeed', () => {
  it('moves along 0.5× … 2× and stops at the ends', () => {
    expect(stepSpeed(1, 1)).toBe(1.25);
    expect(stepSpeed(1, -1)).toBe(0.75);
    expect(stepSpeed(2, 1)).toBe(2);
    expect(stepSpeed(0.5, -1)).toBe(0.5);
  });
  it('goes to the nearest listed speed from one off the list', () => {
    expect(stepSpeed(1.1, 1)).toBe(1.25);
    expect(stepSpeed(1.1, -1)).toBe(1);
  });
});

describe('clock', () => {
  it('shows minutes and seconds, and hours when there are any', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(7.9)).toBe('0:07');
    expect(formatClock(725)).toBe('12:05');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(Number.NaN)).toBe('0:00');
  });
  it('says the time in words for screen readers', () => {
    expect(spokenClock(1)).toBe('1 second');
    expect(spokenClock(65)).toBe('1 minute 5 seconds');
    expect(spokenClock(3600)).toBe('1 hour 0 minutes 0 seconds');
  });
});

describe('shortcut list', () => {
  it("lists the list's keys and the player's, each with what it does", () => {
    const titles = SHORTCUT_GROUPS.map((g) => g.title);
    expect(titles).toEqual(expect.arrayContaining(['Task list', 'Recording player']));
    for (const group of SHORTCUT_GROUPS)
      for (const s of group.shortcuts) {
        expect(s.keys.length).toBeGreaterThan(0);
        expect(s.action).not.toBe('');
      }
  });
});
