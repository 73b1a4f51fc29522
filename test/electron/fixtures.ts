// Playwright fixtures for the built Electron app: every test launches its own app on its own
// data folder (a fresh welcome screen, no shared state between tests, and no clash with a
// running copy: the single-instance lock is per data folder). Without the Electron binary or a
// display, the specs skip and say why (electronSkipReason).
import { _electron as electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectronBinary, missingDisplay } from './electron-binary.ts';

const mainEntry = resolve(import.meta.dirname, '../../out/main/index.js');
const binary = findElectronBinary();

/** Why the Electron tests cannot run here, or null when they can. */
export const electronSkipReason: string | null = 'missing' in binary ? binary.missing : missingDisplay();

/** The URL the window shows: the built renderer on the app's own scheme. */
export const APP_PAGE = /^unpod-desk:\/\/app\//;

export const test = base.extend<{ electronApp: ElectronApplication; appWindow: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires an object pattern here.
  electronApp: async ({}, use) => {
    if (!existsSync(mainEntry)) throw new Error(`${mainEntry} is missing: run npm run build first`);
    const userData = mkdtempSync(join(tmpdir(), 'unpod-electron-e2e-'));
    let app: ElectronApplication | null = null;
    try {
      app = await electron.launch({
        executablePath: 'path' in binary ? binary.path : undefined,
        args: [mainEntry],
        env: { ...process.env, UNPOD_DESK_USER_DATA: userData, ELECTRON_ENABLE_LOGGING: '1' },
      });
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
