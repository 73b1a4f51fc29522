// Opening and leaving the demo workspace, and the app frame around it.
import { expectAccessible } from './accessibility.ts';
import { agentRows, expect, openDemo, selectedLabel, test } from './fixtures.ts';

test('the welcome screen offers the demo and signing in with an API token', async ({ app }) => {
  await expect(app.getByRole('heading', { level: 1, name: 'Welcome to Unpod Desk' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Open the demo workspace' })).toHaveAccessibleDescription(
    /demo data from a local sandbox.*no real calls are placed/i,
  );
  const signIn = app.getByRole('button', { name: 'Sign in with an API token' });
  await expect(signIn).toBeEnabled();
  await expect(signIn).toHaveAccessibleDescription(/API token from your Unpod dashboard/);
});

test('opening the demo shows the demo notice, the frame and the agents; leaving returns to the welcome screen', async ({
  app,
}) => {
  await openDemo(app);

  await expect(app.getByRole('note', { name: 'About the demo workspace' })).toContainText(
    'No real calls are placed',
  );
  await expect(app.getByRole('banner')).toContainText('Demo workspace');
  await expect(app.getByRole('status', { name: 'Connection' })).toHaveText(/Online/);
  await expectAccessible(app, 'the Agents page of the demo');

  // The pickers show the demo's organization and space.
  const organization = app.getByRole('combobox', { name: 'Organization' });
  const space = app.getByRole('combobox', { name: 'Space' });
  expect(await selectedLabel(organization)).not.toBe('');
  await expect.poll(() => selectedLabel(space)).not.toMatch(/^(|Loading…|Choose a space)$/);

  // Navigation: Agents is the current page; every other page opens from the navigation.
  const nav = app.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Agents' })).toHaveAttribute('aria-current', 'page');
  const total = await agentRows(app).count();
  expect(total).toBeGreaterThan(0);
  await expect(app.getByRole('status', { name: 'Agents shown' })).toHaveText(
    `Showing ${total} of ${total} agents`,
  );

  await nav.getByRole('link', { name: 'Tasks' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Tasks' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'Import' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  await expect(app.getByLabel('Choose a CSV file')).toBeAttached();
  await expect(nav.getByRole('link', { name: 'Import' })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(app, 'the Import page');
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(app.getByRole('heading', { level: 2, name: 'Profiles' })).toBeVisible();
  await expectAccessible(app, 'the Settings page of the demo');

  await app.getByRole('button', { name: 'Leave workspace' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Welcome to Unpod Desk' })).toBeVisible();
  await expect(app.getByRole('note', { name: 'About the demo workspace' })).toHaveCount(0);
});

test('the open workspace survives a reload of the page', async ({ app }) => {
  await openDemo(app);
  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
  await expect(agentRows(app).first()).toBeVisible();
});
