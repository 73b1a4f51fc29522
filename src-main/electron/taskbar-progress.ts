// The taskbar button's (Dock icon's on macOS) progress bar while syncs and lead imports run,
// following the sync.progress and imports.progress / imports.finished events main sends the
// window (desktop/taskbar-progress.ts computes the value).
import type { BrowserWindow } from 'electron';
import { createSyncProgressTracker } from '../desktop/taskbar-progress.ts';
import type { SyncStatus } from '../ipc/contract.ts';
import type { ImportProgress } from '../ipc/contract-imports.ts';

export function createTaskbarProgress(getWindow: () => BrowserWindow | null) {
  const tracker = createSyncProgressTracker();
  let shown: number | null = null;
  const show = (value: number) => {
    const win = getWindow();
    if (win === null || win.isDestroyed() || value === shown) return;
    shown = value;
    win.setProgressBar(value);
  };
  return {
    onSyncProgress(status: SyncStatus): void {
      show(tracker.update(status));
    },
    onImportProgress(progress: ImportProgress): void {
      show(tracker.updateImport(progress));
    },
    onImportFinished(importId: string): void {
      show(tracker.importEnded(importId));
    },
    /** The workspace closed: its syncs and imports are gone. */
    clear(): void {
      show(tracker.clear());
    },
    running: () => tracker.running(),
  };
}
