// How far the CSV export main is writing has got (rows written of the total), with its cancel.
import { useTasksStore } from '../../stores/context.ts';
import { formatCount } from './format.ts';

export function ExportStatus() {
  const progress = useTasksStore((s) => s.exportProgress);
  const cancelExport = useTasksStore((s) => s.cancelExport);
  if (progress === null) return null;
  const waiting = progress.phase === 'waiting';
  return (
    <div className="task-export">
      <progress
        aria-label="Export progress"
        max={Math.max(progress.total, 1)}
        value={waiting ? undefined : progress.written}
      />
      <p role="status" className="task-export__text">
        {waiting
          ? `Preparing ${formatCount(progress.total)} rows…`
          : `Exported ${formatCount(progress.written)} of ${formatCount(progress.total)} rows`}
      </p>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => void cancelExport()}
      >
        Cancel export
      </button>
    </div>
  );
}
