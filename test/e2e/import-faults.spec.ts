// An import under faults, in Chromium against a web host whose demo sandbox loses the answer of a
// create (after creating its tasks), answers one with a 503 and resets one connection: the page
// carries on by itself, and afterwards the task list holds every lead exactly once.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible } from './accessibility.ts';
import { expect, recordPageProblems, spawnWebHost, test } from './fixtures.ts';

const LEADS = 120; // three requests of 50, 50 and 20
const FAULTS = 'lost_response@POST~/tasks*1,server_error:503@POST~/tasks*1,reset@POST~/tasks*1';

test('under lost answers, 5xx and resets every lead is created once', async ({ page }) => {
  test.setTimeout(300_000);
  const dir = await mkdtemp(join(tmpdir(), 'unpod-import-faults-'));
  const host = await spawnWebHost(join(dir, 'data'), { args: ['--demo', '--faults', FAULTS] });
  try {
    const lines = ['Name,Phone'];
    for (let i = 0; i < LEADS; i++)
      lines.push(`Zyxfault ${String(i).padStart(3, '0')},+1628555${String(i).padStart(4, '0')}`);
    const file = join(dir, 'faulty-network.csv');
    await writeFile(file, `${lines.join('\n')}\n`);

    const problems = recordPageProblems(page);
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Choose a CSV file').setInputFiles(file);
    await expect(page.getByRole('status', { name: 'Import summary' })).toContainText(`${LEADS} ready`);
    const launch = page.getByRole('region', { name: 'Launch' });
    await launch.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'Aria - Sales Outreach' });
    await launch.getByRole('textbox', { name: 'Shared context' }).fill('Network check.');
    await page.getByRole('button', { name: 'Start calls' }).click();

    // The unanswered requests are checked against the platform before anything is sent again.
    const progress = page.getByRole('region', { name: /^Sending: faulty-network\.csv$/ });
    await expect(progress).toBeVisible({ timeout: 30_000 });
    await expect(progress.getByRole('status')).toContainText('Checking with Unpod which leads', {
      timeout: 60_000,
    });
    await expectAccessible(page, 'an import waiting on unanswered requests');
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `Import of faulty-network.csv finished: ${LEADS} calls created` }),
    ).toBeVisible({ timeout: 240_000 });

    // The space's task list, searched for the file's leads: each one once.
    const history = page.getByRole('table', { name: 'Past imports' });
    const row = history.getByRole('row', { name: /faulty-network\.csv/ });
    await expect(row.getByRole('cell').nth(2)).toHaveText(String(LEADS));
    await row.getByRole('button', { name: 'Show these calls' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
    await page.getByRole('button', { name: 'Show all calls' }).click();
    await page.getByRole('searchbox', { name: 'Search tasks' }).fill('Zyxfault');
    await expect(page.getByRole('status', { name: 'Tasks shown' })).toHaveText(
      `${LEADS} tasks match the filters`,
      { timeout: 60_000 },
    );
    expect(problems).toEqual([]);
  } finally {
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
