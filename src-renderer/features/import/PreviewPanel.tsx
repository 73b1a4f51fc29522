// The file as it will be sent: how it is read, the columns, the counts ("Import summary"), the
// first rows exactly as they will be sent and the rows with problems, with their export.
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useImportDraftStore } from '../../stores/context.ts';
import { ColumnMapping } from './ColumnMapping.tsx';
import {
  fieldHeading,
  fieldValue,
  problemText,
  rowOutcome,
  sentFields,
  summaryParts,
} from './previewText.ts';
import { ReadingSettings } from './ReadingSettings.tsx';

export function PreviewPanel() {
  const preview = useImportDraftStore((s) => s.preview);
  const status = useImportDraftStore((s) => s.previewStatus);
  const error = useImportDraftStore((s) => s.previewError);
  const reading = useImportDraftStore((s) => s.reading);
  const setReading = useImportDraftStore((s) => s.setReading);
  const mapColumn = useImportDraftStore((s) => s.mapColumn);
  const exportProblems = useImportDraftStore((s) => s.exportProblems);
  const exporting = useImportDraftStore((s) => s.exporting);
  const exportError = useImportDraftStore((s) => s.exportError);
  const [exported, setExported] = useState<string | null>(null);

  async function runExport(): Promise<void> {
    const written = await exportProblems();
    if (!written) return;
    setExported(
      written.savedTo
        ? `Saved ${written.rows.toLocaleString()} rows to ${written.savedTo}`
        : written.downloadUrl
          ? `Downloading ${written.fileName} (${written.rows.toLocaleString()} rows)`
          : null,
    );
  }

  const layout = preview?.layout ?? null;
  const problem = preview?.problem ?? null;
  const mapping = reading.mapping ?? layout?.mapping ?? [];
  const parts = preview ? summaryParts(preview.counts, reading.duplicates) : null;
  const fields = preview ? sentFields(preview.firstRows) : [];

  return (
    <div className="import-preview" aria-busy={status === 'loading' || undefined}>
      <ReadingSettings
        reading={reading}
        layout={layout}
        country={preview?.country ?? null}
        onChange={setReading}
      />
      {preview?.notices.map((notice) => (
        <div key={notice} className="notice notice--info import-notice">
          <p>{notice}</p>
        </div>
      ))}
      {status === 'error' && error && (
        <ErrorNotice title="The file could not be read" error={error} onRetry={() => setReading({})} />
      )}
      {problem && (
        <div className="notice notice--error import-notice" role="alert">
          <div className="notice__body">
            <p className="notice__title">This file cannot be imported as it is</p>
            <p>
              {problem.message}
              {problem.line !== undefined &&
                !problem.message.includes(`line ${problem.line}`) &&
                ` (line ${problem.line})`}
            </p>
          </div>
        </div>
      )}
      {layout && layout.headers.length > 0 && (
        <ColumnMapping headers={layout.headers} mapping={mapping} onChange={mapColumn} />
      )}
      <div role="status" aria-label="Import summary" className="import-summary">
        {status === 'loading' && !preview ? (
          <span>Reading the file…</span>
        ) : parts ? (
          <>
            <span>{parts.total}</span>
            <span>{parts.ready}</span>
            <span
              className={preview && preview.counts.withProblems > 0 ? 'import-summary__problems' : undefined}
            >
              {parts.problems}
            </span>
            <span>{parts.duplicates}</span>
            {status === 'loading' && <span>Updating…</span>}
          </>
        ) : null}
      </div>
      {preview && preview.firstRows.length > 0 && (
        <>
          <h3 id="import-first-rows">First rows, as they will be sent</h3>
          <div className="table-scroll import-table" tabIndex={0} aria-labelledby="import-first-rows">
            <table className="data-table" aria-labelledby="import-first-rows">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  {fields.map((field) => (
                    <th scope="col" key={field}>
                      {fieldHeading(field)}
                    </th>
                  ))}
                  <th scope="col">Will be</th>
                </tr>
              </thead>
              <tbody>
                {preview.firstRows.map((row) => (
                  <tr key={row.row}>
                    <th scope="row">{row.row}</th>
                    {fields.map((field) => (
                      <td key={field}>{fieldValue(row.document, field)}</td>
                    ))}
                    <td>{rowOutcome(row.duplicate, reading.duplicates)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {preview && preview.duplicateRows.length > 0 && (
        <>
          <h3 id="import-duplicates">Duplicates</h3>
          <ul className="import-problems" aria-labelledby="import-duplicates" tabIndex={0}>
            {preview.duplicateRows.map((row) => (
              <li key={row.row}>
                <strong>Row {row.row}:</strong> {row.document.name} ({row.document.contact_number}):{' '}
                {rowOutcome(row.duplicate, reading.duplicates)}.
              </li>
            ))}
          </ul>
        </>
      )}
      {preview && preview.problems.total > 0 && (
        <>
          <h3 id="import-problems">Rows with problems</h3>
          <ul className="import-problems" aria-labelledby="import-problems" tabIndex={0}>
            {preview.problems.items.map((row) => (
              <li key={row.row}>
                <strong>Row {row.row}:</strong> {row.problems.map(problemText).join(' ')}
              </li>
            ))}
          </ul>
          {preview.problems.items.length < preview.problems.total && (
            <p className="field__hint">
              Showing the first {preview.problems.items.length.toLocaleString()} of{' '}
              {preview.problems.total.toLocaleString()}; the export has them all.
            </p>
          )}
          <div className="import-actions">
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={exporting || undefined}
              onClick={() => {
                if (exporting) return;
                void runExport();
              }}
            >
              Export rows with problems
            </button>
            <span role="status">{exported ?? ''}</span>
          </div>
          {exportError && (
            <ErrorNotice
              title="The rows with problems could not be exported"
              error={exportError}
              onRetry={() => void runExport()}
            />
          )}
        </>
      )}
    </div>
  );
}
