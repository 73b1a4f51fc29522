// The Tasks page of an open workspace, as the layout and column specs reach it.
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export const grid = (page: Page) => page.getByRole('grid', { name: 'Tasks' });

/** The list's task rows (the header row excluded). */
export const bodyRows = (page: Page) => grid(page).getByRole('rowgroup').nth(1).getByRole('row');

/** The column headers' accessible names, in order (their text is styled in capitals). */
export async function columnNames(page: Page): Promise<string[]> {
  const head = grid(page).getByRole('rowgroup').first();
  return [...(await head.ariaSnapshot()).matchAll(/- columnheader "([^"]*)"/g)].map((m) => m[1]!);
}

/** Goes to Tasks and waits until the space's tasks are downloaded and the first ones show. */
export async function openTasks(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Tasks shown' })).toHaveText(/^\d[\d,]* tasks$/, {
    timeout: 30_000,
  });
  await expect(page.getByText('Last updated just now')).toBeVisible();
  await expect(bodyRows(page).first()).not.toContainText('Loading…');
}
