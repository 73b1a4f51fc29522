// The built Electron app, end to end: it starts, the renderer gets window.unpod (and nothing
// else from Node), and the demo opens with its agents. Each test launches its own app.
import type { UnpodApi } from '../../src-main/ipc/contract.ts';
import { channelNames } from '../../src-main/ipc/api.ts';
import { APP_PAGE, electronSkipReason, expect, test } from './fixtures.ts';

if (electronSkipReason) console.log(`electron e2e skipped: ${electronSkipReason}`);

test.describe('Electron app', () => {
  test.skip(electronSkipReason !== null, `electron e2e skipped: ${electronSkipReason}`);

  test('the window is sandboxed: no Node in the page, only the contract API', async ({ appWindow: page }) => {
    expect(page.url()).toMatch(APP_PAGE);
    const exposed = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const api = w.unpod as Record<string, unknown>;
      return {
        require: typeof w.require,
        process: typeof w.process,
        areas: Object.keys(api).sort(),
        invoke: typeof api.invoke,
        ipcRenderer: typeof w.ipcRenderer,
      };
    });
    // Every area of the contract (auth, profiles, tasks, sync, …) plus on(), and nothing else.
    const contractAreas = [...new Set(channelNames.map((name) => name.split('.')[0]!)), 'on'].sort();
    expect(exposed).toEqual({
      require: 'undefined',
      process: 'undefined',
      areas: contractAreas,
      invoke: 'undefined',
      ipcRenderer: 'undefined',
    });
    const info = await page.evaluate(() => (window as unknown as { unpod: UnpodApi }).unpod.app.getInfo());
    expect(info).toMatchObject({ ok: true, data: { host: 'electron' } });
  });

  test('opening the demo shows its agents', async ({ appWindow: page }) => {
    await page.getByRole('button', { name: /open the demo/i }).click();
    await expect(page.getByText('Demo workspace').first()).toBeVisible();
    // The names the demo serves, asked through the same API the screen uses.
    const agents = await page.evaluate(() => (window as unknown as { unpod: UnpodApi }).unpod.agents.list());
    if (!agents.ok) throw new Error(agents.error.message);
    expect(agents.data.length).toBeGreaterThan(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
    await expect(page.getByText(agents.data[0]!.name, { exact: true }).first()).toBeVisible();
  });
});
