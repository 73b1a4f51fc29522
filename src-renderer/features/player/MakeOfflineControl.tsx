// "Make available offline" for the list as filtered: first an estimate (how many recordings,
// about how many bytes, whether they fit under the limit), then a download with progress and
// Cancel. Main runs one such download at a time; this follows it through its progress events,
// so leaving the page and coming back still shows it.
import { useEffect, useState } from 'react';
import type { IpcError, TaskFilters, TaskScope } from '../../../src-main/ipc/contract.ts';
import type { BulkDownloadStatus, OfflineEstimate } from '../../../src-main/ipc/contract-recordings.ts';
import { settle } from '../../lib/ipc.ts';
import { Dialog } from '../auth/Dialog.tsx';
import { plural } from '../tasks/plural.ts';
import { formatBytes } from './bytes.ts';
import './player.css';

type Estimate =
  { state: 'loading' } | { state: 'ready'; estimate: OfflineEstimate } | { state: 'error'; error: IpcError };

function EstimateDialog({
  scope,
  filters,
  onClose,
  onStarted,
}: {
  scope: TaskScope;
  filters: TaskFilters;
  onClose(): void;
  onStarted(status: BulkDownloadStatus): void;
}) {
  const [estimate, setEstimate] = useState<Estimate>({ state: 'loading' });
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<IpcError | null>(null);

  useEffect(() => {
    let current = true;
    void settle(() => window.unpod.recordings.estimateOffline({ scope, filters })).then((result) => {
      if (!current) return;
      setEstimate(
        result.ok ? { state: 'ready', estimate: result.data } : { state: 'error', error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [scope, filters]);

  async function start() {
    setStarting(true);
    setStartError(null);
    const result = await settle(() => window.unpod.recordings.downloadOffline({ scope, filters }));
    setStarting(false);
    if (result.ok) onStarted(result.data);
    else setStartError(result.error);
  }

  const e = estimate.state === 'ready' ? estimate.estimate : null;
  return (
    <Dialog title="Make available offline" onClose={onClose} busy={starting}>
      <div className="offline-estimate" role="status" aria-live="polite">
        {estimate.state === 'loading' && <p>Counting the recordings of this list…</p>}
        {estimate.state === 'error' && <p role="alert">Could not estimate: {estimate.error.message}</p>}
        {e && e.withRecording === 0 && <p>No task in this list has a recording.</p>}
        {e && e.withRecording > 0 && e.toDownload === 0 && (
          <p>
            All {e.withRecording} {plural(e.withRecording, 'recording', 'recordings')} of this list are
            already on this computer.
          </p>
        )}
        {e && e.toDownload > 0 && (
          <>
            <p>
              {e.toDownload} {plural(e.toDownload, 'recording', 'recordings')} to download,{' '}
              {e.exact ? '' : 'about '}
              {formatBytes(e.estimatedBytes)}
              {e.alreadyOffline > 0 && ` (${e.alreadyOffline} already on this computer)`}.
            </p>
            <p>
              Recordings use {formatBytes(e.usedBytes)} of the {formatBytes(e.limitBytes)} limit set in
              Settings.
            </p>
            {!e.fitsInLimit && (
              <p className="offline-estimate__warning">
                This is more than the space left under the limit: the recordings played least recently (not
                those kept offline) will be removed to make room. Raise the limit in Settings to keep them.
              </p>
            )}
          </>
        )}
        {startError && <p role="alert">Could not start the download: {startError.message}</p>}
      </div>
      <div className="dialog-actions">
        {e && e.toDownload > 0 && (
          <button
            type="button"
            className="button button--primary"
            aria-disabled={starting || undefined}
            onClick={() => {
              if (!starting) void start();
            }}
          >
            {starting
              ? 'Starting…'
              : `Download ${e.toDownload} ${plural(e.toDownload, 'recording', 'recordings')}`}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onClose}>
          {e && e.toDownload > 0 ? 'Cancel' : 'Close'}
        </button>
      </div>
    </Dialog>
  );
}

function summary(job: BulkDownloadStatus): string {
  const done = `${job.done} of ${job.total} ${plural(job.total, 'recording', 'recordings')}`;
  const failed = job.failed > 0 ? `, ${job.failed} failed` : '';
  switch (job.phase) {
    case 'running':
      return `Downloading recordings: ${done} (${formatBytes(job.bytes)})${failed}`;
    case 'done':
      return `Available offline: ${done}${failed}.`;
    case 'cancelled':
      return `Download cancelled: ${done} on this computer${failed}.`;
    case 'failed':
      return `Download stopped: ${done}${failed}.${job.lastError ? ` ${job.lastError.message}` : ''}`;
  }
}

export function MakeOfflineControl({
  scope,
  filters,
  disabled,
}: {
  scope: TaskScope | null;
  filters: TaskFilters;
  disabled: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [job, setJob] = useState<BulkDownloadStatus | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void settle(() => window.unpod.recordings.offlineStatus({})).then((result) => {
      if (current && result.ok && result.data?.phase === 'running') setJob(result.data);
    });
    const off = window.unpod.on('recordings.offlineProgress', (status) => setJob(status));
    return () => {
      current = false;
      off();
    };
  }, []);

  const running = job?.phase === 'running';

  async function cancel() {
    if (!job) return;
    setCancelError(null);
    const result = await settle(() => window.unpod.recordings.cancelOffline({ jobId: job.jobId }));
    if (result.ok) setJob(result.data);
    else setCancelError(result.error.message);
  }

  return (
    <div className="offline-list">
      {running ? (
        <>
          <progress
            className="offline-list__progress"
            aria-label="Recordings downloaded"
            max={Math.max(1, job.total)}
            value={job.done}
          />
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => void cancel()}
          >
            Cancel download
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button--secondary button--small"
          aria-disabled={disabled || scope === null || undefined}
          onClick={() => {
            if (!disabled && scope !== null) setOpen(true);
          }}
        >
          Make available offline
        </button>
      )}
      <p role="status" className="offline-list__status">
        {job ? summary(job) : ''}
        {cancelError && ` Could not cancel: ${cancelError}`}
      </p>
      {open && scope !== null && (
        <EstimateDialog
          scope={scope}
          filters={filters}
          onClose={() => setOpen(false)}
          onStarted={(status) => {
            setJob(status);
            setOpen(false);
          }}
        />
      )}
    </div>
  );
}
