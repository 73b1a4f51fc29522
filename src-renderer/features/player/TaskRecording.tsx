// What the task detail shows of a call's recording: the player in its own section, and the
// transcript that follows it. Both read the same playback, kept per task (a new task starts
// afresh: nothing of the previous recording carries over).
import type { ReactNode } from 'react';
import type { TaskDetail } from '../../../src-main/ipc/contract.ts';
import { speakerLabel } from '../tasks/format.ts';
import { FollowedTranscript } from './FollowedTranscript.tsx';
import { PlaybackProvider, usePlaybackContext } from './PlaybackContext.tsx';
import { RecordingPlayer } from './RecordingPlayer.tsx';

export function TaskPlaybackProvider({ task, children }: { task: TaskDetail; children: ReactNode }) {
  if (!task.hasRecording) return <>{children}</>;
  return (
    <PlaybackProvider key={task.id} taskId={task.id} durationSeconds={task.durationSeconds}>
      {children}
    </PlaybackProvider>
  );
}

export function RecordingSection({ task }: { task: TaskDetail }) {
  const playback = usePlaybackContext();
  if (!task.hasRecording || !playback) return null;
  return (
    <section className="task-detail__section" aria-labelledby="task-detail-recording">
      <h3 id="task-detail-recording">Recording</h3>
      <RecordingPlayer playback={playback} />
    </section>
  );
}

export function TaskTranscript({ task }: { task: TaskDetail }) {
  const playback = usePlaybackContext();
  if (task.transcript.length === 0) return <p className="task-detail__none">No transcript.</p>;
  if (playback)
    return (
      <FollowedTranscript lines={task.transcript} recordingStart={task.recordingStart} playback={playback} />
    );
  return (
    <ol className="transcript">
      {task.transcript.map((line, i) => (
        <li key={i} className={`transcript__line transcript__line--${speakerLabel(line.role).toLowerCase()}`}>
          <span className="transcript__who">{speakerLabel(line.role)}</span>
          <span className="transcript__text">{line.text}</span>
        </li>
      ))}
    </ol>
  );
}
