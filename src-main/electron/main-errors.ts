// Failures of the main process itself. At start: a dialog that says the app could not start,
// then quit (instead of vanishing). Later: an unexpected error is logged and shown, and the app
// keeps running (one dialog at a time; the details are in the log, never in the dialog, so no
// secret an error may carry reaches the screen).
import { app, dialog, type BrowserWindow } from 'electron';
import type { Logger } from '../log/index.ts';

let failing = false;

/** Says why the app cannot start and quits. Safe before "ready"; only the first failure is shown. */
export function failStartup(log: Logger, logsDir: string, title: string, message: string): never {
  if (!failing) {
    failing = true;
    log.error('start-up stopped', { title, message });
    dialog.showErrorBox(title, `${message}\n\nThe log is in ${logsDir}.`);
    app.exit(1);
  }
  // app.exit ends the process; this only satisfies the type.
  throw new Error(title);
}

export function reportUnexpectedErrors(log: Logger, getWindow: () => BrowserWindow | null): void {
  let showing = false;
  const report = (kind: string) => (error: unknown) => {
    log.error(`unexpected ${kind} in the main process`, { error });
    if (showing || !app.isReady()) return;
    showing = true;
    const win = getWindow();
    const options = {
      type: 'error' as const,
      title: 'Unpod Desk',
      message: 'Unpod Desk ran into an unexpected problem',
      detail:
        'It keeps running, and your saved data is safe. If something no longer works, quit and start it again. The details are in the log (Help → Open logs folder).',
      buttons: ['OK'],
    };
    const shown =
      win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
    void shown.finally(() => {
      showing = false;
    });
  };
  process.on('uncaughtException', report('error'));
  process.on('unhandledRejection', report('rejected promise'));
}
