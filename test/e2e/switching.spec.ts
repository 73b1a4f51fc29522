// Switching the organization and the space: the pickers and the content follow.
import { agentNames, expect, openDemo, optionLabels, selectedLabel, test } from './fixtures.ts';

const placeholders = ['', 'Loading…', 'Choose a space', 'No spaces', 'Spaces unavailable'];

test('switching the organization changes its agents and spaces; then a space can be chosen', async ({
  app,
}) => {
  await openDemo(app);
  const organization = app.getByRole('combobox', { name: 'Organization' });
  const space = app.getByRole('combobox', { name: 'Space' });
  const first = await selectedLabel(organization);
  const other = (await optionLabels(organization)).find((label) => label !== first);
  expect(other, 'the demo has a second organization').toBeDefined();
  const agentsBefore = await agentNames(app);
  const spacesBefore = (await optionLabels(space)).filter((label) => !placeholders.includes(label));

  await organization.selectOption({ label: other! });

  await expect.poll(() => selectedLabel(organization)).toBe(other);
  await expect(app.getByRole('main')).toContainText(`The agents (“pilots”) of ${other}`);
  await expect.poll(() => agentNames(app)).not.toEqual(agentsBefore);
  expect((await agentNames(app)).length).toBeGreaterThan(0);

  // The other organization's spaces replace the first one's; none is current yet.
  await expect
    .poll(async () => (await optionLabels(space)).filter((label) => !placeholders.includes(label)).length)
    .toBeGreaterThan(0);
  const spacesNow = (await optionLabels(space)).filter((label) => !placeholders.includes(label));
  expect(spacesNow.some((label) => spacesBefore.includes(label))).toBe(false);

  await space.selectOption({ label: spacesNow[0]! });
  await expect.poll(() => selectedLabel(space)).toBe(spacesNow[0]);

  // Back to the first organization: its agents come back.
  await organization.selectOption({ label: first });
  await expect.poll(() => agentNames(app)).toEqual(agentsBefore);
});

test('choosing a space on the Spaces page makes it current, and the space picker follows', async ({
  app,
}) => {
  await openDemo(app);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Spaces' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Spaces' })).toBeVisible();

  const table = app.getByRole('table', { name: 'Spaces' });
  const picker = app.getByRole('combobox', { name: 'Space' });
  const current = await selectedLabel(picker);
  await expect(table.getByRole('row', { name: current })).toContainText('Current space');
  // Name, type and privacy for every space.
  await expect(table.getByRole('columnheader')).toHaveText(['Name', 'Type', 'Privacy', 'Current space']);
  for (const row of await table.getByRole('rowgroup').nth(1).getByRole('row').all()) {
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^(Shared|Private|—not set)$/);
  }

  const makeCurrent = app.getByRole('button', { name: /^Make current/ });
  const row = table.getByRole('row').filter({ has: makeCurrent }).first();
  const target = (await row.getByRole('rowheader').innerText()).split('\n')[0]!.trim();
  await row.getByRole('button', { name: /^Make current/ }).click();

  await expect(table.getByRole('row', { name: target })).toContainText('Current space');
  await expect.poll(() => selectedLabel(picker)).toBe(target);
  await expect(table.getByRole('row', { name: current })).toContainText('Make current');
  await expect(
    table.getByRole('rowgroup').nth(1).getByRole('row').filter({ hasText: 'Current space' }),
  ).toHaveCount(1);
});
