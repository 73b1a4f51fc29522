// The desktop shell in the built Electron app: the native menus' commands reach the window, the
// window's size and place survive a restart, a CSV given on the command line (or to a second
// launch) opens Import with its preview, and a killed renderer comes back with a notice. Each test launches its
// own app (on its own data folder); without the Electron binary or a display they skip and say why.
import type { ElectronApplication, Page } from '@playwright/test';
import type { UnpodApi } from '../../src-main/ipc/contract.ts';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary } from './electron-binary.ts';
import { appFolder, electronSkipReason, expect, freshDataFolder, launchApp, test } from './fixtures.ts';

if (electronSkipReason) console.log(`electron e2e skipped: ${electronSkipReason}`);

/** Clicks a native menu item found by its label, anywhere in the application menu, as the user would. */
async function clickMenu(app: ElectronApplication, label: string): Promise<void> {
  const found = await app.evaluate(({ Menu, BrowserWindow }, wanted) => {
    const search = (items: Electron.MenuItem[]): Electron.MenuItem | null => {
      for (const item of items) {
        if (item.label === wanted) return item;
        const inner = item.submenu ? search(item.submenu.items) : null;
        if (inner) return inner;
      }
      return null;
    };
    const item = search(Menu.getApplicationMenu()?.items ?? []);
    if (!item || !item.enabled) return item ? 'disabled' : 'missing';
    const win = BrowserWindow.getAllWindows()[0];
    item.click(undefined, win, win?.webContents);
    return 'clicked';
  }, label);
  expect(found, `menu item "${label}"`).toBe('clicked');
}

async function menuItemEnabled(app: ElectronApplication, label: string): Promise<boolean | null> {
  return app.evaluate(({ Menu }, wanted) => {
    const search = (items: Electron.MenuItem[]): Electron.MenuItem | null => {
      for (const item of items) {
        if (item.label === wanted) return item;
        const inner = item.submenu ? search(item.submenu.items) : null;
        if (inner) return inner;
      }
      return null;
    };
    return search(Menu.getApplicationMenu()?.items ?? [])?.enabled ?? null;
  }, label);
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

async function openDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open the demo workspace' }).click();
  await expect(heading(page, 'Tasks')).toBeVisible();
}

test.describe('Electron desktop shell', () => {
  test.skip(electronSkipReason !== null, `electron e2e skipped: ${electronSkipReason}`);

  test('the menu’s commands reach the window', async ({ electronApp, appWindow: page }) => {
    // Signed out: the workspace commands are off, the shortcuts list works.
    await expect(heading(page, 'Welcome to Unpod Desk')).toBeVisible();
    expect(await menuItemEnabled(electronApp, 'Agents')).toBe(false);
    await clickMenu(electronApp, 'Keyboard shortcuts');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(shortcuts.getByRole('table', { name: 'Menus' })).toBeVisible();
    await shortcuts.getByRole('button', { name: 'Close' }).click();
    await expect(shortcuts).toHaveCount(0);

    await openDemo(page);
    await expect.poll(() => menuItemEnabled(electronApp, 'Agents')).toBe(true);
    await clickMenu(electronApp, 'Agents');
    await expect(heading(page, 'Agents')).toBeVisible();
    // Export view is for the task list only.
    await expect.poll(() => menuItemEnabled(electronApp, 'Export view…')).toBe(false);
    await clickMenu(electronApp, 'Spaces');
    await expect(heading(page, 'Spaces')).toBeVisible();
    await clickMenu(electronApp, process.platform === 'darwin' ? 'Preferences…' : 'Settings');
    await expect(heading(page, 'Settings')).toBeVisible();
    // Import leads… shows the system's open dialog (answered here: a native dialog cannot be driven
    // from the test) and the chosen file's preview.
    const leadsFolder = freshDataFolder();
    const leads = join(leadsFolder, 'May leads.csv');
    writeFileSync(leads, 'name,contact_number\nAsha Rao,+14155550100\n');
    await electronApp.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = () => Promise.resolve({ canceled: false, filePaths: [path] });
    }, leads);
    await clickMenu(electronApp, 'Import leads…');
    await expect(heading(page, 'Import')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Lead file' })).toContainText('May leads.csv');
    await expect(page.getByRole('status', { name: 'Import summary' })).toContainText('1 ready');
    rmSync(leadsFolder, { recursive: true, force: true });
    // New call… opens the New call dialog.
    await clickMenu(electronApp, 'New call…');
    const newCall = page.getByRole('dialog', { name: 'New call' });
    await expect(newCall).toBeVisible();
    await newCall.getByRole('button', { name: 'Cancel' }).click();
    await expect(newCall).toHaveCount(0);
    await clickMenu(electronApp, 'About Unpod Desk');
    await expect(heading(page, 'Settings')).toBeVisible();
    const about = page.getByRole('region', { name: 'About' });
    await expect(about).toContainText('running as a desktop app');
    await expect(about).toContainText('Electron');
    await expect(about).toContainText('Chromium');
    await expect(page.getByRole('heading', { level: 2, name: 'About' })).toBeFocused();
    await clickMenu(electronApp, 'Tasks');
    await expect(heading(page, 'Tasks')).toBeVisible();
    await expect.poll(() => menuItemEnabled(electronApp, 'Export view…')).toBe(true);
    // Sync now starts a full sync of the list shown: watch the window's own sync.progress events.
    const sync = page.getByRole('region', { name: 'Sync' });
    await expect(sync.getByText(/^Last updated/)).toBeVisible({ timeout: 30_000 });
    await expect(sync.getByRole('progressbar', { name: 'Sync progress' })).toHaveCount(0);
    await page.evaluate(() => {
      const w = window as unknown as { unpod: UnpodApi; syncSeen: string[] };
      w.syncSeen = [];
      w.unpod.on('sync.progress', (status) => w.syncSeen.push(`${status.phase}:${status.mode ?? ''}`));
    });
    // A background refresh may be running at that moment (Sync now is then off): try again.
    const seen = () => page.evaluate(() => (window as unknown as { syncSeen: string[] }).syncSeen);
    await expect(async () => {
      await clickMenu(electronApp, 'Sync now');
      await expect.poll(seen, { timeout: 3_000 }).toContain('running:full');
    }).toPass({ timeout: 30_000 });
  });

  test('the window’s size, place and maximized state survive a restart', async () => {
    const userData = freshDataFolder();
    try {
      let app = await launchApp(userData);
      await app.firstWindow();
      const area = await app.evaluate(({ screen }) => screen.getPrimaryDisplay().workArea);
      test.skip(
        area.width < 1000 || area.height < 720,
        `the display (${area.width}×${area.height}) is smaller than the window's minimum size plus a margin`,
      );
      const wanted = { x: area.x + 40, y: area.y + 30, width: 960, height: 680 };
      await app.evaluate(
        ({ BrowserWindow }, bounds) => BrowserWindow.getAllWindows()[0]!.setBounds(bounds),
        wanted,
      );
      const placed = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()[0]!.getNormalBounds(),
      );
      await app.close();

      app = await launchApp(userData);
      await app.firstWindow();
      const restored = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()[0]!.getNormalBounds(),
      );
      expect(restored).toEqual(placed);

      // Maximized: the next start opens maximized (where the window manager can maximize at all).
      const maximized = await app.evaluate(async ({ BrowserWindow }) => {
        const win = BrowserWindow.getAllWindows()[0]!;
        win.maximize();
        await new Promise((r) => setTimeout(r, 500));
        return win.isMaximized();
      });
      await app.close();
      app = await launchApp(userData);
      await app.firstWindow();
      const again = await app.evaluate(({ BrowserWindow }) => {
        const win = BrowserWindow.getAllWindows()[0]!;
        return { maximized: win.isMaximized(), normal: win.getNormalBounds() };
      });
      expect(again.maximized).toBe(maximized);
      expect(again.normal).toEqual(placed);
      await app.close();
    } finally {
      rmSync(userData, { recursive: true, force: true });
    }
  });

  test('a CSV given on the command line, or to a second launch, opens Import with its preview', async () => {
    const userData = freshDataFolder();
    const first = join(userData, 'March leads.csv');
    const second = join(userData, 'April leads.csv');
    writeFileSync(first, 'name,contact_number\nAsha Rao,+14155550100\n');
    writeFileSync(second, 'name,contact_number\nRavi Iyer,+14155550101\n');
    const app = await launchApp(userData, ['--demo', first]);
    try {
      const page = await app.firstWindow();
      await expect(heading(page, 'Import')).toBeVisible();
      const leadFile = page.getByRole('region', { name: 'Lead file' });
      const summary = page.getByRole('status', { name: 'Import summary' });
      await expect(leadFile).toContainText('March leads.csv');
      await expect(summary).toContainText('1 ready');
      await expect(page.getByRole('cell', { name: 'Asha Rao' })).toBeVisible();

      // A second launch with another file hands it to the running app and exits.
      const binary = findElectronBinary();
      if (!('path' in binary)) throw new Error(binary.missing);
      const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
      const secondLaunch = spawn(binary.path, [...sandboxArgs, appFolder, second], {
        cwd: appFolder,
        env: { ...process.env, UNPOD_DESK_USER_DATA: userData },
        stdio: 'ignore',
      });
      const exitCode = await new Promise<number | null>((done) => secondLaunch.once('exit', done));
      expect(exitCode).toBe(0);
      // The running app shows the second file's preview in place of the first.
      await expect(leadFile).toContainText('April leads.csv');
      await expect(page.getByRole('cell', { name: 'Ravi Iyer' })).toBeVisible();
      await expect(summary).toContainText('1 ready');
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });

  test('a killed renderer comes back, on its page, with a notice that says what happened', async ({
    electronApp,
    appWindow: page,
  }) => {
    await openDemo(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
    await expect(heading(page, 'Agents')).toBeVisible();

    await electronApp.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer(),
    );

    // The same window reloads; find the page showing the notice (Playwright may hand a new Page).
    const noticeShown = async () => {
      for (const win of electronApp.windows()) {
        const notice = win.getByRole('alert').filter({ hasText: 'Unpod Desk reloaded this window' });
        if ((await notice.count().catch(() => 0)) > 0) return win;
      }
      return null;
    };
    await expect.poll(async () => (await noticeShown()) !== null, { timeout: 20_000 }).toBe(true);
    const reloaded = (await noticeShown())!;
    await expect(reloaded.getByRole('alert').filter({ hasText: 'reloaded this window' })).toContainText(
      /The window’s page (crashed|was stopped by the system or another program|stopped unexpectedly), so Unpod Desk reloaded it\./,
    );
    await expect(heading(reloaded, 'Agents')).toBeVisible();
    expect(new URL(reloaded.url()).search).toBe('');
    expect(await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
