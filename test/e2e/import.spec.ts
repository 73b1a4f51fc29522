// Importing leads in the demo workspace, in Chromium against the web host: a file dropped (a real
// drop event with a DataTransfer) or chosen, its preview and counts, a changed mapping, the export
// of the rows with problems, the launch, progress with pause and resume, the top bar's indicator,
// the history, and the calls in the task list until they complete.
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './accessibility.ts';
import { expect, test } from './fixtures.ts';
import { bodyRows } from './tasks-page.ts';

const fixture = resolve(import.meta.dirname, '../fixtures/imports/ui-campaign.csv');

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const summary = (page: Page) => page.getByRole('status', { name: 'Import summary' });

async function openDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open the demo workspace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
}

/** Drops a file made in the page, as the operating system's drag and drop hands it over. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ([fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], fileName, { type: 'text/csv' }));
      const target = document.querySelector('main') ?? document.body;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }),
        );
      }
    },
    [name, text] as const,
  );
}

async function launch(page: Page, context: string): Promise<void> {
  const launchSection = page.getByRole('region', { name: 'Launch' });
  await launchSection
    .getByRole('combobox', { name: 'Agent' })
    .selectOption({ label: 'Aria - Sales Outreach' });
  await launchSection.getByRole('textbox', { name: 'Shared context' }).fill(context);
  await page.getByRole('button', { name: 'Start calls' }).click();
}

test('a dropped file: preview, a changed mapping, problem rows exported, launched, listed and completed', async ({
  app,
}) => {
  test.setTimeout(240_000);
  await openDemo(app);

  // Dropped on the Tasks page: Import opens with the file.
  await dropFile(app, 'ui-campaign.csv', await readFile(fixture, 'utf8'));
  await expect(app.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await expect(nav(app).getByRole('link', { name: 'Import' })).toHaveAttribute('aria-current', 'page');
  await expect(app.getByText('ui-campaign.csv', { exact: true })).toBeVisible();

  // 6 rows: one number a spreadsheet turned into 4.47E+11, one repeat of row 2 (skipped).
  await expect(summary(app)).toContainText('6 rows');
  await expect(summary(app)).toContainText('4 ready');
  await expect(summary(app)).toContainText('1 with problems');
  await expect(summary(app)).toContainText('1 duplicate (skipped)');
  const problems = app.getByRole('list', { name: 'Rows with problems' });
  await expect(problems.getByRole('listitem')).toHaveCount(1);
  await expect(problems.getByRole('listitem')).toContainText('Row 5:');
  const duplicates = app.getByRole('list', { name: 'Duplicates' });
  await expect(duplicates.getByRole('listitem')).toHaveText([
    /^Row 6: Asha V\. \(\+919876543210\): Duplicate of row 2: skipped\.$/,
  ]);

  // The first rows exactly as they will be sent: numbers in E.164.
  const firstRows = app.getByRole('table', { name: 'First rows, as they will be sent' });
  await expect(firstRows.getByRole('row', { name: /Asha Verma/ })).toContainText('+919876543210');
  await expect(firstRows.getByRole('row', { name: /Asha Verma/ })).toContainText('Prefers mornings');

  // Mapped from the headers; each column can go elsewhere: Notes not imported, Company kept as an
  // extra field under its own header.
  const mapping = app.getByRole('group', { name: 'Columns' });
  await expect(mapping.getByRole('combobox', { name: 'Mobile' })).toHaveValue('contact_number');
  await expect(mapping.getByRole('combobox', { name: 'Notes' })).toHaveValue('about');
  await mapping.getByRole('combobox', { name: 'Notes' }).selectOption({ label: 'Do not import' });
  await expect(firstRows.getByRole('columnheader', { name: 'About' })).toHaveCount(0);
  await expect(firstRows.getByRole('row', { name: /Asha Verma/ })).not.toContainText('Prefers mornings');
  await mapping.getByRole('combobox', { name: 'Company' }).selectOption({ label: 'Keep as an extra field' });
  await expect(firstRows.getByRole('columnheader', { name: 'Extra fields' })).toBeVisible();
  await expect(firstRows.getByRole('columnheader', { name: 'Company' })).toHaveCount(0);
  await expect(firstRows.getByRole('row', { name: /Asha Verma/ })).toContainText('Company: Acme');
  await expect(summary(app)).toContainText('4 ready');
  await expectAccessible(app, 'the preview of a dropped file');

  // The rows with problems, as a CSV to fix in a spreadsheet, with the reason.
  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export rows with problems' }).click();
  const file = await download;
  const exported = await readFile((await file.path())!, 'utf8');
  expect(exported).toContain('Sunil Rao');
  expect(exported).toMatch(/reason/i);
  expect(exported).not.toContain('Asha Verma');

  // Launch: only agents that can take calls can be chosen.
  const agent = app.getByRole('region', { name: 'Launch' }).getByRole('combobox', { name: 'Agent' });
  await expect(agent.getByRole('option', { name: /Lead Qualifier v2 \(draft\)/ })).toBeDisabled();
  await launch(app, 'Follow up on the webinar sign-up.');

  await expect(
    app.getByRole('status').filter({ hasText: /Import of ui-campaign\.csv finished: 4 calls created/ }),
  ).toBeVisible({
    timeout: 30_000,
  });
  const history = app.getByRole('table', { name: 'Past imports' });
  const row = history.getByRole('row', { name: /ui-campaign\.csv/ });
  await expect(row.getByRole('cell').nth(1)).toHaveText('6');
  await expect(row.getByRole('cell').nth(2)).toHaveText('4');
  await expect(row.getByRole('cell').nth(4)).toHaveText('2');

  // Each row's outcome.
  await row.getByRole('button', { name: 'Rows' }).click();
  const rows = app.getByRole('table', { name: 'Rows of ui-campaign.csv' });
  await expect(rows.getByRole('row', { name: /Kiran Shah/ })).toContainText('Call created');
  await expect(rows.getByRole('row', { name: /^5 Skipped/ })).toContainText('scientific notation');
  await expect(rows.getByRole('row', { name: /Asha V\./ })).toContainText('Skipped');
  await expectAccessible(app, 'the history with one import’s rows');

  // The four calls in the task list, each once, moving on to an end by the re-polling.
  await row.getByRole('button', { name: 'Show these calls' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(bodyRows(app)).toHaveCount(4, { timeout: 30_000 });
  for (const name of ['Asha Verma', 'Ravi Kumar', 'Meera Nair', 'Kiran Shah']) {
    await expect(bodyRows(app).filter({ hasText: name })).toHaveCount(1);
  }
  await expect(bodyRows(app).filter({ hasText: /Pending|Scheduled|In progress/ })).toHaveCount(0, {
    timeout: 180_000,
  });
});

test('a chosen file: progress, pause and resume, and the top bar’s indicator on other pages', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(join(tmpdir(), 'unpod-import-e2e-'));
  try {
    // Enough leads that sending takes a while: 3,000 distinct numbers.
    const lines = ['name,phone'];
    for (let i = 0; i < 3000; i++) lines.push(`Lead ${i},+1415555${String(i).padStart(4, '0')}`);
    const path = join(dir, 'big-campaign.csv');
    await writeFile(path, `${lines.join('\n')}\n`);

    await openDemo(app);
    await nav(app).getByRole('link', { name: 'Import' }).click();
    await app.getByLabel('Choose a CSV file').setInputFiles(path);
    await expect(summary(app)).toContainText('3,000 ready', { timeout: 30_000 });
    await expect(summary(app)).toContainText('0 with problems');
    await launch(app, 'Quarterly check-in.');

    const progress = app.getByRole('region', { name: /^(Sending|Paused): big-campaign\.csv$/ });
    await expect(progress).toBeVisible({ timeout: 30_000 });
    await progress.getByRole('button', { name: 'Pause' }).click();
    await expect(progress.getByRole('heading', { name: 'Paused: big-campaign.csv' })).toBeVisible();
    await expect(progress.getByRole('status')).toContainText('Paused: nothing is sent until you resume.');
    const sentWhilePaused = await progress.getByRole('definition').first().innerText();
    expect(sentWhilePaused).toMatch(/^[\d,]+ of 3,000 sent$/);
    await expectAccessible(app, 'a paused import');

    // On another page the top bar says how far it is, as a link back.
    await nav(app).getByRole('link', { name: 'Tasks' }).click();
    const indicator = app.getByRole('link', { name: /^Import paused: [\d,]+ of 3,000 sent$/ });
    await expect(indicator).toBeVisible();
    await indicator.click();
    await expect(app.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();

    await progress.getByRole('button', { name: 'Resume' }).click();
    await expect(
      app
        .getByRole('status')
        .filter({ hasText: /Import of big-campaign\.csv finished: 3,000 calls created/ }),
    ).toBeVisible({ timeout: 120_000 });
    await expect(progress).toHaveCount(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
