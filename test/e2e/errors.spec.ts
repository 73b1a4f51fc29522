// A request that fails shows a readable message with Retry, never a blank screen.
// The web host has no switch to inject platform faults, so this stops the host itself: the
// bridge's requests then fail like a lost connection to the main process would.
import { agentRows, expect, openDemo, test } from './fixtures.ts';

test('when the host stops answering, the agents page says so readably and offers Retry', async ({
  app,
  webHost,
}) => {
  await openDemo(app);
  const shown = await agentRows(app).count();
  await webHost.stop();

  await app.getByRole('button', { name: 'Refresh' }).click();

  const alert = app.getByRole('alert');
  await expect(alert).toContainText('Could not load the agents');
  await expect(alert).toContainText('not reachable');
  await expect(alert).not.toContainText(/\bat \S+:\d+|Error:|undefined|\[object/);
  const retry = alert.getByRole('button', { name: 'Retry' });
  await expect(retry).toBeVisible();

  // Retrying while the host is still gone keeps the message (and the list already shown).
  await retry.click();
  await expect(alert).toContainText('Could not load the agents');
  await expect(app.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
  await expect(agentRows(app)).toHaveCount(shown);
});
