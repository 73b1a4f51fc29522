// Offline review, end to end: Chromium against the web host, signed in (token in the real
// Secret Service: run inside test/support/with-keyring.sh, as npm test does) against the sandbox
// as its own process (`npm run sandbox`). Sync a space, stop the sandbox, reload: the list,
// search and details still work from the cache, the offline notice shows and the Agents page
// lists its agents; restart the app (web host) still offline: the profile reopens offline with
// its space, and the agents and the task list show;
// start the sandbox again on the same port: the app notices by itself.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible } from './accessibility.ts';
import {
  agentNames,
  agentRows,
  expect,
  recordPageProblems,
  spawnWebHost,
  test,
  type WebHost,
} from './fixtures.ts';
import { signIn, startSandboxProcess, type SandboxProcess } from './fixtures-auth.ts';

// Both runs of the sandbox must serve the same data (same seed and "now").
const EPOCH = String(Date.UTC(2026, 0, 15, 12));

test('a synced space stays readable offline, and the app recovers by itself when the server is back', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const problems = recordPageProblems(page);
  const dataDir = await mkdtemp(join(tmpdir(), 'unpod-e2e-offline-'));
  // Task pages answer slowly on the first run, so a sync takes long enough to watch it run.
  let sandbox: SandboxProcess | null = await startSandboxProcess(0, [
    '--epoch',
    EPOCH,
    '--faults',
    'latency:400@GET~/tasks/',
  ]);
  const sandbox0 = sandbox.info;
  const port = Number(new URL(sandbox.info.baseUrl).port);
  let host: WebHost | null = null;
  try {
    host = await spawnWebHost(dataDir);
    await page.goto(host.url);
    await signIn(page, sandbox.info, 'Offline check');
    // signIn ends on the Agents page; its list must stay readable offline too.
    await expect(agentRows(page).first()).toBeVisible();
    const agents = await agentNames(page);
    await page.getByRole('combobox', { name: 'Space' }).selectOption(sandbox.info.spaceToken);

    // The Tasks page downloads the space the first time it is opened; Sync now does it again.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Tasks' }).click();
    const grid = page.getByRole('grid', { name: 'Tasks' });
    const shown = page.getByRole('status', { name: 'Tasks shown' });
    await expect(shown).toHaveText(/^\d[\d,]* tasks$/, { timeout: 30_000 });
    await expect(page.getByText('Last updated just now')).toBeVisible();
    const sync = page.getByRole('button', { name: 'Sync now' });
    const progress = page.getByRole('progressbar', { name: 'Sync progress' });
    await expect(progress).toHaveCount(0);
    await expect(sync).not.toHaveAttribute('aria-disabled', 'true');
    await sync.click();
    // A full sync runs (its progress shows, and the button waits for it), then finishes.
    await expect(page.getByRole('status').filter({ hasText: /^Syncing…/ })).toBeVisible();
    await expect(progress).toBeVisible();
    await expect(sync).toHaveAttribute('aria-disabled', 'true');
    await expectAccessible(page, 'a sync in progress');
    await expect(progress).toHaveCount(0, { timeout: 30_000 });
    await expect(sync).not.toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByText('Last updated just now')).toBeVisible();
    await expect(page.getByText(/^The last sync failed/)).toHaveCount(0);
    const totalText = (await shown.textContent())!;
    const firstRow = grid.getByRole('row').nth(1);
    const firstName = (await firstRow.getByRole('gridcell').first().innerText()).trim();

    // The platform goes away; the supervisor reloads the page.
    await sandbox.stop();
    sandbox = null;
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /^Offline: showing data saved (just now|\d+ minutes? ago)$/ }),
    ).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Offline/);

    // The list, the counts, search and the detail all work from the saved copy.
    await expect(shown).toHaveText(totalText);
    await expect(grid.getByRole('row').nth(1).getByRole('gridcell').first()).toHaveText(firstName);
    await expect(page.getByRole('checkbox', { name: /^Completed/ })).toBeVisible();
    await expectAccessible(page, 'the task list offline');

    await grid.getByRole('row').nth(1).click();
    await expect(page.getByRole('heading', { level: 2, name: firstName })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Contact' })).toBeVisible();

    const search = page.getByLabel('Search tasks');
    await search.fill(firstName);
    // One task or several, in the grammar of its count.
    await expect(shown).toHaveText(/^(1 task matches|\d[\d,]* tasks match) the filters$/);
    // The matched words are <mark> elements (role "mark"), checked through the accessibility tree.
    await expect(grid.getByRole('row').nth(1)).toMatchAriaSnapshot(`
      - mark
    `);
    // The last word as the search tokenizer sees it ("O'Brien" is the words O and Brien).
    const lastName = firstName
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .at(-1)!;
    await expect(grid).toMatchAriaSnapshot(`
      - mark: /${lastName}/
    `);
    await search.fill('');
    await expect(shown).toHaveText(totalText);

    // The Agents page lists the agents seen before the platform went away.
    await nav.getByRole('link', { name: 'Agents' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
    await expect(agentRows(page)).toHaveCount(agents.length);
    await expect(agentRows(page).getByRole('rowheader', { name: agents[0], exact: true })).toBeVisible();
    await expectAccessible(page, 'the Agents page offline');

    // The app itself restarts (same data folder) while the platform is still away: the profile
    // reopens offline with its organization and space, and the saved list shows.
    await host.stop();
    host = await spawnWebHost(dataDir);
    await page.goto(host.url);
    await expect(page.getByRole('button', { name: 'Profile: Offline check' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Offline/);
    await expect(page.getByRole('combobox', { name: 'Space' })).toHaveValue(sandbox0.spaceToken);
    await nav.getByRole('link', { name: 'Agents' }).click();
    await expect(agentRows(page)).toHaveCount(agents.length);
    await nav.getByRole('link', { name: 'Tasks' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /^Offline: showing data saved (just now|\d+ minutes? ago)$/ }),
    ).toBeVisible({ timeout: 30_000 });
    await expect(shown).toHaveText(totalText);
    await expect(grid.getByRole('row').nth(1).getByRole('gridcell').first()).toHaveText(firstName);
    await grid.getByRole('row').nth(1).click();
    await expect(page.getByRole('heading', { level: 2, name: firstName })).toBeVisible();
    await expectAccessible(page, 'the detail of a task after an offline restart');

    // The platform comes back on the same address: the app notices without a click.
    sandbox = await startSandboxProcess(port, ['--epoch', EPOCH]);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Online/, { timeout: 45_000 });
    await expect(page.getByText(/^Offline:/)).toHaveCount(0);
    await expect(page.getByText(/^Last updated (just now|\d+ minutes? ago)$/)).toBeVisible({
      timeout: 15_000,
    });
  } finally {
    await host?.stop();
    await sandbox?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  expect(problems, 'uncaught errors or CSP violations in the page').toEqual([]);
});
