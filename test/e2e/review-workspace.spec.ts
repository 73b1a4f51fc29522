// The review screens' workspace state, end to end (issue 8): the workspace opens on Tasks (or the
// page last used), agents show by name from the first row (draft agents too), another
// organization shows nothing of the first and gets its own last space back, an inverted date
// range says so, Sync now offline says it cannot sync, the agent list loads again after
// reconnecting, and a refused token shows in the top bar with the way to replace it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  expect,
  optionLabels,
  recordPageProblems,
  selectedLabel,
  spawnWebHost,
  test,
  type WebHost,
} from './fixtures.ts';
import { signIn, startSandboxProcess, type SandboxProcess } from './fixtures-auth.ts';

// Every run of the sandbox in a test serves the same data (same "now").
// A wide window, so the list shows every column these checks read (narrower ones leave some out).
test.use({ viewport: { width: 1920, height: 1080 } });

const EPOCH = String(Date.UTC(2026, 0, 15, 12));

const shown = (page: Page) => page.getByRole('status', { name: 'Tasks shown' });
const grid = (page: Page) => page.getByRole('grid', { name: 'Tasks' });
const shownCount = async (page: Page) => Number((await shown(page).innerText()).replace(/[^\d]/g, ''));
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** The Agent column of the rows on screen. */
async function agentColumn(page: Page): Promise<string[]> {
  const rows = await grid(page).getByRole('rowgroup').nth(1).getByRole('row').all();
  return Promise.all(rows.map(async (row) => (await row.getByRole('gridcell').last().innerText()).trim()));
}

/**
 * Before the app's own script runs: records any agent handle ("space-agent-…") that appears in
 * the task list, its filters or "Show the tasks of", however briefly. The Agents page shows
 * handles on purpose and is not watched.
 */
async function watchForHandles(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { handlesSeen: string[] }).handlesSeen = seen;
    const watched = () =>
      [
        document.querySelector('[role="grid"][aria-label="Tasks"]'),
        document.querySelector('form[aria-label="Filter tasks"]'),
        document.getElementById('task-scope'),
      ].map((element) => element?.textContent ?? '');
    new MutationObserver(() => {
      for (const text of watched()) {
        const handle = /space-agent-[a-z0-9]+/.exec(text);
        if (handle) seen.push(handle[0]);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

const handlesSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { handlesSeen: string[] }).handlesSeen);

async function waitForList(page: Page): Promise<number> {
  await expect(shown(page)).toHaveText(/^\d[\d,]* tasks$/, { timeout: 30_000 });
  await expect(page.getByText('Last updated just now')).toBeVisible({ timeout: 30_000 });
  return shownCount(page);
}

test('the demo opens on Tasks with agent names from the first row; another organization shows nothing of the first, and each gets its last space back', async ({
  page,
  webHost,
}) => {
  test.setTimeout(120_000);
  const problems = recordPageProblems(page);
  await watchForHandles(page);
  await page.goto(webHost.url);
  await page.getByRole('button', { name: 'Open the demo workspace' }).click();

  // The supervisor's page first.
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Tasks' })).toHaveAttribute('aria-current', 'page');
  const organization = page.getByRole('combobox', { name: 'Organization' });
  const space = page.getByRole('combobox', { name: 'Space' });
  const firstOrg = await selectedLabel(organization);
  const firstSpace = await selectedLabel(space);
  const firstTotal = await waitForList(page);
  expect(firstTotal).toBeGreaterThan(0);

  // The draft agent by its name, in the filter and in the column; never a handle.
  const agent = page.getByRole('combobox', { name: 'Agent' });
  // The counts beside the agents follow the sync (the draft agent's calls are not in its first
  // page), so they are waited for, not read once.
  const draftOption = async () =>
    (await optionLabels(agent)).find((label) => label.startsWith('Lead Qualifier v2 (draft) ('));
  await expect
    .poll(draftOption, { message: 'the draft agent by name in the Agent filter', timeout: 15_000 })
    .toBeDefined();
  const draft = await draftOption();
  await agent.selectOption({ label: draft! });
  await expect(shown(page)).toHaveText(/match the filters/);
  await expect
    .poll(async () => new Set(await agentColumn(page)))
    .toEqual(new Set(['Lead Qualifier v2 (draft)']));
  expect(await handlesSeen(page), 'agent handles shown in the task list').toEqual([]);

  // Another organization: no space of it chosen yet, so nothing is listed, counted or exported.
  const otherOrg = (await optionLabels(organization)).find((label) => label !== firstOrg)!;
  await organization.selectOption({ label: otherOrg });
  await expect.poll(() => selectedLabel(organization)).toBe(otherOrg);
  await expect.poll(() => selectedLabel(space)).toBe('Choose a space');
  await expect(page.getByText('Choose a space (or an agent) to see its tasks.')).toBeVisible();
  await expect(grid(page)).toHaveCount(0);
  await expect(shown(page)).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);

  // Its own space: its own calls, overview and export.
  const otherSpace = (await optionLabels(space)).find((label) => label !== 'Choose a space')!;
  await space.selectOption({ label: otherSpace });
  const otherTotal = await waitForList(page);
  expect(otherTotal).not.toBe(firstTotal);
  expect(new Set(await agentColumn(page))).not.toContain('Lead Qualifier v2 (draft)');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  expect(csv.split('\r\n').filter((line) => line !== '')).toHaveLength(otherTotal + 1);
  await page.getByRole('tab', { name: 'Overview' }).click();
  const byStatus = page
    .getByRole('figure', { name: 'Calls by status' })
    .getByRole('table', { name: 'Calls by status' });
  await expect(byStatus.getByRole('row').nth(1)).toBeAttached();
  const statusCounts = (await byStatus.getByRole('cell').allInnerTexts()).map((t) =>
    Number(t.replace(/\D/g, '')),
  );
  expect(statusCounts.reduce((a, b) => a + b, 0)).toBe(otherTotal);
  await page.getByRole('tab', { name: 'Calls' }).click();

  // Back to the first organization: its last space is chosen again, with its list.
  await organization.selectOption({ label: firstOrg });
  await expect.poll(() => selectedLabel(space)).toBe(firstSpace);
  await expect(shown(page)).toHaveText(`${firstTotal.toLocaleString('en-US')} tasks`, { timeout: 30_000 });
  // And the other one's.
  await organization.selectOption({ label: otherOrg });
  await expect.poll(() => selectedLabel(space)).toBe(otherSpace);
  await expect(shown(page)).toHaveText(`${otherTotal.toLocaleString('en-US')} tasks`, { timeout: 30_000 });
  expect(await handlesSeen(page), 'agent handles shown in the task list').toEqual([]);
  expect(problems, 'uncaught errors or CSP violations in the page').toEqual([]);
});

test('a workspace reopens on the page last used in it', async ({ app }) => {
  await app.getByRole('button', { name: 'Open the demo workspace' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await nav(app).getByRole('link', { name: 'Spaces' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Spaces' })).toBeVisible();

  await app.getByRole('button', { name: 'Leave workspace' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Welcome to Unpod Desk' })).toBeVisible();
  await app.getByRole('button', { name: 'Open the demo workspace' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Spaces' })).toBeVisible();
  await expect(nav(app).getByRole('link', { name: 'Spaces' })).toHaveAttribute('aria-current', 'page');
});

test('a date range that ends before it starts says so, and the dates can be swapped', async ({ app }) => {
  await app.getByRole('button', { name: 'Open the demo workspace' }).click();
  await waitForList(app);
  const day = (daysAgo: number) => {
    const d = new Date(Date.now() - daysAgo * 86_400_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  const from = app.getByLabel('Created from');
  const to = app.getByLabel('Created to');
  await from.fill(day(5));
  await to.fill(day(12));

  const hint = app.getByRole('alert').filter({ hasText: 'no task can match these dates' });
  await expect(hint).toContainText('“Created to” is before “Created from”');
  await expect(shown(app)).toHaveText('No tasks: the date range ends before it starts');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(to).toHaveAccessibleDescription(/“Created to” is before “Created from”/);

  await hint.getByRole('button', { name: 'Swap the dates' }).click();
  await expect(from).toHaveValue(day(12));
  await expect(to).toHaveValue(day(5));
  await expect(hint).toHaveCount(0);
  await expect(shown(app)).toHaveText(/^\d[\d,]* tasks? match the filters$/);
  expect(await shownCount(app)).toBeGreaterThan(0);
});

/** A profile signed in to a sandbox process on the Tasks page of its space, with its list downloaded. */
async function signedInOnTasks(page: Page, sandbox: SandboxProcess, dataDir: string): Promise<WebHost> {
  const host = await spawnWebHost(dataDir);
  await page.goto(host.url);
  await signIn(page, sandbox.info, 'Review');
  await page.getByRole('combobox', { name: 'Space' }).selectOption(sandbox.info.spaceToken);
  await nav(page).getByRole('link', { name: 'Tasks' }).click();
  await waitForList(page);
  return host;
}

test('offline, Sync now says it cannot sync; back online, the agent list loads again', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = recordPageProblems(page);
  const dataDir = await mkdtemp(join(tmpdir(), 'unpod-e2e-review-offline-'));
  let sandbox: SandboxProcess | null = await startSandboxProcess(0, ['--epoch', EPOCH]);
  const port = Number(new URL(sandbox.info.baseUrl).port);
  let host: WebHost | null = null;
  try {
    host = await signedInOnTasks(page, sandbox, dataDir);
    const agentLists: number[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/ipc/agents.list') agentLists.push(Date.now());
    });
    const connection = page.getByRole('status', { name: 'Connection' });
    const syncNow = page.getByRole('button', { name: 'Sync now' });

    await sandbox.stop();
    sandbox = null;
    // The first press finds out (the sync fails to connect); the next one is refused with a reason.
    await syncNow.click();
    await expect(connection).toHaveText(/Offline/, { timeout: 20_000 });
    await syncNow.click();
    await expect(page.getByRole('status').filter({ hasText: 'Cannot sync while offline' })).toBeVisible();
    await expect(page.getByRole('progressbar', { name: 'Sync progress' })).toHaveCount(0);

    const listsBefore = agentLists.length;
    sandbox = await startSandboxProcess(port, ['--epoch', EPOCH]);
    await expect(connection).toHaveText(/Online/, { timeout: 45_000 });
    await expect(page.getByText('Cannot sync while offline')).toHaveCount(0);
    await expect.poll(() => agentLists.length, { timeout: 15_000 }).toBeGreaterThan(listsBefore);
  } finally {
    await host?.stop();
    await sandbox?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  expect(problems, 'uncaught errors or CSP violations in the page').toEqual([]);
});

test('a token the platform refuses shows in the top bar, with the way to replace it', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = recordPageProblems(page);
  const dataDir = await mkdtemp(join(tmpdir(), 'unpod-e2e-review-rejected-'));
  let sandbox: SandboxProcess | null = await startSandboxProcess(0, ['--epoch', EPOCH]);
  const original = sandbox.info;
  const port = Number(new URL(original.baseUrl).port);
  let host: WebHost | null = null;
  try {
    host = await signedInOnTasks(page, sandbox, dataDir);
    const connection = page.getByRole('status', { name: 'Connection' });
    await expect(connection).toHaveText(/Online/);

    // The same address now answers as a platform that does not know this token (401).
    await sandbox.stop();
    sandbox = await startSandboxProcess(port, ['--epoch', EPOCH, '--seed', '2']);
    expect(sandbox.info.token).not.toBe(original.token);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(connection).toHaveText(/Token rejected/, { timeout: 20_000 });
    await expect(connection).not.toHaveText(/Online/);
    // The refused sync has ended, and Sync now says why it cannot run.
    await expect(page.getByRole('progressbar', { name: 'Sync progress' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Unpod rejected the API token' })).toBeVisible();
    // In the top bar (Settings has a "Replace token" per profile too).
    await page.getByRole('banner').getByRole('button', { name: 'Replace token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace the API token of Review' });
    await expect(dialog.getByLabel('New API token')).toBeFocused();

    // The token is valid again where it belongs: replacing it brings the profile back online.
    await sandbox.stop();
    sandbox = await startSandboxProcess(port, ['--epoch', EPOCH]);
    await dialog.getByLabel('New API token').fill(original.token);
    await dialog.getByRole('button', { name: 'Replace token' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(connection).toHaveText(/Online/, { timeout: 20_000 });
    await expect(page.getByRole('banner').getByRole('button', { name: 'Replace token' })).toHaveCount(0);
    await expect(shown(page)).toHaveText(/^\d[\d,]* tasks$/);
  } finally {
    await host?.stop();
    await sandbox?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  expect(problems, 'uncaught errors or CSP violations in the page').toEqual([]);
});
