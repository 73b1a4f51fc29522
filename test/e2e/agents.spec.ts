// The agents list: filters, the shown/total count and copying a handle.
import { agentColumn, agentNames, agentRows, expect, openDemo, optionLabels, test } from './fixtures.ts';

test('filters agents by type, by state and by text', async ({ app }) => {
  await openDemo(app);
  const total = await agentRows(app).count();
  const count = app.getByRole('status', { name: 'Agents shown' });

  // Every agent has exactly one type: the per-type lists add up to the whole list.
  const type = app.getByRole('combobox', { name: 'Type' });
  const types = (await optionLabels(type)).filter((label) => label !== 'All types');
  expect(types.length).toBeGreaterThan(0);
  let sum = 0;
  for (const label of types) {
    await type.selectOption({ label });
    const shown = await agentColumn(app, 'Type');
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set([label]));
    await expect(count).toHaveText(`Showing ${shown.length} of ${total} agents`);
    sum += shown.length;
  }
  expect(sum).toBe(total);
  await type.selectOption({ label: 'All types' });
  await expect(agentRows(app)).toHaveCount(total);

  const state = app.getByRole('combobox', { name: 'State' });
  const states = (await optionLabels(state)).filter((label) => label !== 'All states');
  sum = 0;
  for (const label of states) {
    await state.selectOption({ label });
    const shown = await agentColumn(app, 'State');
    expect(new Set(shown)).toEqual(new Set([label]));
    sum += shown.length;
  }
  expect(sum).toBe(total);
  await state.selectOption({ label: 'All states' });

  // Text: part of one agent's name finds it; nonsense finds nothing and says so.
  const [firstName] = await agentNames(app);
  const search = app.getByRole('searchbox', { name: 'Search agents' });
  const fragment = firstName!.split(/\s+/)[0]!.toLowerCase();
  await search.fill(fragment);
  await expect(agentRows(app).getByRole('rowheader', { name: firstName })).toBeVisible();
  for (const name of await agentNames(app)) {
    expect(name.toLowerCase()).toContain(fragment);
  }
  await search.fill('no agent is called this');
  await expect(count).toHaveText(`Showing 0 of ${total} agents`);
  await expect(app.getByRole('table', { name: 'Agents' })).toHaveCount(0);

  await app.getByRole('button', { name: 'Clear filters' }).click();
  await expect(search).toHaveValue('');
  await expect(agentRows(app)).toHaveCount(total);
});

test('"Copy handle" puts the handle on the clipboard and says "Copied"', async ({ app }) => {
  await openDemo(app);
  const row = agentRows(app).first();
  const name = await row.getByRole('rowheader').innerText();
  const handle = (await row.getByRole('cell').first().innerText()).split(/\s+/)[0]!;

  const button = row.getByRole('button', { name: `Copy handle of ${name}` });
  await button.click();
  await expect(row.getByRole('button', { name: `Copied handle of ${name}` })).toBeVisible();
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe(handle);
  // The feedback is temporary.
  await expect(button).toBeVisible({ timeout: 5_000 });
});
