// Playwright fixtures for the built Electron app: every test launches its own app on its own
// data folder (a fresh welcome screen, no shared state between tests, and no clash with a
// running copy: the single-instance lock is per data folder). Without the Electron binary or a
// display, the specs skip and say why (electronSkipReason).
import { _electron as electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectronBinary, missingDisplay } from './electron-binary.ts';

/** The app folder, launched as `electron .` does: package.json's name, version and main apply. */
export const appFolder = resolve(import.meta.dirname, '../..');
const mainEntry = join(appFolder, 'out/main/index.js');
const binary = findElectronBinary();

/**
 * Chromium refuses to start its sandbox as root (CI containers often run as root). Only then is
 * --no-sandbox added, and the run says so: the app's renderer sandbox is then not exercised.
 */
const runningAsRoot = process.getuid?.() === 0;
const sandboxArgs = runningAsRoot ? ['--no-sandbox'] : [];
if (runningAsRoot && !('missing' in binary)) {
  console.log(
    'electron e2e: running as root, so Electron is started with --no-sandbox (Chromium requires it)',
  );
}

/** Launches the built app on a data folder, with extra command-line arguments (a CSV, --demo). */
export async function launchApp(userData: string, extraArgs: string[] = []): Promise<ElectronApplication> {
  if (!existsSync(mainEntry)) throw new Error(`${mainEntry} is missing: run npm run build first`);
  return electron.launch({
    executablePath: 'path' in binary ? binary.path : undefined,
    args: [...sandboxArgs, appFolder, ...extraArgs],
    cwd: appFolder,
    env: { ...process.env, UNPOD_DESK_USER_DATA: userData, ELECTRON_ENABLE_LOGGING: '1' },
  });
}

/** A fresh data folder for one test; remove it with rmSync when done. */
export const freshDataFolder = (): string => mkdtempSync(join(tmpdir(), 'unpod-electron-e2e-'));

/** Why the Electron tests cannot run here, or null when they can. */
export const electronSkipReason: string | null = 'missing' in binary ? binary.missing : missingDisplay();

/** The URL the window shows: the built renderer on the app's own scheme. */
export const APP_PAGE = /^unpod-desk:\/\/app\//;

export const test = base.extend<{ electronApp: ElectronApplication; appWindow: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires an object pattern here.
  electronApp: async ({}, use) => {
    const userData = freshDataFolder();
    let app: ElectronApplication | null = null;
    try {
      app = await launchApp(userData);
      await use(app);
    } finally {
      await app?.close();
      rmSync(userData, { recursive: true, force: true });
    }
  },

  /** The app's one window, loaded. */
  appWindow: async ({ electronApp }, use) => {
    const page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
});

/**
 * Replaces shell.openExternal in the app's main process with a recorder, so a test sees what
 * would have gone to the system browser without launching one. Returns the URLs so far.
 */
export async function stubOpenExternal(app: ElectronApplication): Promise<() => Promise<string[]>> {
  const opened = await app.evaluateHandle(({ shell }) => {
    const urls: string[] = [];
    shell.openExternal = async (url: string) => {
      urls.push(url);
    };
    return urls;
  });
  return () => opened.jsonValue();
}

export { expect } from '@playwright/test';
