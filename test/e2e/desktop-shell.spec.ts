// The desktop shell's parts that live in the page, in real Chromium against the web host: the
// About section (runtimes, data folder), the notice after main reloaded a crashed window (main
// puts the reason in the address), and a CSV handed to the app on its command line opening the
// Import page with its preview (or why it cannot be read), and what File → New call… and Import
// leads… do on the Import page. (The native menus, window state and crash reload themselves
// are Electron's: test/electron/desktop-shell.spec.ts.)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible } from './accessibility.ts';
import { expect, recordPageProblems, spawnWebHost, test } from './fixtures.ts';

test('Settings → About names the version, the runtime and the data folder', async ({ app }) => {
  await app.getByRole('button', { name: 'Open the demo workspace' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const about = app.getByRole('region', { name: 'About' });
  await expect(about).toContainText(/Unpod Desk \d+\.\d+\.\d+, running in a browser tab \(web host\)\./);
  await expect(about.getByRole('definition').first()).toHaveText(/^\d+\.\d+\.\d+$/);
  await expect(about).toContainText('Node.js');
  // The web host runs under Node: no Electron or Chromium versions to name.
  await expect(about).not.toContainText('Electron');
  await expect(about).toContainText(/Data folder.*unpod-e2e-/s);
  await expectAccessible(app, 'Settings with About');
});

test('after main reloaded a crashed window, the page says what happened, once', async ({ app, webHost }) => {
  await expect(app.getByRole('heading', { level: 1, name: 'Welcome to Unpod Desk' })).toBeVisible();
  // What main loads after render-process-gone: the same page with ?recovered=<reason>.
  const origin = new URL(webHost.url).origin;
  await app.goto(`${origin}/?recovered=oom#/tasks`);
  const notice = app.getByRole('alert').filter({ hasText: 'Unpod Desk reloaded this window' });
  await expect(notice).toContainText('The window’s page ran out of memory, so Unpod Desk reloaded it.');
  await expect(notice).toContainText('Your saved tasks and sign-in are kept');
  // The reason is taken off the address, so reloading again does not repeat the notice.
  await expect.poll(() => new URL(app.url()).search).toBe('');
  await expectAccessible(app, 'the reload notice');

  // It stays while moving into the workspace, until dismissed.
  await app.getByRole('button', { name: 'Open the demo workspace' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);

  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(app.getByText('Unpod Desk reloaded this window')).toHaveCount(0);
});

test('a CSV given on the command line opens the Import page with its preview', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'unpod-e2e-'));
  const csv = join(dataDir, 'March leads.csv');
  await writeFile(csv, 'name,contact_number\nAsha Rao,+14155550100\n');
  const host = await spawnWebHost(dataDir, { args: ['--demo', csv] });
  const problems = recordPageProblems(page);
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }),
    ).toHaveAttribute('aria-current', 'page');
    // Main staged the file it was given: the page shows the file and its preview, nothing sent.
    const leadFile = page.getByRole('region', { name: 'Lead file' });
    await expect(leadFile).toContainText('March leads.csv');
    await expect(page.getByRole('status', { name: 'Import summary' })).toContainText('1 ready');
    await expect(page.getByRole('cell', { name: 'Asha Rao' })).toBeVisible();
    await expectAccessible(page, 'Import with a file opened with the app');

    // Taken once: a reload shows the page without the file being offered again.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
    await expect(leadFile.getByLabel('Choose a CSV file')).toBeAttached();
    await expect(page.getByRole('status', { name: 'Import summary' })).toHaveCount(0);
    expect(problems).toEqual([]);
  } finally {
    await host.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a CSV given on the command line that is gone by then: the Import page says so', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'unpod-e2e-'));
  const csv = join(dataDir, 'Moved leads.csv');
  await writeFile(csv, 'name,contact_number\nAsha Rao,+14155550100\n');
  const host = await spawnWebHost(dataDir, { args: ['--demo', csv] });
  const problems = recordPageProblems(page);
  try {
    // Moved after the app was started with it, before the window took it.
    await rm(csv);
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
    const notice = page.getByRole('alert').filter({ hasText: 'This file cannot be imported' });
    await expect(notice).toContainText('“Moved leads.csv” is no longer there: it was moved or deleted.');
    await expect(page.getByLabel('Choose a CSV file')).toBeAttached();
    await expectAccessible(page, 'Import with a file that could not be staged');
    expect(problems).toEqual([]);
  } finally {
    await host.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('File → New call… and Import leads… act on the Import page', async ({ page, webHost }) => {
  // The web host has no native menus: the test hands the page main's menu.command event on the
  // page's own event stream, as main sends it when a menu item is clicked in the desktop app.
  await page.addInitScript(() => {
    const Native = window.EventSource;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        (window as unknown as { menuEvents: EventSource }).menuEvents = this;
      }
    };
  });
  const problems = recordPageProblems(page);
  const menu = (command: string) =>
    page.evaluate((c) => {
      const source = (window as unknown as { menuEvents: EventSource }).menuEvents;
      source.dispatchEvent(new MessageEvent('menu.command', { data: JSON.stringify({ command: c }) }));
    }, command);
  await page.goto(webHost.url);
  await page.getByRole('button', { name: 'Open the demo workspace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();

  await menu('new-call');
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  const newCall = page.getByRole('dialog', { name: 'New call' });
  await expect(newCall).toBeVisible();
  await newCall.getByRole('button', { name: 'Cancel' }).click();
  await expect(newCall).toHaveCount(0);

  // Import leads… from another page: Import, with its file chooser focused (a page cannot open it
  // without a click in the page; the desktop app shows the system's open dialog).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
  await menu('import-leads');
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await expect(page.getByLabel('Choose a CSV file')).toBeFocused();
  await expectAccessible(page, 'Import after File → Import leads…');

  // With a file shown, its preview stays: Import leads… focuses "Choose another file".
  await page.getByLabel('Choose a CSV file').setInputFiles({
    name: 'June leads.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,contact_number\nAsha Rao,+14155550100\n'),
  });
  await expect(page.getByRole('status', { name: 'Import summary' })).toContainText('1 ready');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await menu('import-leads');
  await expect(page.getByRole('button', { name: 'Choose another file' })).toBeFocused();
  await expect(page.getByRole('status', { name: 'Import summary' })).toContainText('1 ready');
  expect(problems).toEqual([]);
});
