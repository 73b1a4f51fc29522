// The built Electron app cannot be navigated away from its own page (electron/harden.ts): an
// https link meant for a new window goes to the system browser (shell.openExternal, stubbed
// here), every other window.open is dropped, and neither a navigation nor a redirect replaces
// the app. Each test launches its own app.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { APP_PAGE, electronSkipReason, expect, stubOpenExternal, test } from './fixtures.ts';

if (electronSkipReason) console.log(`electron e2e skipped: ${electronSkipReason}`);

/** Puts a link in the page and clicks it, as a user would (no wait for a navigation). */
async function clickLink(page: Page, href: string, target: string): Promise<void> {
  await page.evaluate(
    ({ href, target }) => {
      const link = document.createElement('a');
      link.href = href;
      link.target = target;
      link.textContent = 'Planted link';
      document.body.append(link);
    },
    { href, target },
  );
  await page.getByRole('link', { name: 'Planted link' }).click({ noWaitAfter: true });
}

/** Waits long enough for a navigation or a new window that would have happened. */
const settle = (page: Page) => page.waitForTimeout(500);

test.describe('Electron navigation guards', () => {
  test.skip(electronSkipReason !== null, `electron e2e skipped: ${electronSkipReason}`);

  test('an https link for a new window opens in the system browser, and the app stays', async ({
    electronApp,
    appWindow: page,
  }) => {
    const opened = await stubOpenExternal(electronApp);
    const before = page.url();
    expect(before).toMatch(APP_PAGE);

    await clickLink(page, 'https://example.com/help?topic=tasks', '_blank');
    await expect.poll(opened).toEqual(['https://example.com/help?topic=tasks']);

    await page.evaluate(() => window.open('https://unpod.dev/docs'));
    await expect.poll(opened).toEqual(['https://example.com/help?topic=tasks', 'https://unpod.dev/docs']);

    await settle(page);
    expect(page.url()).toBe(before);
    expect(electronApp.windows()).toHaveLength(1);
  });

  test('window.open of anything but a plain https address opens nothing at all', async ({
    electronApp,
    appWindow: page,
  }) => {
    const opened = await stubOpenExternal(electronApp);
    const before = page.url();
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<h1>hi</h1>',
      'unpod-desk://app/index.html',
      'https://user:secret@example.com/',
    ]) {
      await page.evaluate((u) => window.open(u), url);
    }
    await clickLink(page, 'file:///etc/passwd', '_blank');
    await settle(page);
    expect(await opened()).toEqual([]);
    expect(page.url()).toBe(before);
    expect(electronApp.windows()).toHaveLength(1);
  });

  test('the page cannot navigate itself away', async ({ electronApp, appWindow: page }) => {
    const before = page.url();
    expect(before).toMatch(APP_PAGE);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await settle(page);
    expect(page.url()).toBe(before);
    await clickLink(page, 'https://example.com/elsewhere', '');
    await settle(page);
    expect(page.url()).toBe(before);
    await page.evaluate(() => window.open('file:///etc/passwd'));
    await settle(page);
    expect(page.url()).toBe(before);
    expect(electronApp.windows()).toHaveLength(1);
  });

  test('a redirect cannot replace the app with another page', async ({ electronApp, appWindow: page }) => {
    const before = page.url();
    const landed: string[] = [];
    // A server whose first page redirects to a second one, which would show if the redirect went through.
    const server: Server = createServer((req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { Location: '/landing' });
        res.end();
        return;
      }
      landed.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>Not Unpod Desk</title>');
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const { port } = server.address() as AddressInfo;
      // loadURL from the main process skips will-navigate, so only the redirect guard stands in the way.
      // The refused redirect makes loadURL reject (ERR_ABORTED); what counts is where the window is.
      await electronApp.evaluate(async ({ BrowserWindow }, start) => {
        await BrowserWindow.getAllWindows()[0]!
          .loadURL(start)
          .catch(() => undefined);
      }, `http://127.0.0.1:${port}/start`);
      await settle(page);
      expect(landed).toEqual([]);
      expect(page.url()).toBe(before);
      await expect(page).not.toHaveTitle('Not Unpod Desk');
    } finally {
      await new Promise<void>((closed) => server.close(() => closed()));
    }
  });
});
