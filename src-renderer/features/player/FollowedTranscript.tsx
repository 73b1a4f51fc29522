// The transcript of a call with a recording: where the utterances have times, the one being
// spoken is highlighted and scrolled into view as the recording plays (untick "Follow the
// recording" to scroll freely), and pressing an utterance plays from there. Where the platform
// gave no times, it says that following is not available for this call.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TaskDetail } from '../../../src-main/ipc/contract.ts';
import { speakerLabel } from '../tasks/format.ts';
import { alignTranscript, lineAt } from './alignTranscript.ts';
import { formatClock } from './clock.ts';
import { KeyboardShortcutsDialog } from '../help/KeyboardShortcutsDialog.tsx';
import { handlePlayerKey } from './PlaybackContext.tsx';
import type { Playback } from './usePlayback.ts';
import './player.css';

type Line = TaskDetail['transcript'][number];

const lineClass = (role: string) => `transcript__line transcript__line--${speakerLabel(role).toLowerCase()}`;

export function FollowedTranscript({
  lines,
  recordingStart,
  playback,
}: {
  lines: Line[];
  recordingStart: number | null;
  playback: Playback;
}) {
  const alignment = useMemo(
    () => alignTranscript(lines, recordingStart, playback.duration > 0 ? playback.duration : null),
    [lines, recordingStart, playback.duration],
  );
  const [follow, setFollow] = useState(true);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const starts = alignment.kind === 'aligned' ? alignment.starts : null;
  const active = starts ? lineAt(starts, playback.time) : -1;

  useEffect(() => {
    const list = listRef.current;
    if (!follow || active < 0 || !list) return;
    const line = list.children[active];
    if (!(line instanceof HTMLElement)) return;
    // Only the transcript's own box scrolls, so the player above stays where it is.
    const top = line.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop;
    const target = top - list.clientHeight / 3;
    if (top < list.scrollTop || top + line.offsetHeight > list.scrollTop + list.clientHeight)
      list.scrollTo({ top: Math.max(0, target), behavior: 'smooth' });
  }, [active, follow]);

  if (!starts) {
    return (
      <>
        <p className="transcript__note">
          Following is not available for this call: its transcript has no times.
        </p>
        <ol className="transcript">
          {lines.map((line, i) => (
            <li key={i} className={lineClass(line.role)}>
              <span className="transcript__who">{speakerLabel(line.role)}</span>
              <span className="transcript__text">{line.text}</span>
            </li>
          ))}
        </ol>
      </>
    );
  }

  function playFrom(seconds: number) {
    playback.seekTo(seconds);
    if (!playback.playing) playback.toggle();
  }

  return (
    <div
      className="transcript-follow"
      onKeyDown={(event) => handlePlayerKey(event, playback, () => setShortcutsOpen(true))}
    >
      <label className="transcript-follow__lock">
        <input
          type="checkbox"
          checked={follow}
          onChange={(event) => setFollow(event.currentTarget.checked)}
        />
        Follow the recording
      </label>
      <ol
        ref={listRef}
        className="transcript transcript--follow"
        aria-label="Transcript, following the recording"
      >
        {lines.map((line, i) => {
          const start = starts[i] ?? null;
          const current = i === active;
          return (
            <li
              key={i}
              className={`${lineClass(line.role)}${current ? ' transcript__line--current' : ''}`}
              aria-current={current ? 'true' : undefined}
            >
              {start === null ? (
                <>
                  <span className="transcript__who">{speakerLabel(line.role)}</span>
                  <span className="transcript__text">{line.text}</span>
                </>
              ) : (
                <button type="button" className="transcript__seek" onClick={() => playFrom(start)}>
                  <span className="transcript__who">
                    {speakerLabel(line.role)} <span className="transcript__at">{formatClock(start)}</span>
                  </span>
                  <span className="transcript__text">{line.text}</span>
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {shortcutsOpen && <KeyboardShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
    </div>
  );
}
