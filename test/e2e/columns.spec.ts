// Resizing the task list's columns: with the keyboard on a column's edge (a separator) or by
// dragging it, and the widths are still there after the app restarts (the web host on the same
// data folder: main keeps them in preferences.json, not the browser).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures-auth.ts';
import { grid, openTasks } from './tasks-page.ts';

const widthOf = async (locator: Locator) => (await locator.boundingBox())?.width ?? NaN;
const valueOf = async (separator: Locator) => Number(await separator.getAttribute('aria-valuenow'));

/** The widths main saved, once the app has written them (it waits for a pause in resizing). */
async function savedWidths(dataDir: string): Promise<unknown> {
  try {
    const file = JSON.parse(await readFile(join(dataDir, 'preferences.json'), 'utf8')) as {
      preferences?: { taskColumnWidths?: unknown };
    };
    return file.preferences?.taskColumnWidths ?? null;
  } catch {
    return null;
  }
}

test('columns resize with the keyboard and the mouse, and keep their widths after a restart', async ({
  page,
  launch,
  dataDir,
}) => {
  await launch({ args: ['--demo'] });
  await openTasks(page);
  const list = grid(page);
  const created = list.getByRole('columnheader', { name: 'Created' });
  const createdEdge = page.getByRole('separator', { name: 'Resize Created column' });
  await expect(createdEdge).toHaveAttribute('aria-orientation', 'vertical');

  // Keyboard: → makes the column 10 px wider each time.
  const createdBefore = await valueOf(createdEdge);
  expect(Math.round(await widthOf(created))).toBe(createdBefore);
  await createdEdge.focus();
  for (let presses = 0; presses < 3; presses++) await page.keyboard.press('ArrowRight');
  await expect(createdEdge).toHaveAttribute('aria-valuenow', String(createdBefore + 30));
  await expect.poll(async () => Math.round(await widthOf(created))).toBe(createdBefore + 30);
  // The arrows resized the column; they did not move through the list.
  await expect(list.getByRole('row', { selected: true })).toHaveCount(0);

  // Mouse: drag the Name column's edge 40 px to the right.
  const name = list.getByRole('columnheader', { name: 'Name' });
  const nameEdge = page.getByRole('separator', { name: 'Resize Name column' });
  const nameBefore = await valueOf(nameEdge);
  const edge = (await nameEdge.boundingBox())!;
  const y = edge.y + edge.height / 2;
  await page.mouse.move(edge.x + edge.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2 + 20, y, { steps: 4 });
  await page.mouse.move(edge.x + edge.width / 2 + 40, y, { steps: 4 });
  await page.mouse.up();
  await expect(nameEdge).toHaveAttribute('aria-valuenow', String(nameBefore + 40));
  await expect.poll(async () => Math.round(await widthOf(name))).toBe(nameBefore + 40);
  // The drag did not sort by name.
  await expect(name).toHaveAttribute('aria-sort', 'none');

  // The app saved both widths; a restart shows them again.
  await expect
    .poll(() => savedWidths(dataDir))
    .toEqual({ created: createdBefore + 30, name: nameBefore + 40 });
  await launch({ args: ['--demo'] });
  await openTasks(page);
  await expect(page.getByRole('separator', { name: 'Resize Created column' })).toHaveAttribute(
    'aria-valuenow',
    String(createdBefore + 30),
  );
  await expect(page.getByRole('separator', { name: 'Resize Name column' })).toHaveAttribute(
    'aria-valuenow',
    String(nameBefore + 40),
  );
  await expect.poll(async () => Math.round(await widthOf(created))).toBe(createdBefore + 30);

  // Enter gives the Created column back its own width (and the app forgets the one set).
  await page.getByRole('separator', { name: 'Resize Created column' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => savedWidths(dataDir)).toEqual({ name: nameBefore + 40 });
});
