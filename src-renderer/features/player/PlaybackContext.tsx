// Shares one task's playback between the player (near the top of the task detail) and the
// transcript (at its bottom), and the keys both answer while they have the focus.
import { createContext, useContext, type KeyboardEvent, type ReactNode } from 'react';
import { playerAction, type KeyTarget, type PlayerAction } from './playerKeys.ts';
import { usePlayback, type Playback } from './usePlayback.ts';

const PlaybackContext = createContext<Playback | null>(null);

/** The playback of the task whose detail shows, or null when it has no recording. */
export function usePlaybackContext(): Playback | null {
  return useContext(PlaybackContext);
}

export function PlaybackProvider({
  taskId,
  durationSeconds,
  children,
}: {
  taskId: string;
  durationSeconds: number | null;
  children: ReactNode;
}) {
  const { playback, attachAudio } = usePlayback(taskId, durationSeconds);
  return (
    <PlaybackContext.Provider value={playback}>
      {/* The app's own element, without the browser's controls: the player draws its own. */}
      <audio ref={attachAudio} preload="metadata" className="player__audio" />
      {children}
    </PlaybackContext.Provider>
  );
}

function keyTargetOf(element: EventTarget): KeyTarget {
  if (!(element instanceof HTMLElement)) return 'other';
  if (element instanceof HTMLSelectElement) return 'select';
  if (element instanceof HTMLInputElement) {
    if (element.type === 'range') return element.dataset['keys'] === 'native' ? 'volume' : 'other';
    // Space ticks a checkbox ("Follow the recording", "Keep offline"), like it presses a button.
    return element.type === 'checkbox' || element.type === 'radio' ? 'button' : 'text';
  }
  if (element instanceof HTMLTextAreaElement || element.isContentEditable) return 'text';
  if (element instanceof HTMLButtonElement) return 'button';
  return 'other';
}

export function applyAction(playback: Playback, action: PlayerAction, showShortcuts: () => void): void {
  switch (action.type) {
    case 'toggle':
      return playback.toggle();
    case 'seekBy':
      return playback.seekBy(action.seconds);
    case 'seekToFraction':
      return playback.seekTo(action.fraction * playback.duration);
    case 'speedStep':
      return playback.stepRate(action.step);
    case 'toggleMute':
      return playback.toggleMute();
    case 'showShortcuts':
      return showShortcuts();
  }
}

/** The keydown handler of the player's group and the transcript: only while they have the focus. */
export function handlePlayerKey(
  event: KeyboardEvent<HTMLElement>,
  playback: Playback,
  showShortcuts: () => void,
): void {
  const action = playerAction(event, keyTargetOf(event.target));
  if (!action) return;
  event.preventDefault();
  event.stopPropagation();
  applyAction(playback, action, showShortcuts);
}
