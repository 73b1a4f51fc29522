// What happens when the window's page cannot run: its process died (reloaded with a notice that
// says why: shared/crash-notice.ts), its preload failed (logged; the page then has no
// window.unpod and says so plainly itself), or its address did not load (a dialog offers to try
// again). Every case is logged.
import { app, dialog, type BrowserWindow } from 'electron';
import type { Logger } from '../log/index.ts';
import { recoveredUrl, shouldReloadAfterCrash } from '../shared/crash-notice.ts';
import { isSameApp } from './security.ts';

/** Chromium's ERR_ABORTED: a load replaced or refused on purpose (a blocked redirect), not a failure. */
const ERR_ABORTED = -3;

/** Loads the app's page; a failure is logged and offered again, never an unhandled rejection. */
export function loadApp(win: BrowserWindow, url: string, log: Logger): void {
  win.loadURL(url).catch((error: unknown) => {
    // did-fail-load reports the same failure with its details and asks the user; this only
    // makes sure the rejection is seen.
    log.warn('the window’s page did not finish loading', { url, error });
  });
}

export function watchWindowHealth(
  win: BrowserWindow,
  options: { appUrl: string; log: Logger; onGiveUp(message: string): void },
): void {
  const { appUrl, log } = options;
  const contents = win.webContents;
  const deaths: number[] = [];
  // While quitting, pages end on purpose: nothing to recover or report.
  let quitting = false;
  app.once('before-quit', () => (quitting = true));

  contents.on('render-process-gone', (_event, details) => {
    if (quitting) return;
    log.error('the window’s page process ended', { reason: details.reason, exitCode: details.exitCode });
    if (win.isDestroyed()) return;
    const now = Date.now();
    if (!shouldReloadAfterCrash(deaths, now)) {
      options.onGiveUp(
        `The window’s page stopped again (${details.reason}), three times within a minute, so Unpod Desk stopped reloading it. Quit and start Unpod Desk again; if it keeps happening, send the logs (Help → Open logs folder) to your IT team.`,
      );
      return;
    }
    deaths.push(now);
    // Back on the page it showed (its hash), with the notice's reason in the address.
    const current = contents.getURL();
    const base = current && isSameApp(current, appUrl) ? current : appUrl;
    loadApp(win, recoveredUrl(base, details.reason), log);
  });

  contents.on('preload-error', (_event, preloadPath, error) => {
    log.error('the window’s preload script failed; the page will say it cannot reach the app', {
      preloadPath,
      error,
    });
  });

  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED || quitting) return;
    log.error('the window’s page failed to load', { errorCode, errorDescription, url: validatedURL });
    if (win.isDestroyed()) return;
    if (!win.isVisible()) win.show();
    void dialog
      .showMessageBox(win, {
        type: 'error',
        title: 'Unpod Desk',
        message: 'Unpod Desk could not show its window',
        detail: `The page did not load (${errorDescription}, ${errorCode}).`,
        buttons: ['Try again', 'Quit'],
        defaultId: 0,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (win.isDestroyed()) return;
        if (response === 0) loadApp(win, appUrl, log);
        else win.close();
      });
  });

  win.on('unresponsive', () => log.warn('the window stopped responding'));
  win.on('responsive', () => log.info('the window responds again'));
}
