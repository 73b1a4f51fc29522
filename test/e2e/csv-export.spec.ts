// The CSV export's progress on the Tasks page: main streams the file to a one-time download
// address; while the browser has not fetched it (held here by the test) the page shows how many
// rows are on their way with Cancel export, which stops it; the next export downloads.
import { readFile } from 'node:fs/promises';
import { expectAccessible } from './accessibility.ts';
import { expect, openDemo, test } from './fixtures.ts';
import { openTasks } from './tasks-page.ts';

test('an export shows its progress and can be cancelled; the next one downloads', async ({ app }) => {
  await openDemo(app);
  await openTasks(app);
  const shown = Number(
    (await app.getByRole('status', { name: 'Tasks shown' }).innerText()).replace(/[^\d]/g, ''),
  );

  // The page's download link is held (its click swallowed), as if the browser had not started
  // fetching the file yet: main's export waits for it.
  await app.evaluate(() => {
    const click = HTMLAnchorElement.prototype.click;
    const page = window as unknown as { heldExport?: string; releaseClicks?: () => void };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (new URL(this.href).pathname.startsWith('/export/')) page.heldExport = this.href;
      else click.call(this);
    };
    page.releaseClicks = () => {
      HTMLAnchorElement.prototype.click = click;
    };
  });
  await app.getByRole('button', { name: 'Export CSV' }).click();
  await expect(app.getByRole('button', { name: 'Exporting…' })).toBeVisible();
  await expect(app.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await expect(app.getByText(`Preparing ${shown.toLocaleString('en-US')} rows…`)).toBeVisible();
  await expectAccessible(app, 'an export in progress');

  await app.getByRole('button', { name: 'Cancel export' }).click();
  await expect(app.getByRole('progressbar', { name: 'Export progress' })).toBeHidden();
  await expect(app.getByRole('button', { name: 'Export CSV' })).toBeVisible();
  // Its address no longer answers.
  const status = await app.evaluate(async () => {
    const page = window as unknown as { heldExport?: string; releaseClicks?: () => void };
    page.releaseClicks?.();
    return (await fetch(page.heldExport ?? '/export/none')).status;
  });
  expect(status).toBe(404);

  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const lines = (await readFile((await file.path())!, 'utf8')).split('\r\n');
  expect(lines).toHaveLength(shown + 1);
  await expect(app.getByRole('progressbar', { name: 'Export progress' })).toBeHidden();
});
