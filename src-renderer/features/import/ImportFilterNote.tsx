// On the Tasks page after "Show these calls": says the list holds one import's calls, with the
// way back to every call.
import { useImportsStore, useTasksStore } from '../../stores/context.ts';
import { dates } from '../../lib/dates.ts';
import './import.css';

export function ImportFilterNote() {
  const importId = useTasksStore((s) => s.filters.importId);
  const setFilters = useTasksStore((s) => s.setFilters);
  const summary = useImportsStore((s) => s.history.find((item) => item.id === importId));
  if (importId === undefined) return null;
  const what = summary
    ? `the import of ${summary.sourceName} (${dates.dateTime(summary.createdAt) ?? ''})`
    : 'one import';
  return (
    <div className="notice notice--info import-filter-note">
      <p>Showing the calls of {what}.</p>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => setFilters({ importId: undefined })}
      >
        Show all calls
      </button>
    </div>
  );
}
