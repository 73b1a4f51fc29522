// The packaged app, as the installers install it (after `npm run dist`; CI runs this spec then):
// it starts from its app.asar, loads keytar's native module from outside the archive, and opens
// the demo with its tasks, which runs the store's worker threads from inside the archive.
// Skips with the reason where there is no packaged app, no display or (on Linux) no way to run.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { missingDisplay } from './electron-binary.ts';
import { findPackagedApp } from './packaged-app.ts';

const packaged = findPackagedApp(resolve(import.meta.dirname, '../../dist'));
const skipReason = 'missing' in packaged ? packaged.missing : missingDisplay();
if (skipReason) console.log(`packaged app e2e skipped: ${skipReason}`);

// Chromium refuses to start as root with its sandbox on (CI containers run as root).
const asRoot = process.getuid?.() === 0;
if (asRoot && !skipReason)
  console.log('packaged app e2e: running as root, so the app starts with --no-sandbox');

test.describe('the packaged app', () => {
  test.skip(skipReason !== null, `packaged app e2e skipped: ${skipReason}`);

  let app: ElectronApplication;
  let userData: string;

  test.beforeEach(async () => {
    if (!('path' in packaged)) throw new Error('unreachable: skipped without a packaged app');
    userData = mkdtempSync(join(tmpdir(), 'unpod-packaged-e2e-'));
    app = await electron.launch({
      executablePath: packaged.path,
      args: asRoot ? ['--no-sandbox'] : [],
      env: { ...process.env, UNPOD_DESK_USER_DATA: userData },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('runs from its archive and loads the keychain module from outside it', async () => {
    const where = await app.evaluate(({ app: electronApp }) => {
      // Inside the packaged main process: resolve keytar as the app's own code would.
      const { createRequire } = process.getBuiltinModule('node:module');
      const { join: joinPath } = process.getBuiltinModule('node:path');
      const appRoot = joinPath(process.resourcesPath, 'app.asar');
      const keytar = createRequire(joinPath(appRoot, 'package.json'))('keytar') as Record<string, unknown>;
      return {
        isPackaged: electronApp.isPackaged,
        appPath: electronApp.getAppPath(),
        appRoot,
        keytar: typeof keytar.getPassword,
        name: electronApp.getName(),
      };
    });
    expect(where.isPackaged).toBe(true);
    expect(where.appPath).toBe(where.appRoot);
    expect(where.keytar).toBe('function');
    expect(where.name).toBe('unpod-desk');
  });

  test('opens the demo and lists its tasks from the cache', async () => {
    const page = await app.firstWindow();
    await page.getByRole('button', { name: /open the demo/i }).click();
    await expect(page.getByText('Demo workspace').first()).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
    await expect(page.getByRole('status', { name: 'Tasks shown' })).toHaveText(/^[1-9][\d,]* tasks$/, {
      timeout: 30_000,
    });
    await expect(page.getByRole('grid', { name: 'Tasks' }).getByRole('row').nth(1)).toBeVisible();
  });
});
