// The Import page in a small window (1024×700), with a file's preview, the launch options, the
// history and the New call dialog open: nothing scrolls sideways, and the keyboard reaches the
// file chooser, the mapping and Start calls in order.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './accessibility.ts';
import { expect, tabTo, test } from './fixtures.ts';

const fixture = resolve(import.meta.dirname, '../fixtures/imports/ui-campaign.csv');

test.use({ viewport: { width: 1024, height: 700 } });

/** Whether the element's content is wider than the element (cut off, or scrolling sideways). */
const overflowsSideways = (locator: Locator) =>
  locator.evaluate((element) => element.scrollWidth > element.clientWidth + 1);

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  expect(await overflowsSideways(page.locator('html')), `${what}: the window scrolls sideways`).toBe(false);
  expect(await overflowsSideways(page.locator('main')), `${what}: the page scrolls sideways`).toBe(false);
}

test('at 1024×700 the Import page fits the window, and the keyboard reaches every step', async ({ app }) => {
  await app.getByRole('button', { name: 'Open the demo workspace' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'New call' })).toBeVisible();
  await expectNoSidewaysScroll(app, 'the Tasks page with New call');
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();

  // The file chooser is a Tab stop (the drop area is for the mouse).
  const chooser = app.getByLabel('Choose a CSV file');
  await tabTo(app, chooser);
  await chooser.setInputFiles(fixture);
  await expect(app.getByRole('status', { name: 'Import summary' })).toContainText('4 ready');
  await expectNoSidewaysScroll(app, 'the preview');

  // From the mapping, Tab goes on to the launch options and Start calls.
  const notes = app.getByRole('group', { name: 'Columns' }).getByRole('combobox', { name: 'Notes' });
  await notes.focus();
  await app.keyboard.press('ArrowDown'); // a closed select changes with the arrows
  await tabTo(app, app.getByRole('button', { name: 'Start calls' }));
  await app.screenshot({ path: test.info().outputPath('import-1024x700.png'), fullPage: true });

  await app.getByRole('button', { name: 'New call' }).click();
  const dialog = app.getByRole('dialog', { name: 'New call' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();
  expect(await overflowsSideways(dialog), 'the New call dialog scrolls sideways').toBe(false);
  const box = await dialog.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 1024, 'the dialog is inside the window').toBe(true);
  await app.screenshot({ path: test.info().outputPath('new-call-1024x700.png') });
  await expectAccessible(app, 'the New call dialog at 1024×700');
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'New call' })).toBeFocused();
  await expectAccessible(app, 'the preview at 1024×700');

  // Launched: the finished notice and the history with its actions fit as well.
  const launch = app.getByRole('region', { name: 'Launch' });
  await launch.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'Aria - Sales Outreach' });
  await launch.getByRole('textbox', { name: 'Shared context' }).fill('Layout check.');
  await app.getByRole('button', { name: 'Start calls' }).click();
  await expect(app.getByRole('status').filter({ hasText: /finished: 4 calls created/ })).toBeVisible({
    timeout: 30_000,
  });
  const history = app.getByRole('table', { name: 'Past imports' });
  await history.getByRole('button', { name: 'Rows' }).click();
  await expect(app.getByRole('table', { name: 'Rows of ui-campaign.csv' })).toBeVisible();
  await expectNoSidewaysScroll(app, 'the history');
  expect(
    await overflowsSideways(app.locator('.table-scroll').filter({ has: history })),
    'the history table is cut off',
  ).toBe(false);
  await app.screenshot({ path: test.info().outputPath('history-1024x700.png'), fullPage: true });
});

test('the drop area takes a file dropped on it as well', async ({ app }) => {
  await app.getByRole('button', { name: 'Open the demo workspace' }).click();
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  const text = await readFile(fixture, 'utf8');
  await app.getByText('Drop a CSV file here').evaluate((target, content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'dropped-here.csv', { type: 'text/csv' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  }, text);
  await expect(app.getByText('dropped-here.csv', { exact: true })).toBeVisible();
  await expect(app.getByRole('status', { name: 'Import summary' })).toContainText('1 with problems');

  // A workbook is not read as a CSV: the page says what to do, and nothing can be started.
  await app.getByRole('button', { name: 'Choose another file' }).click();
  await app
    .getByLabel('Choose a CSV file')
    .setInputFiles(resolve(import.meta.dirname, '../fixtures/imports/leads.xlsx'));
  const alert = app.getByRole('alert').filter({ hasText: 'This file cannot be imported as it is' });
  await expect(alert).toContainText(/Excel workbook/);
  await expect(app.getByRole('button', { name: 'Start calls' })).toHaveAttribute('aria-disabled', 'true');
  await expectAccessible(app, 'a workbook dropped instead of a CSV');
});
