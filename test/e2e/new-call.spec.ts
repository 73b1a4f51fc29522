// "New call" in the demo workspace: one lead typed by hand, its problems said beside their
// fields, then created once through the journal; it shows in the Import page's history and, with
// "Show these calls", in the task list filtered to it.
import type { Page } from '@playwright/test';
import { expectAccessible } from './accessibility.ts';
import { expect, test } from './fixtures.ts';
import { bodyRows } from './tasks-page.ts';

async function openImport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open the demo workspace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
}

test('New call: problems beside their fields, then one call created and listed', async ({ app }) => {
  await openImport(app);
  await app.getByRole('button', { name: 'New call' }).click();
  const dialog = app.getByRole('dialog', { name: 'New call' });
  await expect(dialog).toBeVisible();

  // Nothing filled in: each required field says what it needs, and the first takes focus.
  await dialog.getByRole('button', { name: 'Create call' }).click();
  const name = dialog.getByRole('textbox', { name: 'Name' });
  await expect(name).toHaveAccessibleDescription('Enter the name of the person to call.');
  await expect(name).toBeFocused();
  await expect(dialog.getByRole('textbox', { name: 'Phone number' })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('combobox', { name: 'Agent' })).toHaveAccessibleDescription(
    'Choose the agent that makes the call.',
  );
  await expect(dialog.getByRole('textbox', { name: 'What the call is about' })).toHaveAccessibleDescription(
    /Write what the call is about\./,
  );

  // Drafts and chat agents are listed but cannot be chosen.
  const agent = dialog.getByRole('combobox', { name: 'Agent' });
  await expect(agent.getByRole('option', { name: /Lead Qualifier v2 \(draft\) \(a draft:/ })).toBeDisabled();
  await expect(agent.getByRole('option', { name: /Website Concierge \(a chat agent/ })).toBeDisabled();

  // A number the platform cannot call: main's message shows beside the number.
  await name.fill('Asha Verma');
  await dialog.getByRole('textbox', { name: 'Phone number' }).fill('12');
  await agent.selectOption({ label: 'Aria - Sales Outreach' });
  await dialog
    .getByRole('textbox', { name: 'What the call is about' })
    .fill('Follow up on the demo request.');
  await expectAccessible(app, 'the New call dialog');
  await dialog.getByRole('button', { name: 'Create call' }).click();
  const number = dialog.getByRole('textbox', { name: 'Phone number' });
  await expect(number).toHaveAccessibleDescription(/“12”/);
  await expect(number).toBeFocused();

  // A custom time in the past is refused before anything is sent, with the zone beside it.
  await number.fill('+91 98765 43210');
  await dialog.getByRole('radio', { name: 'At a date and time' }).check();
  const when = dialog.getByLabel('Date and time', { exact: true });
  await when.fill('2020-01-01T09:00');
  await expect(dialog.getByText(/^Time zone: /)).toBeVisible();
  await dialog.getByRole('button', { name: 'Create call' }).click();
  await expect(when).toHaveAccessibleDescription(/Choose a time in the future\./);
  await dialog.getByRole('radio', { name: 'Now' }).check();

  await dialog.getByRole('button', { name: 'Create call' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(app.getByRole('status').filter({ hasText: 'Call to Asha Verma sent' })).toBeVisible();

  // The history lists it; once Unpod has it, "Show these calls" lists exactly that call.
  const history = app.getByRole('table', { name: 'Past imports' });
  const row = history.getByRole('row', { name: /New call/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(2)).toHaveText('1', { timeout: 30_000 });
  await row.getByRole('button', { name: 'Show these calls' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(app.getByText(/Showing the calls of the import of New call/)).toBeVisible();
  await expect(bodyRows(app)).toHaveCount(1, { timeout: 30_000 });
  await expect(bodyRows(app).first()).toContainText('Asha Verma');
  await expectAccessible(app, 'the task list filtered to one import');
  await app.getByRole('button', { name: 'Show all calls' }).click();
  await expect.poll(() => bodyRows(app).count()).toBeGreaterThan(1);
});
