// The Import page: bring a lead file in (drop or choose), check the preview, choose the agent and
// when, start the calls, follow them, and look back at past imports. "New call" places one call
// typed by hand.
import { useMemo } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useImportDraftStore, useImportsStore, useStores } from '../../stores/context.ts';
import { localTimeZone } from '../../../src-main/shared/iso-time.ts';
import { useNow } from '../tasks/useNow.ts';
import { FileDrop } from './FileDrop.tsx';
import { ImportHistory } from './ImportHistory.tsx';
import { LaunchFields } from './LaunchFields.tsx';
import { NewCallButton } from './NewCallButton.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { endedText } from './progressText.ts';
import { showImportCalls } from './showImportCalls.ts';
import { useMenuChooser } from './useMenuRequests.ts';
import './import.css';

const formatSize = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function EndedNotice() {
  const stores = useStores();
  const ended = useImportsStore((s) => s.ended);
  const dismiss = useImportsStore((s) => s.dismissEnded);
  if (!ended) return null;
  const problems = ended.counts.rejected + ended.counts.undecided > 0;
  return (
    <div role="status" className={`notice ${problems ? 'notice--warning' : 'notice--success'} import-notice`}>
      <div className="notice__body">
        <p className="notice__title">
          {ended.state === 'cancelled' ? 'Import cancelled' : 'Import finished'}
        </p>
        <p>{endedText(ended)}</p>
      </div>
      <div className="notice__actions">
        {ended.counts.created > 0 && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void showImportCalls(stores, ended)}
          >
            Show these calls
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

function LeadFile() {
  const file = useImportDraftStore((s) => s.file);
  const staging = useImportDraftStore((s) => s.staging);
  const stageError = useImportDraftStore((s) => s.stageError);
  const chooseFile = useImportDraftStore((s) => s.chooseFile);
  const clear = useImportDraftStore((s) => s.clear);
  const { inputRef, anotherRef } = useMenuChooser(file !== null);
  return (
    <section className="import-section" aria-labelledby="import-file-title">
      <h2 id="import-file-title">Lead file</h2>
      {file ? (
        <div className="import-file">
          <span className="import-file__name">{file.name}</span>
          <span className="field__hint">{formatSize(file.size)}</span>
          <button type="button" className="button button--quiet" onClick={clear} ref={anotherRef}>
            Choose another file
          </button>
        </div>
      ) : (
        <FileDrop onFile={(chosen) => void chooseFile(chosen)} busy={staging} inputRef={inputRef} />
      )}
      <p role="status" className="field__hint">
        {staging ? 'Reading the file…' : ''}
      </p>
      {stageError && (
        <div role="alert" className="notice notice--error import-notice">
          <div className="notice__body">
            <p className="notice__title">This file cannot be imported</p>
            <p>{stageError.message}</p>
          </div>
        </div>
      )}
      {file && <PreviewPanel />}
    </section>
  );
}

function Launch() {
  const launch = useImportDraftStore((s) => s.launch);
  const errors = useImportDraftStore((s) => s.launchErrors);
  const setLaunch = useImportDraftStore((s) => s.setLaunch);
  const start = useImportDraftStore((s) => s.start);
  const starting = useImportDraftStore((s) => s.starting);
  const startError = useImportDraftStore((s) => s.startError);
  const preview = useImportDraftStore((s) => s.preview);
  const previewStatus = useImportDraftStore((s) => s.previewStatus);
  const now = useNow(30_000);
  const timeZone = useMemo(() => localTimeZone(), []);
  if (!preview) return null;
  const ready = preview.counts.ready;
  const blocked = preview.problem !== null || ready === 0 || previewStatus !== 'ready';
  const unavailable = starting || blocked;
  return (
    <section className="import-section" aria-labelledby="import-launch-title">
      <h2 id="import-launch-title">Launch</h2>
      <LaunchFields
        value={launch}
        errors={errors}
        onChange={setLaunch}
        contextLabel="Shared context"
        contextHint="Every call of this import gets it: the offer, the reason for calling, what to ask."
        timeZone={timeZone}
        now={now}
      />
      {startError && (
        <ErrorNotice
          title="The calls were not started"
          error={startError}
          onRetry={() => void start(Date.now(), timeZone)}
        />
      )}
      <div className="import-actions">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={unavailable || undefined}
          aria-describedby="import-start-hint"
          onClick={() => {
            if (!unavailable) void start(Date.now(), timeZone);
          }}
        >
          Start calls
        </button>
        <span id="import-start-hint" className="field__hint">
          {starting
            ? 'Putting the leads in the journal…'
            : preview.problem
              ? 'Fix the file first.'
              : ready === 0
                ? 'No row is ready to be sent.'
                : `${ready.toLocaleString()} ${ready === 1 ? 'lead' : 'leads'} will be called.`}
        </span>
      </div>
    </section>
  );
}

export function ImportPage() {
  return (
    <div className="import-page">
      <PageHeader
        title="Import"
        description="Bring leads in from a spreadsheet and call them through an agent. Nothing is sent until you press Start calls."
        actions={<NewCallButton opensOnMenu />}
      />
      <EndedNotice />
      <ProgressPanel />
      <LeadFile />
      <Launch />
      <ImportHistory />
    </div>
  );
}
