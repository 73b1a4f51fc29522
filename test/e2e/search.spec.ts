// The task search in the demo workspace (Chromium against the web host), the way a supervisor
// uses it: a number as written on a note (last digits, national format with punctuation), a
// pasted paragraph, stray symbols, a single letter, and the count line's grammar.
import type { Page } from '@playwright/test';
import { expect, openDemo, test } from './fixtures.ts';

// A wide window, so the list shows every column these checks read (narrower ones leave some out).
test.use({ viewport: { width: 1920, height: 1080 } });

const LIMIT = 200; // the search box's maxLength (SEARCH_MAX_LENGTH)

const grid = (app: Page) => app.getByRole('grid', { name: 'Tasks' });
const bodyRows = (app: Page) => grid(app).getByRole('rowgroup').nth(1).getByRole('row');
const shown = (app: Page) => app.getByRole('status', { name: 'Tasks shown' });
const searchBox = (app: Page) => app.getByRole('searchbox', { name: 'Search tasks' });

async function openTasks(app: Page): Promise<number> {
  await openDemo(app);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  // The demo space is downloaded the first time the page opens.
  await expect(shown(app)).toHaveText(/^\d[\d,]* tasks$/, { timeout: 30_000 });
  await expect(app.getByText('Last updated just now')).toBeVisible();
  return Number((await shown(app).innerText()).replace(/\D/g, ''));
}

/** The name and number of the first listed task whose number is North American (+1 NXX NXX XXXX). */
async function firstUsTask(app: Page): Promise<{ name: string; digits: string }> {
  await expect(bodyRows(app).first()).toBeVisible();
  for (const row of await bodyRows(app).all()) {
    const cells = row.getByRole('gridcell');
    const number = (await cells.nth(1).innerText()).trim();
    const match = /^\+1(\d{10})$/.exec(number.replace(/[^\d+]/g, ''));
    if (match) return { name: (await cells.first().innerText()).trim(), digits: match[1]! };
  }
  throw new Error('no task with a +1 number among the first rows of the demo');
}

test('finds a task by the last digits of its number and by the number in national format', async ({
  app,
}) => {
  await openTasks(app);
  const { name, digits } = await firstUsTask(app);
  const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  const row = bodyRows(app).filter({ hasText: name });

  // The last four digits, as written on a note: the task is listed, its digits marked.
  await searchBox(app).fill(line);
  await expect(shown(app)).toHaveText(/match(es)? the filters$/);
  await expect(row.first()).toBeVisible();
  await expect(row.first().getByRole('gridcell').nth(1)).toMatchAriaSnapshot(`- mark: "${line}"`);

  for (const written of [
    `(${area}) ${exchange}-${line}`,
    `${area}-${exchange}-${line}`,
    `${area} ${exchange} ${line}`,
    `+1${digits}`,
    `1${digits}`,
  ]) {
    await searchBox(app).fill(written);
    await expect(shown(app), written).toHaveText(/match(es)? the filters$/);
    await expect(row.first(), written).toBeVisible();
    await expect(row.first().getByRole('gridcell').nth(1), written).toMatchAriaSnapshot(
      `- mark: "${area}${exchange}${line}"`,
    );
  }

  // The whole number picks out this one task, and the line says so in the singular.
  await searchBox(app).fill(`+1 (${area}) ${exchange}-${line}`);
  await expect(shown(app)).toHaveText('1 task matches the filters');
  await expect(bodyRows(app)).toHaveCount(1);
  await expect(row).toHaveCount(1);
});

test('a 600-character paste is cut to the limit with a message, and the list recovers', async ({ app }) => {
  await openTasks(app);
  const paragraph = 'Customer asked about the renewal price and wants a call back next week. '.repeat(9);
  expect(paragraph.length).toBeGreaterThan(600);
  await app.evaluate((text) => navigator.clipboard.writeText(text), paragraph);
  await searchBox(app).focus();
  await app.keyboard.press('ControlOrMeta+V');

  await expect(searchBox(app)).toHaveValue(paragraph.slice(0, LIMIT));
  await expect(searchBox(app)).toHaveAccessibleDescription(
    `A search can have at most ${LIMIT} characters: the rest was cut off.`,
  );
  // The list is never left reading: the cut search gets its answer.
  await expect(shown(app)).toHaveText(/^\d[\d,]* tasks? match(es)? the filters$/);

  await searchBox(app).fill('afternoon');
  await expect(shown(app)).toHaveText(/^\d[\d,]* tasks? match(es)? the filters$/);
  await expect(searchBox(app)).toHaveAccessibleDescription('');
  await expect(grid(app)).toMatchAriaSnapshot(`- mark: /[Aa]fternoon/`);
});

test('a search refused by the app says why instead of reading forever, and changing it recovers', async ({
  app,
}) => {
  const total = await openTasks(app);
  // Whatever the box allows, a caller could still send a longer search (an older page, a bug):
  // with the box's limit taken away, the over-long text reaches the app and is refused there.
  await searchBox(app).evaluate((input) => input.removeAttribute('maxlength'));
  await searchBox(app).fill('renewal '.repeat(80));
  await expect(shown(app)).toHaveText('No tasks shown: these filters cannot be used.');
  await expect(searchBox(app)).toHaveAccessibleDescription(
    `This search is 640 characters long; a search can have at most ${LIMIT}. Shorten it to see the tasks.`,
  );
  // No Retry that would only repeat the refused query.
  await expect(app.getByRole('button', { name: 'Retry' })).toHaveCount(0);

  await searchBox(app).fill('');
  await expect(shown(app)).toHaveText(`${total.toLocaleString('en-US')} tasks`);
  await expect(bodyRows(app).first()).toBeVisible();
});

test('a search without letters or digits says so, and one letter does not empty the list', async ({
  app,
}) => {
  const total = await openTasks(app);
  const all = `${total.toLocaleString('en-US')} tasks`;

  for (const typed of ['%%', '*', '_', '🙂', '* % _']) {
    await searchBox(app).fill(typed);
    await expect(searchBox(app), typed).toHaveAccessibleDescription(
      `No searchable words in “${typed}”, so the search is ignored: showing all tasks.`,
    );
    await expect(shown(app), typed).toHaveText(all);
  }

  // One letter is not searched yet: the list stays whole instead of flashing "0 tasks match".
  await searchBox(app).fill('r');
  await expect(searchBox(app)).toHaveAccessibleDescription(
    'Type at least 2 letters or digits to search: showing all tasks.',
  );
  await expect(shown(app)).toHaveText(all);
  await expect(bodyRows(app).first()).toBeVisible();

  // With another filter on, the note says which tasks are shown.
  await app.getByRole('checkbox', { name: /^Completed/ }).check();
  await searchBox(app).fill('%%');
  await expect(searchBox(app)).toHaveAccessibleDescription(
    'No searchable words in “%%”, so the search is ignored: showing all tasks that match the other filters.',
  );
  await expect(shown(app)).toHaveText(/^\d[\d,]* tasks match the filters$/);
});
