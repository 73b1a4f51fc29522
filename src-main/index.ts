// The Electron entry (built by electron-vite to out/main/index.js): app lifecycle only. The
// security rules live in electron/security.ts, the services in services/ (no electron there),
// every shell decision (menus, window place, open-with, progress, start-up checks) in desktop/.
// `--demo` on the command line opens the demo workspace at start (`electron-vite preview -- --demo`);
// without it the last signed-in profile is reopened with its token from the OS keychain.
import { app, crashReporter, dialog, ipcMain, net, session, shell, type BrowserWindow } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { csvPathsFromArgv } from './desktop/open-with-args.ts';
import { withShellHooks } from './desktop/shell-handlers.ts';
import { runStartupChecks, startupProblem } from './desktop/startup-checks.ts';
import { prepareUserDataDir } from './desktop/user-data-dir.ts';
import type { EventName, EventPayload } from './ipc/contract.ts';
import { createRouter, logRouterProblems } from './ipc/router.ts';
import { createLogger, type Logger } from './log/index.ts';
import { createAppServices, type AppServices, type Emit } from './services/app-services.ts';
import { restoreAtStart } from './services/profiles-service.ts';
import { withChromiumNetErrors } from './unpod/chromium-net-error.ts';
import { installAppMenu, installContextMenu } from './electron/app-menu.ts';
import { registerAppScheme, serveRenderer } from './electron/app-scheme.ts';
import { loadApp, watchWindowHealth } from './electron/crash-recovery.ts';
import { hardenAllWebContents, hardenSession } from './electron/harden.ts';
import { bindRouter, createEventSender } from './electron/ipc-bridge.ts';
import { failStartup, reportUnexpectedErrors } from './electron/main-errors.ts';
import { APP_URL } from './electron/security.ts';
import { buildContentSecurityPolicy } from './shared/content-security-policy.ts';
import { claimSingleInstance } from './electron/single-instance.ts';
import { createTaskbarProgress } from './electron/taskbar-progress.ts';
import { createMainWindow } from './electron/window.ts';
import { restoredWindow, trackWindowState } from './electron/window-state.ts';
import { createSaveFileDialog } from './electron/save-dialog.ts';
import { createLeadFileDialog } from './electron/lead-file-dialog.ts';
import { serveRecordings } from './electron/media-scheme.ts';
import { saveRecordingWithDialog } from './electron/save-recording.ts';
import { recordingsRootFor } from './services/recordings/index.ts';
import { MEDIA_SCHEME } from './shared/recording-media.ts';
import { withImportNotifications } from './electron/import-notification.ts';

const APP_NAME = 'Unpod Desk';
// Set by `electron-vite dev` only; a built or packaged app always loads its own files.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appUrl = devServerUrl ?? APP_URL;
const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
/** argv entries before the user's: the executable, and the app path while developing (`electron .`). */
const argvSkip = process.defaultApp ? 2 : 1;

let mainWindow: BrowserWindow | null = null;
let services: AppServices | null = null;
const getWindow = () => mainWindow;

// Tests (and anyone who wants a second, separate profile) can point the app at another data
// folder; it must be set before the single-instance lock, which is per data folder. A relative
// folder is read from the working folder, and a missing one is created.
let dataDirProblem: string | null = null;
try {
  const dir = prepareUserDataDir(process.env.UNPOD_DESK_USER_DATA, process.cwd());
  if (dir !== null) app.setPath('userData', dir);
} catch (error) {
  dataDirProblem = `The data folder given in UNPOD_DESK_USER_DATA (${process.env.UNPOD_DESK_USER_DATA}) cannot be used: ${error instanceof Error ? error.message : String(error)}`;
}

// Crash dumps stay on this computer, in the data folder's Crashpad folder; nothing is uploaded.
app.setPath('crashDumps', join(app.getPath('userData'), 'Crashpad'));
crashReporter.start({ uploadToServer: false });

// Privileged schemes must be registered synchronously, before "ready", in one call.
registerAppScheme();

// CSV files offered before the services exist (macOS sends open-file before "ready" when a
// double-clicked file starts the app; a second launch can come during start-up).
const waitingFiles: string[] = [];
let offerFile: (path: string) => void = (path) => void waitingFiles.push(path);
app.on('open-file', (event, path) => {
  event.preventDefault();
  offerFile(path);
});

const focusWindow = () => {
  const win = getWindow();
  if (win === null || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
};

async function start(log: Logger, logsDir: string): Promise<void> {
  await app.whenReady();
  const problem = startupProblem(await runStartupChecks());
  if (problem?.severity === 'fatal') failStartup(log, logsDir, problem.title, problem.message);

  hardenSession(session.defaultSession, { appUrl, devServerUrl });
  hardenAllWebContents({ appUrl, dev: devServerUrl !== undefined });
  serveRenderer(rendererDir, buildContentSecurityPolicy({ mediaSources: [`${MEDIA_SCHEME}:`] }));

  const progress = createTaskbarProgress(getWindow);
  const sendToWindow = createEventSender(getWindow);
  let updateMenu: (patch: { syncRunning?: boolean }) => void = () => {};
  const emit: Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    sendToWindow(event, payload);
    if (event === 'sync.progress') {
      progress.onSyncProgress(payload as EventPayload<'sync.progress'>);
      updateMenu({ syncRunning: progress.running() });
    }
    if (event === 'imports.progress') progress.onImportProgress(payload as EventPayload<'imports.progress'>);
    if (event === 'imports.finished')
      progress.onImportFinished((payload as EventPayload<'imports.finished'>).id);
  };

  const appServices = createAppServices({
    dataDir: app.getPath('userData'),
    emit: withImportNotifications(emit),
    host: 'electron',
    version: app.getVersion(),
    logger: log,
    // Electron's network stack: the system proxy (PAC files, proxy sign-in) and the OS
    // certificate store (TLS inspection), which Node's fetch ignores.
    fetch: withChromiumNetErrors((input, init) => net.fetch(input instanceof URL ? input.href : input, init)),
    saveFile: createSaveFileDialog(getWindow),
    // Recordings live in the OS cache folder (not synced, not backed up), not in userData.
    recordingsRoot: recordingsRootFor({ platform: process.platform, env: process.env, home: homedir() }),
    saveRecordingAs: saveRecordingWithDialog(getWindow),
  });
  services = appServices;
  serveRecordings((taskId) => appServices.recordings.cachedFile(taskId));

  // The window's first workspace.getState waits for the profile restore (see withShellHooks).
  let startupDone: () => void = () => {};
  const startup = new Promise<void>((resolve) => (startupDone = resolve));
  const chooseLeadFile = createLeadFileDialog(getWindow);
  const menu = installAppMenu(
    {
      platform: process.platform,
      appName: APP_NAME,
      signedIn: false,
      page: null,
      syncRunning: false,
      dev: !app.isPackaged,
    },
    {
      command: (command) => {
        emit('menu.command', { command });
        focusWindow();
        // The window shows Import; the file itself comes from the system's dialog.
        if (command === 'import-leads') {
          chooseLeadFile().then(
            (path) => {
              if (path !== null) appServices.openWith.offerImportFile(path);
            },
            (error: unknown) => log.warn('could not show the dialog to import leads', { error }),
          );
        }
      },
      action: (action) => {
        if (action === 'open-logs-folder') {
          void shell.openPath(logsDir).then((failure) => {
            if (failure) log.warn('could not open the logs folder', { logsDir, failure });
          });
        }
      },
    },
  );
  updateMenu = (patch) => menu.update(patch);
  appServices.workspace.onChanged((state) => {
    menu.update({
      signedIn: state.kind !== 'none',
      page: state.kind === 'none' ? null : (state.lastPage ?? 'tasks'),
    });
    if (state.kind === 'none') progress.clear();
  });

  const router = createRouter(
    withShellHooks(appServices.handlers, { startup, onPage: (page) => menu.update({ page }) }),
    {
      // Always on: output parsing also strips fields the contract does not list, so an internal
      // object spread into a result by mistake cannot carry anything (a token) to the window.
      validateOutput: true,
      // Error codes a channel does not declare are reported while developing; a user cannot act on it.
      checkErrorCodes: !app.isPackaged,
      onUnexpectedError: logRouterProblems(log),
    },
  );
  bindRouter(ipcMain, router, { getWindow, appUrl }, log.child({ component: 'ipc' }));

  const windowStateFile = join(app.getPath('userData'), 'window-state.json');
  const openWindow = async () => {
    const { restored, saved } = await restoredWindow(windowStateFile, log);
    const win = createMainWindow({ preloadPath, restored });
    mainWindow = win;
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    installContextMenu(win.webContents);
    trackWindowState(win, windowStateFile, saved, log);
    watchWindowHealth(win, {
      appUrl,
      log,
      onGiveUp: (message) => dialog.showErrorBox('Unpod Desk', message),
    });
    loadApp(win, appUrl, log);
  };
  // The window first (it shows "Starting Unpod Desk…"): a keychain prompt during the restore has
  // a window, and a second launch has one to focus.
  await openWindow();
  app.on('activate', () => {
    if (mainWindow === null) void openWindow();
  });
  if (problem?.severity === 'warning') {
    // The app works without the keychain (tokens for the session only): say so, without blocking.
    const options = {
      type: 'warning' as const,
      title: APP_NAME,
      message: problem.title,
      detail: problem.message,
    };
    const win = getWindow();
    void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  }

  // CSV files given on the command line, and any that arrived during start-up, go to Import.
  offerFile = (path) => {
    if (appServices.openWith.offerImportFile(path)) focusWindow();
    else log.warn('ignored a file offered to the app: not an absolute path to a .csv file', { path });
  };
  for (const path of [
    ...csvPathsFromArgv(process.argv, { cwd: process.cwd(), skip: argvSkip }),
    ...waitingFiles.splice(0),
  ])
    offerFile(path);

  try {
    if (process.argv.includes('--demo')) {
      await appServices.workspace
        .openDemo()
        .catch((error: unknown) => log.error('the demo workspace could not open', { error }));
    } else {
      // The last profile, with its token from the keychain: the user is not asked for it again.
      await restoreAtStart(appServices.profiles);
    }
  } finally {
    startupDone();
  }
}

if (
  !claimSingleInstance(getWindow, (argv, workingDirectory) => {
    for (const path of csvPathsFromArgv(argv, { cwd: workingDirectory, skip: argvSkip })) offerFile(path);
  })
) {
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
  const logsDir = join(app.getPath('userData'), 'logs');
  // A JSON-lines log in the data folder (stderr too while developing); secrets are redacted.
  const log = createLogger({
    file: join(logsDir, 'main.log'),
    stderr: !app.isPackaged,
    bindings: { host: 'electron' },
  });
  if (dataDirProblem !== null) failStartup(log, logsDir, 'Unpod Desk cannot start', dataDirProblem);
  reportUnexpectedErrors(log, getWindow);
  start(log, logsDir).catch((error: unknown) => {
    failStartup(
      log,
      logsDir,
      'Unpod Desk could not start',
      `Something it needs at start failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}
