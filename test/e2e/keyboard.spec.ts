// The main flow with the keyboard alone: Tab, Shift+Tab, Enter, arrow keys and typing.
import { expectAccessible } from './accessibility.ts';
import { agentNames, agentRows, expect, optionLabels, selectedLabel, tabTo, test } from './fixtures.ts';

test('keyboard only: open the demo, switch the space, filter the agents', async ({ app }) => {
  const keyboard = app.keyboard;

  await tabTo(app, app.getByRole('button', { name: 'Open the demo workspace' }));
  await keyboard.press('Enter');
  // Focus lands on the heading of the page the workspace opens on.
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeFocused();

  // Switch the space with the arrow keys.
  const space = app.getByRole('combobox', { name: 'Space' });
  await tabTo(app, space, 'Shift+Tab');
  const options = await optionLabels(space);
  const before = await selectedLabel(space);
  const index = options.indexOf(before);
  const after = options[index < options.length - 1 ? index + 1 : index - 1]!;
  await keyboard.press(index < options.length - 1 ? 'ArrowDown' : 'ArrowUp');
  await expect.poll(() => selectedLabel(space)).toBe(after);

  // The Spaces page agrees.
  await tabTo(app, app.getByRole('link', { name: 'Spaces' }));
  await keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Spaces' })).toBeFocused();
  await expect(app.getByRole('table', { name: 'Spaces' }).getByRole('row', { name: after })).toContainText(
    'Current space',
  );
  await expectAccessible(app, 'the Spaces page of the demo');

  // Back to Agents (Shift+Tab from the heading reaches the navigation), then filter.
  await tabTo(app, app.getByRole('link', { name: 'Agents' }), 'Shift+Tab');
  await keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Agents' })).toBeFocused();
  const total = await agentRows(app).count();

  const type = app.getByRole('combobox', { name: 'Type' });
  await tabTo(app, type);
  await keyboard.press('ArrowDown');
  await expect.poll(() => selectedLabel(type)).not.toBe('All types');
  await expect(app.getByRole('status', { name: 'Agents shown' })).toHaveText(
    new RegExp(`^Showing \\d+ of ${total} agents$`),
  );

  const [name] = await agentNames(app);
  await tabTo(app, app.getByRole('searchbox', { name: 'Search agents' }));
  await keyboard.type(name!);
  await expect(agentRows(app)).toHaveCount(1);
  await expect(agentRows(app).getByRole('rowheader')).toHaveText(name!);

  // Clear the filters from the keyboard too.
  await tabTo(app, app.getByRole('button', { name: 'Clear filters' }));
  await keyboard.press('Enter');
  await expect(agentRows(app)).toHaveCount(total);
});

test('the skip link is the first Tab stop and moves focus to the main content', async ({ app }) => {
  await tabTo(app, app.getByRole('button', { name: 'Open the demo workspace' }));
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeFocused();
  await tabTo(app, app.getByRole('link', { name: 'Agents' }), 'Shift+Tab');
  await app.keyboard.press('Enter');
  await expect(agentRows(app).first()).toBeVisible();

  await app.reload();
  await expect(agentRows(app).first()).toBeVisible();
  await app.keyboard.press('Tab');
  const skip = app.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await expectAccessible(app, 'the skip link in view');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('main')).toBeFocused();
  // The next Tab stop is inside the page, past the top bar and navigation.
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Refresh' })).toBeFocused();
});

test('keyboard only: switch the organization, and its agents replace the others', async ({ app }) => {
  const keyboard = app.keyboard;
  await tabTo(app, app.getByRole('button', { name: 'Open the demo workspace' }));
  await keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeFocused();
  await tabTo(app, app.getByRole('link', { name: 'Agents' }), 'Shift+Tab');
  await keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Agents' })).toBeFocused();
  await expect(agentRows(app).first()).toBeVisible();
  const agentsBefore = await agentNames(app);

  // The organization picker is in the top bar, before the heading: Shift+Tab reaches it.
  const organization = app.getByRole('combobox', { name: 'Organization' });
  await tabTo(app, organization, 'Shift+Tab');
  const options = await optionLabels(organization);
  expect(options.length, 'the demo has a second organization').toBeGreaterThan(1);
  const before = await selectedLabel(organization);
  const index = options.indexOf(before);
  const after = options[index < options.length - 1 ? index + 1 : index - 1]!;
  await keyboard.press(index < options.length - 1 ? 'ArrowDown' : 'ArrowUp');

  await expect.poll(() => selectedLabel(organization)).toBe(after);
  await expect(app.getByRole('main')).toContainText(`The agents (“pilots”) of ${after}`);
  await expect.poll(() => agentNames(app)).not.toEqual(agentsBefore);
  const agentsAfter = await agentNames(app);
  expect(agentsAfter.length).toBeGreaterThan(0);
  expect(agentsAfter.some((name) => agentsBefore.includes(name))).toBe(false);
  // Focus stays on the picker, so the keyboard user can switch straight back.
  await expect(organization).toBeFocused();
  await keyboard.press(index < options.length - 1 ? 'ArrowUp' : 'ArrowDown');
  await expect.poll(() => selectedLabel(organization)).toBe(before);
  await expect.poll(() => agentNames(app)).toEqual(agentsBefore);
});
