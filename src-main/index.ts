// The Electron entry (built by electron-vite to out/main/index.js): app lifecycle only. The
// security rules live in electron/security.ts, the services in services/ (no electron there).
// `--demo` on the command line opens the demo workspace at start (`electron-vite preview -- --demo`);
// without it the last signed-in profile is reopened with its token from the OS keychain.
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { createRouter, logRouterProblems } from './ipc/router.ts';
import { createLogger, type Logger } from './log/index.ts';
import { createAppServices, type AppServices } from './services/app-services.ts';
import { restoreAtStart } from './services/profiles-service.ts';
import { registerAppScheme, serveRenderer } from './electron/app-scheme.ts';
import { hardenAllWebContents, hardenSession } from './electron/harden.ts';
import { bindRouter, createEventSender } from './electron/ipc-bridge.ts';
import { APP_URL } from './electron/security.ts';
import { buildContentSecurityPolicy } from './shared/content-security-policy.ts';
import { claimSingleInstance } from './electron/single-instance.ts';
import { createMainWindow } from './electron/window.ts';
import { createSaveFileDialog } from './electron/save-dialog.ts';
import { withImportNotifications } from './electron/import-notification.ts';

// Set by `electron-vite dev` only; a built or packaged app always loads its own files.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appUrl = devServerUrl ?? APP_URL;
const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

let mainWindow: BrowserWindow | null = null;
let services: AppServices | null = null;
const getWindow = () => mainWindow;

// Tests (and anyone who wants a second, separate profile) can point the app at another data
// folder; it must be set before the single-instance lock, which is per data folder.
if (process.env.UNPOD_DESK_USER_DATA) app.setPath('userData', process.env.UNPOD_DESK_USER_DATA);

// Privileged schemes must be registered synchronously, before "ready".
registerAppScheme();

async function start(log: Logger): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession, { appUrl, devServerUrl });
  hardenAllWebContents({ appUrl, dev: devServerUrl !== undefined });
  serveRenderer(rendererDir, buildContentSecurityPolicy());

  const appServices = createAppServices({
    dataDir: app.getPath('userData'),
    emit: withImportNotifications(createEventSender(getWindow)),
    host: 'electron',
    version: app.getVersion(),
    logger: log,
    saveFile: createSaveFileDialog(getWindow),
  });
  services = appServices;
  const router = createRouter(appServices.handlers, {
    // Always on: output parsing also strips fields the contract does not list, so an internal
    // object spread into a result by mistake cannot carry anything (a token) to the window.
    validateOutput: true,
    // Error codes a channel does not declare are reported while developing; a user cannot act on it.
    checkErrorCodes: !app.isPackaged,
    onUnexpectedError: logRouterProblems(log),
  });
  bindRouter(ipcMain, router, { getWindow, appUrl }, log.child({ component: 'ipc' }));

  if (process.argv.includes('--demo')) {
    // Before the window exists, so its first workspace.getState already sees the demo.
    await appServices.workspace
      .openDemo()
      .catch((error: unknown) => log.error('the demo workspace could not open', { error }));
  } else {
    // The last profile, with its token from the keychain: the user is not asked for it again.
    await restoreAtStart(appServices.profiles);
  }

  const openWindow = () => {
    mainWindow = createMainWindow({ preloadPath, url: appUrl });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openWindow();
  app.on('activate', () => {
    if (mainWindow === null) openWindow();
  });
}

if (!claimSingleInstance(getWindow)) {
  app.quit();
} else {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Close the workspace (stopping the demo sandbox) and the task cache before exiting.
  let cleanedUp = false;
  app.on('will-quit', (event) => {
    if (cleanedUp || services === null) return;
    event.preventDefault();
    cleanedUp = true;
    void services.close().finally(() => app.quit());
  });
  // A JSON-lines log in the data folder (stderr too while developing); secrets are redacted.
  const log = createLogger({
    file: join(app.getPath('userData'), 'logs', 'main.log'),
    stderr: !app.isPackaged,
    bindings: { host: 'electron' },
  });
  start(log).catch((error: unknown) => {
    log.error('Unpod Desk failed to start', { error });
    app.exit(1);
  });
}
