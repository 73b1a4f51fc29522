// The import being sent: how far it is, how fast, how long is left, problems so far, why it is
// waiting, and pause / resume / cancel.
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useImportsStore } from '../../stores/context.ts';
import { useNow } from '../tasks/useNow.ts';
import { rateText, sentText, timeLeftText, waitingText } from './progressText.ts';

export function ProgressPanel() {
  const current = useImportsStore((s) => s.current);
  const progress = useImportsStore((s) => s.progress);
  const busy = useImportsStore((s) => s.busy);
  const actionError = useImportsStore((s) => s.actionError);
  const { pause, resume, cancel } = useImportsStore();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const now = useNow(1000);
  if (!current) return null;

  const id = current.id;
  const paused = (progress?.state ?? current.state) === 'paused';
  const sent = progress?.sent ?? current.counts.created + current.counts.rejected;
  const total = progress?.total ?? current.counts.total - current.counts.skipped;
  const problems = progress?.problems ?? current.counts.rejected + current.counts.undecided;
  const waiting = progress ? waitingText(progress, now) : null;
  const message = progress?.message ?? current.message;
  const isBusy = busy?.importId === id;

  return (
    <section className="import-section import-progress" aria-labelledby="import-progress-title">
      <h2 id="import-progress-title">
        {paused ? 'Paused' : 'Sending'}: {current.sourceName}
      </h2>
      <progress
        className="import-progress__bar"
        aria-label="Import progress"
        max={Math.max(total, 1)}
        value={Math.min(sent, Math.max(total, 1))}
      />
      <dl className="import-progress__figures">
        <div>
          <dt>Sent</dt>
          <dd>{sentText(sent, total)}</dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd>{paused ? 'paused' : rateText(progress?.ratePerSecond ?? null)}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd>{paused ? 'paused' : timeLeftText(progress?.secondsLeft ?? null)}</dd>
        </div>
        <div>
          <dt>Problems so far</dt>
          <dd>{problems.toLocaleString()}</dd>
        </div>
      </dl>
      <p role="status" className="field__hint">
        {[paused ? 'Paused: nothing is sent until you resume.' : null, waiting, message]
          .filter(Boolean)
          .join(' ')}
      </p>
      <div className="import-actions">
        {paused ? (
          <button
            type="button"
            className="button button--primary"
            aria-disabled={isBusy || undefined}
            onClick={() => {
              if (!isBusy) void resume(id);
            }}
          >
            Resume
          </button>
        ) : (
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={isBusy || undefined}
            onClick={() => {
              if (!isBusy) void pause(id);
            }}
          >
            Pause
          </button>
        )}
        {confirmCancel ? (
          <>
            <span>Stop sending? Calls already created stay; the other leads are not called.</span>
            <button
              type="button"
              className="button button--danger"
              aria-disabled={isBusy || undefined}
              onClick={() => {
                if (isBusy) return;
                setConfirmCancel(false);
                void cancel(id);
              }}
            >
              Stop sending
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirmCancel(false)}>
              Keep sending
            </button>
          </>
        ) : (
          <button type="button" className="button button--quiet" onClick={() => setConfirmCancel(true)}>
            Cancel import
          </button>
        )}
      </div>
      {actionError && (
        <ErrorNotice
          title="Unpod Desk could not change the import"
          error={actionError.error}
          onRetry={() => {
            const retry = { pause, resume, cancel, retryFailed: null, resolve: null }[actionError.action];
            if (retry) void retry(id);
          }}
        />
      )}
    </section>
  );
}
