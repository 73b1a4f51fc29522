// One import's rows in file order with each one's outcome. Rows nobody could decide about show
// what reconciliation found, and the supervisor chooses: send again (the person may be called
// twice) or do not send (the person may not be called at all).
import type { ImportRow, ImportSummary } from '../../../src-main/ipc/contract-imports.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { dates } from '../../lib/dates.ts';
import { useImportsStore } from '../../stores/context.ts';
import type { ImportRowsView } from '../../stores/imports.ts';

const rowStateWords: Record<ImportRow['state'], string> = {
  planned: 'Waiting to be sent',
  sending: 'Being sent',
  created: 'Call created',
  rejected: 'Refused by Unpod',
  unknown: 'Checking whether it was created',
  not_created: 'Not created: sent again',
  skipped: 'Skipped',
};

export const rowOutcomeWords = (row: ImportRow): string =>
  row.undecided ? 'Undecided: your choice' : rowStateWords[row.state];

function Choice({ summary, rows, label }: { summary: ImportSummary; rows: number[]; label: string }) {
  const busy = useImportsStore((s) => s.busy?.importId === summary.id && s.busy.action === 'resolve');
  const resolve = useImportsStore((s) => s.resolve);
  return (
    <div className="import-history__actions" role="group" aria-label={label}>
      <button
        type="button"
        className="button button--small button--secondary"
        aria-disabled={busy || undefined}
        onClick={() => {
          if (!busy) void resolve(summary.id, 'send_again', rows);
        }}
      >
        Send again
      </button>
      <button
        type="button"
        className="button button--small button--secondary"
        aria-disabled={busy || undefined}
        onClick={() => {
          if (!busy) void resolve(summary.id, 'do_not_send', rows);
        }}
      >
        Do not send
      </button>
    </div>
  );
}

export function ImportRows({ view, summary }: { view: ImportRowsView; summary: ImportSummary }) {
  const showRows = useImportsStore((s) => s.showRows);
  const title = view.undecidedOnly
    ? `Undecided rows of ${summary.sourceName}`
    : `Rows of ${summary.sourceName}`;
  const undecided = view.rows.filter((row) => row.undecided);
  return (
    <div className="import-rows" aria-busy={view.status === 'loading' || undefined}>
      <h3 id="import-rows-title">{title}</h3>
      {view.undecidedOnly && (
        <p>
          Unpod did not answer these requests, and the calls could not be found afterwards. Send them again
          (the person may be called twice) or do not send them (the person may not be called).
        </p>
      )}
      {view.error && (
        <ErrorNotice
          title="The rows could not be read"
          error={view.error}
          onRetry={() => void showRows(view.importId, view.undecidedOnly)}
        />
      )}
      {view.status === 'loading' && view.rows.length === 0 && (
        <LoadingStatus>Reading the rows…</LoadingStatus>
      )}
      {undecided.length > 1 && (
        <Choice summary={summary} rows={[]} label={`All ${undecided.length} undecided rows`} />
      )}
      {view.rows.length > 0 && (
        <div className="table-scroll import-table" tabIndex={0} aria-labelledby="import-rows-title">
          <table className="data-table" aria-labelledby="import-rows-title">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Name</th>
                <th scope="col">Number</th>
                <th scope="col">Outcome</th>
                <th scope="col">Why</th>
                <th scope="col">Last sent</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr key={row.row}>
                  <th scope="row">{row.row}</th>
                  <td>{row.name ?? ''}</td>
                  <td>{row.contactNumber ?? ''}</td>
                  <td>{rowOutcomeWords(row)}</td>
                  <td>
                    {row.reason ?? ''}
                    {row.undecided && <Choice summary={summary} rows={[row.row]} label={`Row ${row.row}`} />}
                  </td>
                  <td>{row.sentAt !== null ? dates.dateTime(row.sentAt) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.total > view.rows.length && (
        <p className="field__hint">
          Showing the first {view.rows.length.toLocaleString()} of {view.total.toLocaleString()} rows.
        </p>
      )}
      {view.status === 'ready' && view.rows.length === 0 && <p className="empty">No rows to show.</p>}
    </div>
  );
}
