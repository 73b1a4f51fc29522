// Past imports with their counts; each one's rows with their outcome; "Show these calls" (the
// task list filtered to the import); "Send the failed rows again"; and the rows nobody could
// decide about (a request whose answer was lost and whose calls could not be found), shown with
// what was found and a choice.
import { useId } from 'react';
import type { ImportSummary } from '../../../src-main/ipc/contract-imports.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { dates } from '../../lib/dates.ts';
import { useImportsStore, useStores, useWorkspaceStore } from '../../stores/context.ts';
import { ImportRows } from './ImportRows.tsx';
import { showImportCalls } from './showImportCalls.ts';

const stateWords: Record<ImportSummary['state'], string> = {
  running: 'Sending',
  paused: 'Paused',
  cancelled: 'Cancelled',
  finished: 'Finished',
};

function HistoryRow({ summary }: { summary: ImportSummary }) {
  const stores = useStores();
  const rowsOf = useImportsStore((s) => s.rows?.importId ?? null);
  const busy = useImportsStore((s) => s.busy);
  const { showRows, hideRows, retryFailed } = useImportsStore();
  const agentName = useWorkspaceStore(
    (s) => s.state?.agentNames.find((a) => a.handle === summary.agentHandle)?.name ?? summary.agentHandle,
  );
  const nameId = useId();
  const c = summary.counts;
  const failed = c.rejected + c.notCreated;
  const active = summary.state === 'running' || summary.state === 'paused';
  const open = rowsOf === summary.id;
  const retrying = busy?.importId === summary.id && busy.action === 'retryFailed';
  return (
    <tr>
      <th scope="row" id={nameId}>
        {summary.sourceName}
        <span className="import-history__when">
          {dates.dateTime(summary.createdAt)} · {agentName}
        </span>
      </th>
      <td>{stateWords[summary.state]}</td>
      <td>{c.total.toLocaleString()}</td>
      <td>{c.created.toLocaleString()}</td>
      <td>{failed.toLocaleString()}</td>
      <td>{c.skipped.toLocaleString()}</td>
      <td>
        <div className="import-history__actions">
          <button
            type="button"
            className="button button--small button--secondary"
            aria-describedby={nameId}
            aria-expanded={open}
            onClick={() => (open ? hideRows() : void showRows(summary.id))}
          >
            {open ? 'Hide rows' : 'Rows'}
          </button>
          {c.created > 0 && (
            <button
              type="button"
              className="button button--small button--secondary"
              aria-describedby={nameId}
              onClick={() => void showImportCalls(stores, summary)}
            >
              Show these calls
            </button>
          )}
          {failed > 0 && !active && (
            <button
              type="button"
              className="button button--small button--secondary"
              aria-describedby={nameId}
              aria-disabled={retrying || undefined}
              onClick={() => {
                if (!retrying) void retryFailed(summary.id);
              }}
            >
              Send the failed rows again
            </button>
          )}
          {c.undecided > 0 && (
            <button
              type="button"
              className="button button--small button--primary"
              aria-describedby={nameId}
              onClick={() => void showRows(summary.id, true)}
            >
              Decide about {c.undecided.toLocaleString()} {c.undecided === 1 ? 'row' : 'rows'}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

export function ImportHistory() {
  const history = useImportsStore((s) => s.history);
  const status = useImportsStore((s) => s.historyStatus);
  const error = useImportsStore((s) => s.historyError);
  const rows = useImportsStore((s) => s.rows);
  const actionError = useImportsStore((s) => s.actionError);
  const loadHistory = useImportsStore((s) => s.loadHistory);
  const openSummary = rows ? history.find((item) => item.id === rows.importId) : undefined;

  return (
    <section className="import-section" aria-labelledby="import-history-title">
      <h2 id="import-history-title">Past imports</h2>
      {error && (
        <ErrorNotice
          title="The past imports could not be read"
          error={error}
          onRetry={() => void loadHistory()}
        />
      )}
      {actionError && (actionError.action === 'retryFailed' || actionError.action === 'resolve') && (
        <ErrorNotice
          title="Unpod Desk could not change the import"
          error={actionError.error}
          onRetry={() => void loadHistory()}
        />
      )}
      {status === 'loading' && history.length === 0 ? (
        <LoadingStatus>Reading the past imports…</LoadingStatus>
      ) : history.length === 0 ? (
        <p className="empty">No imports yet in this workspace.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} aria-labelledby="import-history-title">
          <table className="data-table import-history" aria-labelledby="import-history-title">
            <thead>
              <tr>
                <th scope="col">Import</th>
                <th scope="col">State</th>
                <th scope="col">Leads</th>
                <th scope="col">Created</th>
                <th scope="col">Failed</th>
                <th scope="col">Skipped</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {history.map((summary) => (
                <HistoryRow key={summary.id} summary={summary} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows && openSummary && <ImportRows view={rows} summary={openSummary} />}
    </section>
  );
}
