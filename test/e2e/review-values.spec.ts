// The numbers and values of the review screens as a supervisor in India (en-US, Asia/Kolkata;
// the web host itself runs in the machine's zone) reads them: the overview's call definitions,
// dates through the one locale formatter, costs by one rule, structured data in words, and a CSV
// export that says the same as the screen.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, openDemo, test } from './fixtures.ts';

// A wide window, so the list shows every column these checks read (narrower ones leave some out).
test.use({ locale: 'en-US', timezoneId: 'Asia/Kolkata', viewport: { width: 1920, height: 1080 } });

const ZONE = 'Asia/Kolkata';
const grid = (app: Page) => app.getByRole('grid', { name: 'Tasks' });
const tasksShown = (app: Page) => app.getByRole('status', { name: 'Tasks shown' });
const count = (text: string) => Number(text.replace(/[^\d]/g, '') || 'NaN');

async function openTasks(app: Page) {
  await openDemo(app);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
  await expect(tasksShown(app)).toHaveText(/^\d[\d,]* tasks$/, { timeout: 30_000 });
  await expect(app.getByText('Last updated just now')).toBeVisible();
}

/** The figures of the overview's Totals, by their term: { "Calls placed": "339", … }. */
async function totals(app: Page): Promise<Record<string, string>> {
  const snapshot = await app.getByLabel('Totals').ariaSnapshot();
  const pairs = [...snapshot.matchAll(/- term: (.+)\n\s*- definition: (.+)/g)];
  return Object.fromEntries(pairs.map((m) => [m[1]!.trim(), m[2]!.trim().replace(/^"|"$/g, '')]));
}

/** A field of the task detail, by its term, e.g. "Preferred time" in the Structured data region. */
async function detailField(app: Page, region: string, term: string): Promise<string | null> {
  const snapshot = await app.getByRole('region', { name: region }).ariaSnapshot();
  for (const m of snapshot.matchAll(/- term: (.+)\n\s*- definition: (.+)/g)) {
    if (m[1]!.trim() === term) return m[2]!.trim().replace(/^"|"$/g, '');
  }
  return null;
}

test('the overview counts placed and connected calls apart, with their definitions and local days', async ({
  app,
}) => {
  await openTasks(app);
  await app.getByRole('tab', { name: 'Overview' }).click();
  const byStatus = app
    .getByRole('figure', { name: 'Calls by status' })
    .getByRole('table', { name: 'Calls by status' });
  await expect(byStatus.getByRole('row').nth(1)).toBeAttached();
  const statusCount = async (label: string) => {
    const row = byStatus.getByRole('row', { name: new RegExp(`^${label} \\d`) });
    return (await row.count()) === 0 ? 0 : Number(await row.getByRole('cell').innerText());
  };
  const ended =
    (await statusCount('Completed')) +
    (await statusCount('Partially completed')) +
    (await statusCount('Failed'));
  const failed = await statusCount('Failed');

  const t = await totals(app);
  expect(count(t['Calls placed']!)).toBe(ended);
  const connected = count(t['Connected calls']!);
  // The demo's failed calls never connected (0 s): they are placed, not connected.
  expect(failed).toBeGreaterThan(0);
  expect(connected).toBeLessThanOrEqual(ended - failed);
  expect(t['Connect rate']).toBe(
    new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(connected / ended),
  );
  expect(t['Total cost']).toMatch(/^\$[\d,]+\.\d{2}$/);
  // The definitions are on screen, under the figures.
  const panel = app.getByLabel('Totals');
  await expect(panel).toContainText('Dialled and ended: completed, partially completed, or failed');
  await expect(panel).toContainText('Placed calls with talk time (over 0 s)');
  await expect(panel).toContainText('Per connected call');

  // Days read like every other date ("Nov 4, 2026"), never "4/11".
  const days = await app
    .getByRole('figure', { name: 'Calls per day' })
    .getByRole('table', { name: 'Calls per day' })
    .getByRole('rowheader')
    .allInnerTexts();
  expect(days.length).toBeGreaterThan(0);
  for (const day of days) expect(day).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
});

test('the detail shows structured data times in local time, booleans as Yes/No, a 3-decimal cost', async ({
  app,
}) => {
  await openTasks(app);
  await app.getByRole('checkbox', { name: /^Call Back/ }).check();
  await expect(tasksShown(app)).toHaveText(/match the filters/);
  await grid(app).getByRole('row').nth(1).click();
  await expect(app.getByRole('region', { name: 'Structured data' })).toBeVisible();

  // The sandbox's "preferred_time" is the call-back time, written in UTC without a zone.
  const callBack = await detailField(app, 'Outcome', 'Call back');
  expect(callBack).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} [AP]M$/);
  expect(await detailField(app, 'Structured data', 'Preferred time')).toBe(callBack);
  expect(await detailField(app, 'Structured data', 'Callback requested')).toBe('Yes');
  expect(['Yes', 'No']).toContain(await detailField(app, 'Structured data', 'Interested'));
  expect(await detailField(app, 'Outcome', 'Cost')).toMatch(/^\$\d+\.\d{3}$/);
});

test('the CSV export says what the screen says and goes back into a CRM', async ({ app }) => {
  await openTasks(app);
  // The first row as the list shows it.
  const cells = (await grid(app).getByRole('row').nth(1).getByRole('gridcell').allInnerTexts()).map((c) =>
    c.trim(),
  );
  const headerSnapshot = await grid(app).getByRole('rowgroup').first().ariaSnapshot();
  const headers = [...headerSnapshot.matchAll(/- columnheader "([^"]*)"/g)].map((m) => m[1]!);
  const shown = (header: string) => cells[headers.indexOf(header)]!;

  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const text = (await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '');
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  expect(rows).toHaveLength(count(await tasksShown(app).innerText()));
  const first = rows[0]!;

  // Numbers unchanged (no formula quote), as the list shows them.
  expect(first['Contact number']).toMatch(/^\+\d{8,15}$/);
  expect(first['Contact number']).toBe(shown('Number'));
  expect(rows.every((r) => r['Contact number'] === '' || r['Contact number']!.startsWith('+'))).toBe(true);
  // The agent by name (as in the list) and by handle.
  expect(first.Agent).toBe(shown('Agent'));
  expect(first['Agent handle']).toMatch(/^[a-z0-9-]+$/);
  expect(first.Agent).not.toBe(first['Agent handle']);
  // The status as on screen.
  expect(first.Status).toBe(shown('Status'));
  expect(rows.some((r) => r.Status === 'Completed')).toBe(true);
  expect(rows.some((r) => /_/.test(r.Status!))).toBe(false);
  // The time in the user's zone with its offset: the same instant and local time as the list.
  expect(first.Created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/);
  const local = new Intl.DateTimeFormat('en-US', {
    timeZone: ZONE,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(first.Created!));
  expect(local).toBe(shown('Created'));
  // Per-call costs by the list's rule, without the currency sign.
  const withCost = rows.filter((r) => r['Cost (USD)'] !== '');
  expect(withCost.length).toBeGreaterThan(0);
  for (const r of withCost) expect(r['Cost (USD)']).toMatch(/^\d+\.\d{3}$/);
  if (first['Cost (USD)'] !== '') expect(`$${first['Cost (USD)']}`).toBe(shown('Cost'));
});
