// When the list was last brought up to date, the offline notice, and the Sync button with its
// progress. Offline, the list keeps working from what was saved: the notice says how old it is.
import { formatCount, formatDateTime, timeAgo } from './format.ts';
import { plural } from './plural.ts';
import { useConnectionStore } from '../../stores/connection.ts';
import { useTasksStore } from '../../stores/tasks.ts';
import { useNow } from './useNow.ts';

export function SyncBar() {
  const lastSyncedAt = useTasksStore((s) => s.lastSyncedAt);
  const sync = useTasksStore((s) => s.sync);
  const scope = useTasksStore((s) => s.scope);
  const { startSync, cancelSync } = useTasksStore.getState();
  const offline = useConnectionStore((s) => s.connection?.state === 'offline');
  const now = useNow(15_000);

  const running = sync?.phase === 'running';
  const saved = timeAgo(lastSyncedAt, now);
  const savedAt = formatDateTime(lastSyncedAt === null ? null : Date.parse(lastSyncedAt)) ?? undefined;

  return (
    <div className="sync-bar" role="region" aria-label="Sync">
      {offline ? (
        <p role="status" className="sync-bar__offline">
          <span className="sync-bar__dot" aria-hidden="true" />
          {saved
            ? `Offline: showing data saved ${saved}`
            : 'Offline: nothing has been saved for this list yet'}
        </p>
      ) : (
        <p className="sync-bar__updated" title={savedAt}>
          {saved ? `Last updated ${saved}` : 'Not downloaded yet'}
        </p>
      )}
      {running && sync ? (
        <div className="sync-bar__progress">
          <progress
            aria-label="Sync progress"
            max={Math.max(1, sync.total)}
            value={Math.min(sync.fetched, Math.max(1, sync.total))}
          />
          <span role="status">
            {sync.mode === 'refresh' ? 'Checking for changes…' : 'Syncing…'}{' '}
            {sync.total > 0 &&
              `${formatCount(sync.fetched)} of ${formatCount(sync.total)} ${plural(sync.total, 'task', 'tasks')}`}
          </span>
          {sync.mode === 'full' && (
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => void cancelSync()}
            >
              Cancel sync
            </button>
          )}
        </div>
      ) : (
        sync?.phase === 'failed' &&
        sync.error &&
        !offline && (
          <p className="sync-bar__failed" role="status">
            The last sync failed: {sync.error.message}
          </p>
        )
      )}
      <button
        type="button"
        className="button button--secondary button--small"
        aria-disabled={running || scope === null || undefined}
        onClick={() => {
          if (!running && scope !== null) void startSync('full');
        }}
      >
        Sync now
      </button>
    </div>
  );
}
