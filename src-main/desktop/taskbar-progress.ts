// The progress bar on the taskbar button (Windows, Linux launchers) and the Dock icon (macOS)
// while syncs and lead imports run: one value for all of them, in Electron's setProgressBar terms.
// https://www.electronjs.org/docs/latest/api/browser-window#winsetprogressbarprogress-options
import type { SyncStatus, TaskScope } from '../ipc/contract.ts';
import type { ImportProgress } from '../ipc/contract-imports.ts';

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

/**
 * The bar's value for the imports' latest progress: -1 when none runs (a paused import is not
 * moving, so it shows nothing); else the share of their rows to send that are sent (0–1).
 */
export function importProgressValue(progress: readonly ImportProgress[]): number {
  const running = progress.filter((p) => p.state === 'running');
  if (running.length === 0) return NO_PROGRESS;
  const total = running.reduce((sum, p) => sum + Math.max(p.total, 0), 0);
  // Nothing left to send (every row skipped): the import is about to finish.
  if (total === 0) return 1;
  const sent = running.reduce((sum, p) => sum + Math.min(Math.max(p.sent, 0), Math.max(p.total, 0)), 0);
  return sent / total;
}

/**
 * One bar for syncs and imports together. Pages and rows do not add up, so while both run the
 * bar shows the mean of the two shares; indeterminate while either does not know its size.
 */
export function combinedProgressValue(syncs: number, imports: number): number {
  const parts = [syncs, imports].filter((value) => value !== NO_PROGRESS);
  if (parts.length === 0) return NO_PROGRESS;
  if (parts.includes(INDETERMINATE)) return INDETERMINATE;
  return parts.reduce((sum, value) => sum + value, 0) / parts.length;
}

const scopeKey = (scope: TaskScope) =>
  scope.kind === 'space' ? `space:${scope.spaceToken}` : `agent:${scope.agentHandle}`;

/**
 * Follows sync.progress and imports.progress / imports.finished events: the latest status per
 * list and per import, and the bar's value for them all.
 */
export function createSyncProgressTracker() {
  const latest = new Map<string, SyncStatus>();
  const imports = new Map<string, ImportProgress>();
  const value = () =>
    combinedProgressValue(progressValue([...latest.values()]), importProgressValue([...imports.values()]));
  return {
    /** Records a sync's status; returns the bar's new value. */
    update(status: SyncStatus): number {
      if (status.phase === 'running') latest.set(scopeKey(status.scope), status);
      else latest.delete(scopeKey(status.scope));
      return value();
    },
    /** Records an import's progress; returns the bar's new value. */
    updateImport(progress: ImportProgress): number {
      if (progress.state === 'running') imports.set(progress.importId, progress);
      else imports.delete(progress.importId);
      return value();
    },
    /** An import ended (imports.finished); returns the bar's new value. */
    importEnded(importId: string): number {
      imports.delete(importId);
      return value();
    },
    /** Whether any sync runs (the menu's Sync now is then off); imports do not count. */
    running: () => latest.size > 0,
    /** A workspace closed: its syncs and imports are gone. */
    clear(): number {
      latest.clear();
      imports.clear();
      return NO_PROGRESS;
    },
  };
}
