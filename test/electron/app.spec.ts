// The built Electron app, end to end: it starts, the renderer gets window.unpod (and nothing
// else from Node), the demo opens, its agents appear, and the page cannot navigate away.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { channelNames } from '../../src-main/ipc/api.ts';
import type { UnpodApi } from '../../src-main/ipc/contract.ts';
import { findElectronBinary, missingDisplay } from './electron-binary.ts';

const mainEntry = resolve(import.meta.dirname, '../../out/main/index.js');
const binary = findElectronBinary();
const skipReason = 'missing' in binary ? binary.missing : missingDisplay();
if (skipReason) console.log(`electron e2e skipped: ${skipReason}`);

test.describe('Electron app', () => {
  test.skip(skipReason !== null, `electron e2e skipped: ${skipReason}`);
  // One app launch for the whole file; the tests build on each other (the demo is opened once).
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    if (!existsSync(mainEntry)) throw new Error(`${mainEntry} is missing: run npm run build first`);
    // Own data folder: a fresh welcome screen, and no clash with a running copy of the app
    // (the single-instance lock is per data folder).
    userData = mkdtempSync(join(tmpdir(), 'unpod-electron-e2e-'));
    app = await electron.launch({
      executablePath: 'path' in binary ? binary.path : undefined,
      args: [mainEntry],
      env: { ...process.env, UNPOD_DESK_USER_DATA: userData, ELECTRON_ENABLE_LOGGING: '1' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('the window is sandboxed: no Node in the page, only the contract API', async () => {
    const exposed = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const api = w.unpod as Record<string, unknown>;
      return {
        require: typeof w.require,
        process: typeof w.process,
        areas: Object.keys(api).sort(),
        invoke: typeof api.invoke,
        ipcRenderer: typeof w.ipcRenderer,
      };
    });
    // Every area of the contract (auth, profiles, tasks, sync, …) plus on(), and nothing else.
    const contractAreas = [...new Set(channelNames.map((name) => name.split('.')[0]!)), 'on'].sort();
    expect(exposed).toEqual({
      require: 'undefined',
      process: 'undefined',
      areas: contractAreas,
      invoke: 'undefined',
      ipcRenderer: 'undefined',
    });
    const info = await page.evaluate(() => (window as unknown as { unpod: UnpodApi }).unpod.app.getInfo());
    expect(info).toMatchObject({ ok: true, data: { host: 'electron' } });
  });

  test('opening the demo shows its agents', async () => {
    await page.getByRole('button', { name: /open the demo/i }).click();
    await expect(page.getByText('Demo workspace').first()).toBeVisible();
    // The names the demo serves, asked through the same API the screen uses.
    const agents = await page.evaluate(() => (window as unknown as { unpod: UnpodApi }).unpod.agents.list());
    if (!agents.ok) throw new Error(agents.error.message);
    expect(agents.data.length).toBeGreaterThan(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
    await expect(page.getByText(agents.data[0]!.name, { exact: true }).first()).toBeVisible();
  });

  test('the page cannot navigate away or open windows', async () => {
    const before = page.url();
    expect(before).toMatch(/^unpod-desk:\/\/app\//);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.evaluate(() => window.open('file:///etc/passwd'));
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
  });
});
