// Everything about one task, beside the list: who was called and why, what happened, what the
// agent and the customer said. Follows the list's selection; re-reads the task when main
// reports changed rows (a call that was in progress completes while it is open). The panel
// scrolls on its own, so it is a Tab stop: the keyboard can scroll a long transcript.
import { useEffect, useState, type ReactNode } from 'react';
import type { IpcError, TaskDetail } from '../../../src-main/ipc/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { NotSet } from '../../components/NotSet.tsx';
import { settle } from '../../lib/ipc.ts';
import { titleCase } from '../../lib/format.ts';
import {
  formatCost,
  formatDataValue,
  formatDateTime,
  formatDuration,
  formatYesNo,
  statusLabel,
  statusTone,
} from './format.ts';
import { useTasksStore } from '../../stores/context.ts';
import { RecordingSection, TaskPlaybackProvider, TaskTranscript } from '../player/TaskRecording.tsx';

type Loaded =
  | { id: string; state: 'loading' }
  | { id: string; state: 'found'; task: TaskDetail }
  | { id: string; state: 'invalid'; problem: string }
  | { id: string; state: 'error'; error: IpcError };

function useTaskDetail(id: string | null): { loaded: Loaded | null; reload(): void } {
  const dataStamp = useTasksStore((s) => s.dataStamp);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (id === null) return;
    let current = true;
    void settle(() => window.unpod.tasks.get({ id })).then((result) => {
      if (!current) return;
      if (!result.ok) setLoaded({ id, state: 'error', error: result.error });
      else if (result.data.status === 'found') setLoaded({ id, state: 'found', task: result.data.task });
      else setLoaded({ id, state: 'invalid', problem: result.data.problem });
    });
    return () => {
      current = false;
    };
  }, [id, dataStamp, attempt]);

  // An answer for another task is not shown while the selected one loads.
  const shown =
    id !== null && loaded?.id === id ? loaded : id === null ? null : { id, state: 'loading' as const };
  return { loaded: shown, reload: () => setAttempt((n) => n + 1) };
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="task-detail__field">
      <dt>{label}</dt>
      <dd>{children ?? <NotSet />}</dd>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="task-detail__section" aria-labelledby={`task-detail-${id}`}>
      <h3 id={`task-detail-${id}`}>{title}</h3>
      {children}
    </section>
  );
}

const orNull = (value: string | null) => value ?? null;

export function TaskDetailPanel({ agentNames }: { agentNames: ReadonlyMap<string, string> }) {
  const selectedId = useTasksStore((s) => s.selectedId);
  const { loaded, reload } = useTaskDetail(selectedId);

  if (loaded === null) {
    return (
      <aside className="task-detail task-detail--empty" aria-label="Task detail" tabIndex={0}>
        <p>
          Select a task to see its details. In the list, use ↑ and ↓ (or j and k) to move from task to task.
        </p>
      </aside>
    );
  }
  if (loaded.state === 'loading') {
    return (
      <aside className="task-detail" aria-label="Task detail" aria-busy="true" tabIndex={0}>
        <LoadingStatus>Loading the task…</LoadingStatus>
      </aside>
    );
  }
  if (loaded.state === 'error') {
    return (
      <aside className="task-detail" aria-label="Task detail" tabIndex={0}>
        <ErrorNotice title="Could not show this task" error={loaded.error} onRetry={reload} />
      </aside>
    );
  }
  if (loaded.state === 'invalid') {
    return (
      <aside className="task-detail" aria-label="Task detail" tabIndex={0}>
        <div role="alert" className="notice notice--error">
          <div className="notice__body">
            <p className="notice__title">The saved copy of this task is damaged</p>
            <p>{loaded.problem} The next sync downloads it again.</p>
          </div>
        </div>
      </aside>
    );
  }

  const task = loaded.task;
  const { contact, outcome } = task;
  const agent = task.assignee === null ? null : (agentNames.get(task.assignee) ?? task.assignee);
  return (
    <TaskPlaybackProvider task={task}>
      <aside className="task-detail" aria-labelledby="task-detail-title" tabIndex={0}>
        <header className="task-detail__header">
          <h2 id="task-detail-title">{contact.name ?? 'Unnamed contact'}</h2>
          <span className={`task-status task-status--${statusTone(task.status)}`}>
            {statusLabel(task.status)}
          </span>
        </header>

        <Section id="contact" title="Contact">
          <dl className="task-detail__fields">
            <Field label="Phone">{orNull(contact.contactNumber)}</Field>
            {contact.alternateNumber && <Field label="Other phone">{contact.alternateNumber}</Field>}
            <Field label="Email">{orNull(contact.email)}</Field>
            <Field label="Company">{orNull(contact.company)}</Field>
            {contact.occupation && <Field label="Occupation">{contact.occupation}</Field>}
            {contact.address && <Field label="Address">{contact.address}</Field>}
            {contact.about && <Field label="About">{contact.about}</Field>}
          </dl>
        </Section>

        <Section id="objective" title="Objective and context">
          <dl className="task-detail__fields">
            <Field label="Objective">{orNull(task.objective)}</Field>
            <Field label="Context">{orNull(task.context)}</Field>
          </dl>
        </Section>

        <Section id="status" title="Status">
          <dl className="task-detail__fields task-detail__fields--columns">
            <Field label="Status">{statusLabel(task.status)}</Field>
            <Field label="Created">{formatDateTime(task.created)}</Field>
            <Field label="Last changed">{formatDateTime(task.modified)}</Field>
            <Field label="Agent">{agent}</Field>
            <Field label="Type">{titleCase(task.executionType)}</Field>
            {task.callEndReason && <Field label="Call ended">{titleCase(task.callEndReason)}</Field>}
          </dl>
        </Section>

        <Section id="outcome" title="Outcome">
          <dl className="task-detail__fields task-detail__fields--columns">
            <Field label="Outcome">{orNull(outcome.status)}</Field>
            <Field label="Call back">
              {outcome.callbackAt !== null
                ? formatDateTime(outcome.callbackAt)
                : orNull(outcome.callbackText)}
            </Field>
            <Field label="Duration">{formatDuration(task.durationSeconds)}</Field>
            <Field label="Cost">{formatCost(task.cost)}</Field>
            <Field label="Recording">{task.hasRecording ? 'Available' : 'No recording'}</Field>
          </dl>
        </Section>

        <RecordingSection task={task} />

        <Section id="summary" title="Call summary">
          {task.callSummary || outcome.summary ? (
            <p className="task-detail__text">{task.callSummary ?? outcome.summary}</p>
          ) : (
            <p className="task-detail__none">No summary yet.</p>
          )}
        </Section>

        <Section id="labels" title="Classification">
          {task.classification.labels.length > 0 ? (
            <ul className="task-detail__labels" aria-label="Labels">
              {task.classification.labels.map((label) => (
                <li key={label} className="task-label">
                  {label}
                </li>
              ))}
            </ul>
          ) : (
            <p className="task-detail__none">No labels.</p>
          )}
          {task.classification.summary && <p className="task-detail__text">{task.classification.summary}</p>}
        </Section>

        <Section id="evaluation" title="Success evaluation">
          {task.successEvaluation === null ? (
            <p className="task-detail__none">Not evaluated.</p>
          ) : task.successEvaluation.kind === 'parsed' ? (
            <dl className="task-detail__fields task-detail__fields--columns">
              <Field label="Score">
                {task.successEvaluation.value.score === null
                  ? null
                  : typeof task.successEvaluation.value.score === 'boolean'
                    ? formatYesNo(task.successEvaluation.value.score)
                    : String(task.successEvaluation.value.score)}
              </Field>
              <Field label="Reason">{task.successEvaluation.value.reason}</Field>
            </dl>
          ) : (
            <pre className="task-detail__raw">{task.successEvaluation.text}</pre>
          )}
        </Section>

        <Section id="data" title="Structured data">
          {task.structuredData === null ? (
            <p className="task-detail__none">None.</p>
          ) : task.structuredData.kind === 'parsed' ? (
            task.structuredData.value.length === 0 ? (
              <p className="task-detail__none">None.</p>
            ) : (
              <dl className="task-detail__fields task-detail__fields--pairs">
                {task.structuredData.value.map((pair) => (
                  <Field key={pair.key} label={titleCase(pair.key) ?? pair.key}>
                    {formatDataValue(pair.value)}
                  </Field>
                ))}
              </dl>
            )
          ) : (
            <pre className="task-detail__raw">{task.structuredData.text}</pre>
          )}
        </Section>

        <Section id="transcript" title="Transcript">
          <TaskTranscript task={task} />
        </Section>
      </aside>
    </TaskPlaybackProvider>
  );
}
