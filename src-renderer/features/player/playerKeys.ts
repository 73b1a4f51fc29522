// The player's keys. They apply only while the focus is inside the player or its transcript, so
// they never fight the task list's j/k and arrows (the list only hears keys while it has the
// focus). Controls keep their native keys where those mean something there: Space and Enter
// press a focused button, arrows move through a <select> and set the volume slider.

export const SEEK_STEP_SECONDS = 5;
export const JUMP_SECONDS = 10;

export type PlayerAction =
  | { type: 'toggle' }
  | { type: 'seekBy'; seconds: number }
  | { type: 'seekToFraction'; fraction: number }
  | { type: 'speedStep'; step: 1 | -1 }
  | { type: 'toggleMute' }
  | { type: 'showShortcuts' };

/** What kind of element the key was pressed on, as far as native keys go. */
export type KeyTarget = 'button' | 'select' | 'volume' | 'text' | 'other';

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export function playerAction(press: KeyPress, target: KeyTarget): PlayerAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (target === 'text') return null;
  const arrowsNative = target === 'select' || target === 'volume';
  switch (press.key) {
    case ' ':
      return target === 'button' || target === 'select' ? null : { type: 'toggle' };
    case 'k':
    case 'K':
      return { type: 'toggle' };
    case 'ArrowLeft':
      return arrowsNative ? null : { type: 'seekBy', seconds: -SEEK_STEP_SECONDS };
    case 'ArrowRight':
      return arrowsNative ? null : { type: 'seekBy', seconds: SEEK_STEP_SECONDS };
    case 'j':
    case 'J':
      return { type: 'seekBy', seconds: -JUMP_SECONDS };
    case 'l':
    case 'L':
      return { type: 'seekBy', seconds: JUMP_SECONDS };
    case 'Home':
      return arrowsNative ? null : { type: 'seekToFraction', fraction: 0 };
    case 'End':
      return arrowsNative ? null : { type: 'seekToFraction', fraction: 1 };
    case '<':
    case ',':
      return { type: 'speedStep', step: -1 };
    case '>':
    case '.':
      return { type: 'speedStep', step: 1 };
    case 'm':
    case 'M':
      return { type: 'toggleMute' };
    case '?':
      return { type: 'showShortcuts' };
    default:
      return null;
  }
}

/** Playback speeds offered, slowest first; pitch is kept at every one of them. */
export const PLAYBACK_SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/** The next speed up or down the list from the current one (which may be off the list). */
export function stepSpeed(current: number, step: 1 | -1): number {
  if (step > 0) return PLAYBACK_SPEEDS.find((s) => s > current + 1e-9) ?? PLAYBACK_SPEEDS.at(-1)!;
  return [...PLAYBACK_SPEEDS].reverse().find((s) => s < current - 1e-9) ?? PLAYBACK_SPEEDS[0];
}

export const formatSpeed = (speed: number): string => `${speed}×`;
