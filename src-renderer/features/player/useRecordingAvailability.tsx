// Which of the listed tasks' recordings are on this computer, for the per-row icon: asked for
// the rows on screen, and again when recordings arrive in or leave the cache.
import { useEffect, useState } from 'react';
import { settle } from '../../lib/ipc.ts';
import './player.css';

export interface Availability {
  offline: ReadonlySet<string>;
  pinned: ReadonlySet<string>;
}

const none: Availability = { offline: new Set(), pinned: new Set() };

export function useRecordingAvailability(taskIds: readonly string[]): Availability {
  const key = taskIds.join('\n');
  const [answer, setAnswer] = useState<{ key: string; availability: Availability } | null>(null);
  const [stamp, setStamp] = useState(0);

  useEffect(() => window.unpod.on('recordings.changed', () => setStamp((n) => n + 1)), []);

  useEffect(() => {
    const ids = key === '' ? [] : key.split('\n');
    if (ids.length === 0) return;
    let current = true;
    void settle(() => window.unpod.recordings.availability({ taskIds: ids.slice(0, 1000) })).then(
      (result) => {
        // No answer (no workspace, a failure) shows no icons rather than wrong ones.
        if (!current || !result.ok) return;
        setAnswer({
          key,
          availability: { offline: new Set(result.data.offline), pinned: new Set(result.data.pinned) },
        });
      },
    );
    return () => {
      current = false;
    };
  }, [key, stamp]);

  // Rows scrolled into view keep the icons known until their own answer arrives.
  return answer?.availability ?? none;
}

/** The mark beside a task whose recording is on this computer (and so plays offline). */
export function OfflineMark({ pinned }: { pinned: boolean }) {
  const label = pinned ? 'Recording kept offline' : 'Recording on this computer';
  return (
    <span role="img" aria-label={label} title={label} className="offline-mark">
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path
          d="M8 1.5v8.2M4.6 6.6 8 10l3.4-3.4M2.5 13.5h11"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
        />
      </svg>
    </span>
  );
}
