// One running app per user: a second launch focuses the existing window, hands over the CSV
// files it was given (open-with), and exits.
import { app, type BrowserWindow } from 'electron';

/** Returns false when another instance holds the lock (the caller should quit). */
export function claimSingleInstance(
  getWindow: () => BrowserWindow | null,
  onSecondLaunch: (argv: string[], workingDirectory: string) => void = () => {},
): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv, workingDirectory) => {
    onSecondLaunch(argv, workingDirectory);
    const win = getWindow();
    if (win === null || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}
