// The task review screen in the demo workspace (Chromium against the web host): the list from
// the cache, filters with counts, sorting by a column, keyboard review with the detail following
// the selection, the overview, and the CSV export of the filtered view.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './accessibility.ts';
import { expect, openDemo, tabTo, test } from './fixtures.ts';

const grid = (app: Page) => app.getByRole('grid', { name: 'Tasks' });
const bodyRow = (app: Page, n: number) =>
  grid(app)
    .getByRole('row')
    .nth(n + 1);
const nameOf = async (app: Page, n: number) =>
  (await bodyRow(app, n).getByRole('gridcell').first().innerText()).trim();
/**
 * The count a filter checkbox shows, read from its accessible name ("Completed 1,234"): what a
 * screen reader announces, not a CSS class.
 */
const countIn = (name: string) => Number(/([\d,]+)$/.exec(name)?.[1]?.replace(/,/g, '') ?? 'NaN');
/** The accessible names of the checkboxes in a filter group, from its accessibility tree. */
const checkboxNames = async (group: Locator) =>
  [...(await group.ariaSnapshot()).matchAll(/- checkbox "([^"]*)"/g)].map((m) => m[1]!);
/** The text of one column in the shown rows, the column found by its header's name. */
const columnTexts = async (app: Page, header: string) => {
  // The headers' accessible names, in order (their visible text is styled in capitals).
  const headerRow = grid(app).getByRole('rowgroup').first();
  const headers = [...(await headerRow.ariaSnapshot()).matchAll(/- columnheader "([^"]*)"/g)].map(
    (m) => m[1],
  );
  const index = headers.indexOf(header);
  expect(index, `a "${header}" column`).toBeGreaterThanOrEqual(0);
  const rows = await grid(app).getByRole('rowgroup').nth(1).getByRole('row').all();
  return Promise.all(
    rows.map(async (row) => (await row.getByRole('gridcell').nth(index).innerText()).trim()),
  );
};
const shownCount = async (app: Page) =>
  Number((await app.getByRole('status', { name: 'Tasks shown' }).innerText()).replace(/[^\d]/g, '') || 'NaN');

async function openTasks(app: Page) {
  await openDemo(app);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  // The demo space is downloaded the first time the page opens.
  await expect(app.getByRole('status', { name: 'Tasks shown' })).toHaveText(/^\d[\d,]* tasks$/, {
    timeout: 30_000,
  });
  await expect(app.getByText('Last updated just now')).toBeVisible();
  // The counts beside the filters follow the download: wait until they add up to the list.
  const statusGroup = app.getByRole('group', { name: 'Status' });
  await expect
    .poll(async () => {
      const counts = (await checkboxNames(statusGroup)).map(countIn);
      return counts.length > 0 && counts.reduce((a, b) => a + b, 0) === (await shownCount(app));
    })
    .toBe(true);
}

test('keyboard review: Tab to the list, j/k and arrows move, the detail follows', async ({ app }) => {
  await openTasks(app);
  const list = grid(app);
  await app.getByLabel('Search tasks').focus();
  await tabTo(app, list);
  await expect(list).toBeFocused();

  await app.keyboard.press('j');
  await expect(bodyRow(app, 0)).toHaveAttribute('aria-selected', 'true');
  const first = await nameOf(app, 0);
  const detail = app.getByRole('complementary', { name: first });
  await expect(detail.getByRole('heading', { level: 2, name: first })).toBeVisible();

  await app.keyboard.press('ArrowDown');
  await expect(bodyRow(app, 1)).toHaveAttribute('aria-selected', 'true');
  await expect(bodyRow(app, 0)).toHaveAttribute('aria-selected', 'false');
  const second = await nameOf(app, 1);
  await expect(app.getByRole('heading', { level: 2, name: second })).toBeVisible();
  await expect(list).toHaveAttribute('aria-activedescendant', /task-row-1/);

  await app.keyboard.press('k');
  await expect(bodyRow(app, 0)).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByRole('heading', { level: 2, name: first })).toBeVisible();

  // End jumps to the last task (the list scrolls there and loads its page); Home comes back.
  const total = await shownCount(app);
  await app.keyboard.press('End');
  // The selected row is the last one: its position, as a screen reader announces it, is the last.
  const last = list.getByRole('row', { selected: true });
  await expect(last).toHaveAttribute('aria-rowindex', String(total + 1));
  await expect(list).toHaveAttribute('aria-rowcount', String(total + 1));
  const lastName = (await last.getByRole('gridcell').first().innerText()).trim();
  await expect(app.getByRole('heading', { level: 2, name: lastName })).toBeVisible();
  await app.keyboard.press('Home');
  await expect(bodyRow(app, 0)).toHaveAttribute('aria-selected', 'true');
  await expect(list).toBeFocused();

  // The detail of a finished call: its sections are there to read.
  await app.getByRole('checkbox', { name: /^Completed/ }).check();
  await expect(app.getByRole('status', { name: 'Tasks shown' })).toHaveText(/match the filters/);
  await bodyRow(app, 0).click();
  for (const section of ['Contact', 'Objective and context', 'Outcome', 'Call summary', 'Transcript']) {
    await expect(app.getByRole('region', { name: section })).toBeVisible();
  }
  // Every completed call in the demo has a recording (the sandbox makes one per completed call).
  await expect(app.getByRole('region', { name: 'Outcome' })).toContainText('Available');
  await expectAccessible(app, 'the detail of a completed call');
  await expect(list).toBeFocused();
});

test('filters with counts, sorting by a column, search with marked matches', async ({ app }) => {
  await openTasks(app);
  const total = await shownCount(app);

  // The count beside "Completed" is what the filter then shows.
  const completed = app.getByRole('checkbox', { name: /^Completed/ });
  const [completedName] = (await checkboxNames(app.getByRole('group', { name: 'Status' }))).filter((n) =>
    n.startsWith('Completed'),
  );
  const expected = countIn(completedName!);
  await expect(completed).toHaveAccessibleName(new RegExp(`${expected.toLocaleString('en-US')}$`));
  await completed.check();
  await expect(app.getByRole('status', { name: 'Tasks shown' })).toHaveText(
    `${expected.toLocaleString('en-US')} tasks match the filters`,
  );
  expect(expected).toBeLessThan(total);
  const statuses = await columnTexts(app, 'Status');
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['Completed']));
  await expectAccessible(app, 'the task list filtered by a status');

  // Longest calls first, then shortest.
  const duration = app.getByRole('columnheader', { name: 'Duration' });
  await expect(duration).toHaveAttribute('aria-sort', 'none');
  await duration.getByRole('button').click();
  await expect(duration).toHaveAttribute('aria-sort', 'descending');
  await expect(app.getByRole('columnheader', { name: 'Created' })).toHaveAttribute('aria-sort', 'none');
  const seconds = (text: string) => {
    const parts = text.trim().split(':').map(Number);
    return parts.reduce((acc, p) => acc * 60 + p, 0);
  };
  const firstDurations = async () => (await columnTexts(app, 'Duration')).slice(0, 8).map(seconds);
  await expect
    .poll(async () => {
      const d = await firstDurations();
      return d.length > 0 && d.every((v, i) => i === 0 || d[i - 1]! >= v);
    })
    .toBe(true);
  await duration.getByRole('button').click();
  await expect(duration).toHaveAttribute('aria-sort', 'ascending');
  await expect
    .poll(async () => {
      const d = await firstDurations();
      return d.length > 0 && d.every((v, i) => i === 0 || d[i - 1]! <= v);
    })
    .toBe(true);

  // Search: the rows narrow to the match, the matched words are marked.
  await app.getByRole('button', { name: 'Clear filters' }).click();
  await expect(app.getByRole('status', { name: 'Tasks shown' })).toHaveText(
    `${total.toLocaleString('en-US')} tasks`,
  );
  await app.getByLabel('Search tasks').fill('afternoon');
  await expect(app.getByRole('status', { name: 'Tasks shown' })).toHaveText(/match the filters/);
  // The marks are <mark> elements (role "mark"): matched through the accessibility tree.
  await expect(grid(app)).toMatchAriaSnapshot(`
    - mark: /[Aa]fternoon/
  `);
});

test('exports the filtered view to CSV', async ({ app }) => {
  await openTasks(app);
  await app.getByRole('checkbox', { name: /^Failed/ }).check();
  await expect(app.getByRole('status', { name: 'Tasks shown' })).toHaveText(/match the filters/);
  const count = await shownCount(app);

  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^unpod-tasks-space-.*\.csv$/);
  const text = (await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.split('\r\n').filter((l) => l !== '');
  expect(lines[0]).toMatch(/^Name,Contact number,Email,Company,Status,Outcome,/);
  expect(lines).toHaveLength(count + 1);
  // Statuses read as on screen.
  expect(lines.slice(1).every((l) => l.includes(',Failed,'))).toBe(true);
});

test('the overview shows totals and charts for the space', async ({ app }) => {
  await openTasks(app);
  const total = await shownCount(app);
  await expectAccessible(app, 'the task list');
  await app.getByRole('tab', { name: 'Overview' }).click();
  await expect(app.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  const totals = app.getByRole('list', { name: 'Totals' }).or(app.getByLabel('Totals'));
  await expect(totals).toContainText(`Calls${total.toLocaleString('en-US')}`);
  // The drawn charts are hidden from screen readers; each has a table of its numbers instead.
  for (const chart of ['Calls by status', 'Outcome labels', 'Calls per day']) {
    const figure = app.getByRole('figure', { name: chart });
    await expect(figure).toBeVisible();
    const table = figure.getByRole('table', { name: chart });
    await expect(table.getByRole('row').nth(1)).toBeAttached();
  }
  // The status chart counts every call once.
  const byStatus = app
    .getByRole('figure', { name: 'Calls by status' })
    .getByRole('table', { name: 'Calls by status' });
  const statusCounts = (await byStatus.getByRole('cell').allInnerTexts()).map(Number);
  expect(statusCounts.reduce((a, b) => a + b, 0)).toBe(total);
});
