// When the list was last brought up to date, the offline notice, and the Sync button with its
// progress. Offline, the list keeps working from what was saved: the notice says how old it is.
// A sync that cannot run (offline, or the token refused) says so instead of doing nothing.
import { useState } from 'react';
import { useConnectionStore, useStores, useTasksStore } from '../../stores/context.ts';
import { formatCount, formatDateTime, timeAgo } from './format.ts';
import { plural } from './plural.ts';
import { useNow } from './useNow.ts';

const cannotSync = {
  offline:
    'Cannot sync while offline: Unpod cannot be reached. The list updates by itself when the connection is back.',
  rejected: 'Cannot sync: Unpod rejected the API token. Replace the token, then sync again.',
} as const;

export function SyncBar() {
  const lastSyncedAt = useTasksStore((s) => s.lastSyncedAt);
  const sync = useTasksStore((s) => s.sync);
  const scope = useTasksStore((s) => s.scope);
  const { startSync, cancelSync } = useStores().tasks.getState();
  const connection = useConnectionStore((s) => s.connection?.state ?? null);
  const offline = connection === 'offline';
  const now = useNow(15_000);
  // Why the last press of Sync now did nothing; only while the connection is still why.
  const [refused, setRefused] = useState<{ when: 'offline' | 'rejected' } | null>(null);
  // Once the reason is gone it is forgotten: going offline again later needs a new press.
  if (refused !== null && refused.when !== connection) setRefused(null);
  const refusal = refused !== null && refused.when === connection ? cannotSync[refused.when] : null;

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
        // Offline or refused, the connection state says why; an older failure would mislead.
        connection === 'online' && (
          <p className="sync-bar__failed" role="status">
            The last sync failed: {sync.error.message}
          </p>
        )
      )}
      {/* Always present, so a screen reader announces the refusal when it appears. */}
      <p role="status" className={refusal ? 'sync-bar__failed' : 'visually-hidden'}>
        {refusal}
      </p>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-disabled={running || scope === null || undefined}
        onClick={() => {
          if (running || scope === null) return;
          if (connection === 'offline' || connection === 'rejected') {
            setRefused({ when: connection });
            return;
          }
          setRefused(null);
          void startSync('full');
        }}
      >
        Sync now
      </button>
    </div>
  );
}
