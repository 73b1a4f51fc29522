// The review screen at a small (1024×700) and a large (1920×1080) window, measured the way a user
// looks at it: element boxes against the window. The top bar is one line, no column header is
// cut off, nothing scrolls sideways, a task shows as the page opens, and while reviewing with j
// the selected task and its detail are both in the window. In the small window the filters start
// folded behind a "Filters" button that says how many are on.
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './accessibility.ts';
import { expect, openDemo, tabTo, test } from './fixtures.ts';
import { bodyRows, columnNames, grid, openTasks } from './tasks-page.ts';

interface Size {
  width: number;
  height: number;
}

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box, `${locator.toString()} is laid out`).not.toBeNull();
  return box!;
}

/** Fails unless the whole of the element's box is inside the window. */
async function expectInWindow(locator: Locator, size: Size, what: string) {
  const box = await boxOf(locator);
  const edges = {
    top: Math.round(box.y),
    left: Math.round(box.x),
    bottom: Math.round(box.y + box.height),
    right: Math.round(box.x + box.width),
  };
  expect(
    edges.top >= 0 && edges.left >= 0 && edges.bottom <= size.height && edges.right <= size.width,
    `${what} at ${JSON.stringify(edges)} is inside the ${size.width}×${size.height} window`,
  ).toBe(true);
}

/** Whether the element's content is wider than the element (cut off, or scrolling sideways). */
const overflowsSideways = (locator: Locator) =>
  locator.evaluate((element) => element.scrollWidth > element.clientWidth);

const ALL_COLUMNS = ['Name', 'Number', 'Status', 'Outcome', 'Labels', 'Duration', 'Cost', 'Created', 'Agent'];

const sizes: { size: Size; columns: (names: string[]) => void; filtersOpen: boolean }[] = [
  {
    size: { width: 1024, height: 700 },
    // Fewer columns, the most telling ones.
    columns: (names) => expect(names.slice(0, 3)).toEqual(['Name', 'Status', 'Created']),
    filtersOpen: false,
  },
  {
    size: { width: 1920, height: 1080 },
    columns: (names) => expect(names).toEqual(ALL_COLUMNS),
    filtersOpen: true,
  },
];

for (const { size, columns, filtersOpen } of sizes) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('one-line top bar, whole column headers, a task on screen as the page opens, no sideways scrolling', async ({
      app,
    }) => {
      await openDemo(app);
      // The top bar's parts share one line.
      const parts = [
        app.getByRole('combobox', { name: 'Organization' }),
        app.getByRole('combobox', { name: 'Space' }),
        app.getByRole('button', { name: /^Profile: / }),
        app.getByRole('status', { name: 'Connection' }),
        app.getByRole('button', { name: 'Leave workspace' }),
      ];
      const boxes = await Promise.all(parts.map(boxOf));
      const lowestTop = Math.max(...boxes.map((b) => b.y));
      const highestBottom = Math.min(...boxes.map((b) => b.y + b.height));
      expect(lowestTop, 'every part of the top bar starts above where the others end').toBeLessThan(
        highestBottom,
      );

      await openTasks(app);
      const list = grid(app);
      // A task is on screen without scrolling anything.
      await expectInWindow(bodyRows(app).first(), size, 'the first task');

      columns(await columnNames(app));
      for (const header of await list.getByRole('columnheader').all()) {
        expect(await overflowsSideways(header), `the "${await header.innerText()}" header is cut off`).toBe(
          false,
        );
      }
      // The dates and statuses of the tasks on screen show whole (no "Dec 3, 2026, 04:…").
      for (const row of (await bodyRows(app).all()).slice(0, 5)) {
        for (const cell of (await row.getByRole('gridcell').all()).slice(0, 3)) {
          expect(await overflowsSideways(cell), `"${await cell.innerText()}" is cut off`).toBe(false);
        }
      }

      expect(await overflowsSideways(list), 'the list scrolls sideways').toBe(false);
      expect(await overflowsSideways(app.getByRole('main')), 'the page scrolls sideways').toBe(false);

      // The filters start folded in the small window, open in the large one.
      const toggle = app.getByRole('button', { name: /^Filters/ });
      await expect(toggle).toHaveAttribute('aria-expanded', String(filtersOpen));
      await expect(app.getByRole('group', { name: 'Status' })).toBeVisible({ visible: filtersOpen });
      await expectAccessible(app, `the task list at ${size.width}×${size.height}`);
    });

    test('reviewing with j: the selected task and its detail stay in the window', async ({ app }) => {
      await openDemo(app);
      await openTasks(app);
      const list = grid(app);

      // From the search box, the list is one Tab and Enter away.
      await app.getByLabel('Search tasks').focus();
      await app.keyboard.press('Tab');
      const jump = app.getByRole('link', { name: 'Jump to list' });
      await expect(jump).toBeFocused();
      await expectInWindow(jump, size, 'the focused "Jump to list" link');
      await app.keyboard.press('Enter');
      await expect(list).toBeFocused();

      for (let presses = 1; presses <= 12; presses++) await app.keyboard.press('j');
      const selected = list.getByRole('row', { selected: true });
      await expect(selected).toHaveAttribute('aria-rowindex', '13');
      const name = (await selected.getByRole('gridcell').first().innerText()).trim();
      const heading = name.startsWith('—') ? 'Unnamed contact' : name;
      const detail = app.getByRole('complementary', { name: heading });
      await expect(detail.getByRole('heading', { level: 2, name: heading })).toBeVisible();
      await expectInWindow(selected, size, 'the selected task');
      await expectInWindow(detail, size, 'the detail of the selected task');
      await expect(list).toBeFocused();
      await expectAccessible(app, `the detail of a task at ${size.width}×${size.height}`);

      // The detail is longer than its panel, which scrolls on its own: the keyboard reaches it
      // (the next Tab stop after the list's headers) and scrolls it.
      expect(await detail.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
      await tabTo(app, detail);
      await app.keyboard.press('End');
      await expect.poll(() => detail.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    });
  });
}

test.describe('at 1024×700', () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  test('the folded filters open with the "Filters" button, which counts the filters on', async ({ app }) => {
    await openDemo(app);
    await openTasks(app);
    const toggle = app.getByRole('button', { name: 'Filters', exact: true });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(app.getByRole('combobox', { name: 'Type' })).toBeHidden();

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await app.getByRole('checkbox', { name: /^Completed/ }).check();
    await app.getByRole('checkbox', { name: /^Failed/ }).check();
    await expect(app.getByRole('status', { name: 'Tasks shown' })).toHaveText(/match the filters/);
    const counted = app.getByRole('button', { name: 'Filters 2 active' });
    await expect(counted).toBeVisible();
    await expect(counted).toContainText('2');
    await expectAccessible(app, 'the filters open at 1024×700');

    // Folded again: the count stays in view, and so does a task.
    await counted.click();
    await expect(counted).toHaveAttribute('aria-expanded', 'false');
    await expect(app.getByRole('group', { name: 'Status' })).toBeHidden();
    await expectInWindow(bodyRows(app).first(), { width: 1024, height: 700 }, 'the first task');
  });
});

/** The first shown cell of the column named `header` whose text is cut off, or null. */
async function clippedCellIn(page: Page, header: string): Promise<Locator | null> {
  const index = (await columnNames(page)).indexOf(header);
  expect(index, `a "${header}" column`).toBeGreaterThanOrEqual(0);
  for (const row of await bodyRows(page).all()) {
    const cell = row.getByRole('gridcell').nth(index);
    if (await overflowsSideways(cell)) return cell;
  }
  return null;
}

test('a cut-off cell shows its whole text under the pointer and under the keyboard', async ({ app }) => {
  await openDemo(app);
  await openTasks(app);
  // The narrowest Name column cuts the longer names off.
  await app.getByRole('separator', { name: 'Resize Name column' }).focus();
  await app.keyboard.press('Home');
  const cell = await clippedCellIn(app, 'Name');
  expect(cell, 'a name cut off in the narrowest Name column').not.toBeNull();
  const fullName = (await cell!.innerText()).trim();

  const tooltip = app.getByRole('tooltip');
  await cell!.scrollIntoViewIfNeeded();
  await cell!.hover();
  await expect(tooltip).toHaveText(fullName);
  await expect(tooltip).toBeVisible();
  expect(await overflowsSideways(tooltip), 'the tooltip itself is cut off').toBe(false);
  await app.getByRole('heading', { level: 1, name: 'Tasks' }).hover();
  await expect(tooltip).toHaveCount(0);

  // The keyboard: select the task, then → to its name.
  await cell!.click();
  const list = grid(app);
  await expect(list).toBeFocused();
  await app.getByRole('heading', { level: 1, name: 'Tasks' }).hover();
  await expect(tooltip).toHaveCount(0);
  await app.keyboard.press('ArrowRight');
  const activeId = await list.getAttribute('aria-activedescendant');
  await expect(app.locator(`[id="${activeId}"]`)).toHaveRole('gridcell');
  await expect(app.locator(`[id="${activeId}"]`)).toHaveText(fullName);
  await expect(tooltip).toHaveText(fullName);
  await expectAccessible(app, 'a cut-off cell with its tooltip');
  await app.keyboard.press('Escape');
  await expect(tooltip).toHaveCount(0);
  // ← goes back to the task as a whole.
  await app.keyboard.press('ArrowLeft');
  await expect(list).toHaveAttribute('aria-activedescendant', /^task-row-\d+$/);
});
