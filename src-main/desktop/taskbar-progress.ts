// The progress bar on the taskbar button (Windows, Linux launchers) and the Dock icon (macOS)
// while syncs run: one value for all running syncs, in Electron's setProgressBar terms.
// https://www.electronjs.org/docs/latest/api/browser-window#winsetprogressbarprogress-options
import type { SyncStatus, TaskScope } from '../ipc/contract.ts';

/** No bar. */
export const NO_PROGRESS = -1;
/** Electron shows an indeterminate bar for any value above 1. */
export const INDETERMINATE = 2;

/**
 * The bar's value for the syncs' latest statuses: -1 (no bar) when none runs; the share of
 * pages done across the running syncs (0–1) when their page counts are known; indeterminate
 * while a running sync does not know its page count yet.
 */
export function progressValue(statuses: readonly SyncStatus[]): number {
  const running = statuses.filter((s) => s.phase === 'running');
  if (running.length === 0) return NO_PROGRESS;
  if (running.some((s) => s.pagesTotal <= 0)) return INDETERMINATE;
  const total = running.reduce((sum, s) => sum + s.pagesTotal, 0);
  const done = running.reduce((sum, s) => sum + Math.min(s.pagesDone, s.pagesTotal), 0);
  return done / total;
}

const scopeKey = (scope: TaskScope) =>
  scope.kind === 'space' ? `space:${scope.spaceToken}` : `agent:${scope.agentHandle}`;

/** Follows sync.progress events: the latest status per list, and the bar's value for them all. */
export function createSyncProgressTracker() {
  const latest = new Map<string, SyncStatus>();
  return {
    /** Records a status; returns the bar's new value. */
    update(status: SyncStatus): number {
      if (status.phase === 'running') latest.set(scopeKey(status.scope), status);
      else latest.delete(scopeKey(status.scope));
      return progressValue([...latest.values()]);
    },
    /** Whether any sync runs (the menu's Sync now is then off). */
    running: () => latest.size > 0,
    /** A workspace closed: its syncs are gone. */
    clear(): number {
      latest.clear();
      return NO_PROGRESS;
    },
  };
}
