// A cache thread that dies mid-session: the store starts it again and the Tasks page says so;
// the list keeps reading. The web host is started with UNPOD_DESK_TEST_HOOKS=1, which makes
// SIGUSR2 (sent by this test, which owns the process) end the cache's reader thread as a crash would.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectAccessible } from './accessibility.ts';
import { expect, openDemo, recordPageProblems, stopProcess, test, waitForUrl } from './fixtures.ts';
import { bodyRows, openTasks } from './tasks-page.ts';

test('when the saved data’s thread stops, the Tasks page says it was restarted and the list still reads', async ({
  page,
}) => {
  const problems = recordPageProblems(page);
  const dataDir = await mkdtemp(join(tmpdir(), 'unpod-e2e-restart-'));
  const host = spawn(process.execPath, ['src-main/web/cli.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, UNPOD_DESK_TEST_HOOKS: '1' },
  });
  try {
    await page.goto(await waitForUrl(host));
    await openDemo(page);
    await openTasks(page);
    const shown = await page.getByRole('status', { name: 'Tasks shown' }).innerText();

    host.kill('SIGUSR2');
    const notice = page.getByRole('alert').filter({ hasText: 'The saved task data was restarted' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Your tasks are safe');
    await expectAccessible(page, 'the restart notice');

    // The restarted thread answers: a sort reads the list again, with every task.
    const duration = page.getByRole('columnheader', { name: 'Duration' });
    await duration.getByRole('button').click();
    await expect(duration).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByRole('status', { name: 'Tasks shown' })).toHaveText(shown);
    await expect(bodyRows(page).first()).not.toContainText('Loading…');

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();
    expect(problems).toEqual([]);
  } finally {
    await stopProcess(host);
    await rm(dataDir, { recursive: true, force: true });
  }
});
