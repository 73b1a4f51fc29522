// The recording player in the task detail: play/pause, a Seek slider (drag it, or arrows),
// back/forward 10 s, speed 0.5×–2× with the pitch kept, volume, elapsed/total time, the
// waveform, "Save recording as…", and the keyboard shortcuts. Its keys apply only while the
// focus is inside it, so the task list keeps j/k and the arrows.
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { settle } from '../../lib/ipc.ts';
import { formatClock, spokenClock } from './clock.ts';
import { KeyboardShortcutsDialog } from '../help/KeyboardShortcutsDialog.tsx';
import { handlePlayerKey } from './PlaybackContext.tsx';
import { formatSpeed, JUMP_SECONDS, PLAYBACK_SPEEDS } from './playerKeys.ts';
import type { Playback } from './usePlayback.ts';
import { Waveform } from './Waveform.tsx';
import './player.css';

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;
}

function StatusLine({ playback }: { playback: Playback }) {
  const { status, stored, downloaded } = playback;
  if (status === 'opening') {
    const progress =
      downloaded && downloaded.total
        ? ` ${formatMegabytes(downloaded.bytes)} of ${formatMegabytes(downloaded.total)}`
        : '';
    return <>{stored?.offline ? 'Opening the recording…' : `Downloading the recording…${progress}`}</>;
  }
  if (status === 'ready' || stored?.offline) return <>On this computer: plays offline.</>;
  if (status === 'idle') return <>Downloads when you play it.</>;
  return null;
}

export function RecordingPlayer({ playback }: { playback: Playback }) {
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [savedTo, setSavedTo] = useState<string | null>(null);
  // The box shows the choice at once; pinning may first download the recording.
  const [pinning, setPinning] = useState<boolean | null>(null);
  const { status, duration, time, playing, rate, volume, muted } = playback;
  const showShortcuts = () => setShortcutsOpen(true);

  async function keepOffline(pinned: boolean) {
    setPinning(pinned);
    setSaveError(null);
    const error = await playback.setPinned(pinned);
    setPinning(null);
    if (error)
      setSaveError(
        error.code === 'not_available_offline'
          ? 'Not available offline: connect to Unpod to download this recording first.'
          : `Could not change "Keep offline": ${error.message}`,
      );
  }

  async function saveAs() {
    setSaveError(null);
    setSavedTo(null);
    const result = await settle(() => window.unpod.recordings.saveAs({ taskId: playback.taskId }));
    if (!result.ok) {
      setSaveError(
        result.error.code === 'not_available_offline'
          ? 'Not available offline: connect to Unpod to download this recording first.'
          : result.error.message,
      );
      return;
    }
    if (result.data.kind === 'saved') setSavedTo(result.data.path);
    if (result.data.kind === 'download') {
      // The web host answers with the file as an attachment: the browser saves it.
      const link = document.createElement('a');
      link.href = result.data.url;
      link.download = result.data.filename;
      document.body.append(link);
      link.click();
      link.remove();
    }
  }

  if (status === 'not-offline') {
    return (
      <div role="group" aria-label="Recording player" className="player player--unavailable">
        <p role="status" className="player__unavailable">
          <strong>Not available offline.</strong> This recording is not on this computer. Connect to Unpod to
          play it, or use "Make available offline" on the task list beforehand.
        </p>
      </div>
    );
  }

  const total = duration > 0 ? duration : 0;
  const shownTime = Math.min(time, total || time);
  return (
    <div
      role="group"
      aria-label="Recording player"
      className="player"
      onKeyDown={(event) => handlePlayerKey(event, playback, showShortcuts)}
    >
      {status === 'error' && playback.error && (
        <ErrorNotice title="Could not play the recording" error={playback.error} onRetry={playback.retry} />
      )}
      {playback.peaks && (
        <Waveform peaks={playback.peaks} duration={total} time={shownTime} onSeek={playback.seekTo} />
      )}
      <div className="player__timeline">
        <span className="player__time" aria-hidden="true">
          {formatClock(shownTime)}
        </span>
        <input
          type="range"
          className="player__seek"
          aria-label="Seek"
          min={0}
          max={total || 1}
          step="any"
          value={total ? shownTime : 0}
          aria-valuetext={`${spokenClock(shownTime)} of ${spokenClock(total)}`}
          onChange={(event) => playback.seekTo(Number(event.currentTarget.value))}
        />
        <span className="player__time" aria-hidden="true">
          {formatClock(total)}
        </span>
      </div>
      <p className="visually-hidden" aria-live="off" data-testid="player-clock">
        {formatClock(shownTime)} of {formatClock(total)}
      </p>
      <div className="player__controls">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => playback.seekBy(-JUMP_SECONDS)}
        >
          Back 10 s
        </button>
        <button
          type="button"
          className="button button--primary button--small player__play"
          aria-busy={status === 'opening' || undefined}
          onClick={playback.toggle}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => playback.seekBy(JUMP_SECONDS)}
        >
          Forward 10 s
        </button>
      </div>
      <div className="player__controls">
        <label className="player__field">
          <span>Speed</span>
          <select
            aria-label="Playback speed"
            value={String(rate)}
            onChange={(event) => playback.setRate(Number(event.currentTarget.value))}
          >
            {PLAYBACK_SPEEDS.map((speed) => (
              <option key={speed} value={String(speed)}>
                {formatSpeed(speed)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--quiet button--small"
          aria-pressed={muted}
          onClick={playback.toggleMute}
        >
          Mute
        </button>
        <input
          type="range"
          className="player__volume"
          aria-label="Volume"
          data-keys="native"
          min={0}
          max={1}
          step={0.05}
          value={muted ? 0 : volume}
          aria-valuetext={`${Math.round((muted ? 0 : volume) * 100)}%`}
          onChange={(event) => playback.setVolume(Number(event.currentTarget.value))}
        />
      </div>
      <div className="player__footer">
        <p className="player__status">
          <StatusLine playback={playback} />
        </p>
        <label className="player__keep">
          <input
            type="checkbox"
            checked={pinning ?? playback.stored?.pinned ?? false}
            aria-busy={pinning !== null || undefined}
            onChange={(event) => void keepOffline(event.currentTarget.checked)}
          />
          Keep offline
        </label>
        <button type="button" className="button button--quiet button--small" onClick={() => void saveAs()}>
          Save recording as…
        </button>
        <button type="button" className="button button--quiet button--small" onClick={showShortcuts}>
          Keyboard shortcuts
        </button>
      </div>
      {saveError && (
        <p role="alert" className="player__error">
          {saveError}
        </p>
      )}
      {savedTo && (
        <p role="status" className="player__status">
          Saved to {savedTo}
        </p>
      )}
      {shortcutsOpen && <KeyboardShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
    </div>
  );
}
