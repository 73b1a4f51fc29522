// The taskbar button's (Dock icon's on macOS) progress bar while syncs run, following the
// sync.progress events main sends the window (desktop/taskbar-progress.ts computes the value).
// An import's progress (lead import) joins here as one more source of the same bar.
import type { BrowserWindow } from 'electron';
import { createSyncProgressTracker } from '../desktop/taskbar-progress.ts';
import type { SyncStatus } from '../ipc/contract.ts';

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
    /** The workspace closed: its syncs are gone. */
    clear(): void {
      show(tracker.clear());
    },
    running: () => tracker.running(),
  };
}
