// Playwright fixtures: a fresh web host per test (own data folder, free port) and the app page
// opened through the host's secret URL; every test ends with an accessibility scan of the page.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectAccessible } from './accessibility.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const startTimeoutMs = 30_000;

export interface WebHost {
  /** The URL the host printed: http://127.0.0.1:PORT/?secret=… */
  url: string;
  /** Stops the host (SIGTERM, then SIGKILL); safe to call twice. */
  stop(): Promise<void>;
}

/** Resolves with the `web: URL` line, or rejects with what the host wrote to stderr. */
export function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => fail(`no "web:" line within ${startTimeoutMs} ms`), startTimeoutMs);
    function fail(reason: string) {
      clearTimeout(timer);
      reject(new Error(`the web host did not start: ${reason}\nstderr:\n${stderr}`));
    }
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^web: (http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code, signal) => fail(`exited (code ${code}, signal ${signal})`));
    child.once('error', (error) => fail(error.message));
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Starts `node src-main/web/cli.ts` on a free port with this data folder (and extra arguments or environment). */
export async function spawnWebHost(
  dataDir: string,
  options: { args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<WebHost> {
  const child = spawn(
    process.execPath,
    ['src-main/web/cli.ts', '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env },
  );
  try {
    const url = await waitForUrl(child);
    return { url, stop: () => stopProcess(child) };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

/** Collects uncaught page errors and CSP violations; the caller asserts the list is empty. */
export function recordPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      problems.push(message.text());
    }
  });
  return problems;
}

export interface AccessibilityScan {
  /**
   * Scans the page as the test left it (once; later calls do nothing), unless the test already
   * failed. Fixtures that stop a web host call it first, so the page is scanned while it works.
   */
  atEnd(): Promise<void>;
}

export const test = base.extend<{ accessibilityScan: AccessibilityScan; webHost: WebHost; app: Page }>({
  // Every test, whatever fixtures it uses, fails on serious or critical axe violations in the
  // state it ends in (specs scan the states on the way themselves, with expectAccessible).
  accessibilityScan: [
    async ({ page }, use, testInfo) => {
      let scanned = false;
      const scan: AccessibilityScan = {
        async atEnd() {
          if (scanned || testInfo.status !== testInfo.expectedStatus) return;
          scanned = true;
          if (page.isClosed() || page.url() === 'about:blank') return;
          await expectAccessible(page, `the end of "${testInfo.title}"`);
        },
      };
      await use(scan);
      await scan.atEnd();
    },
    { auto: true },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires an object pattern here.
  webHost: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'unpod-e2e-'));
    let host: WebHost | null = null;
    try {
      host = await spawnWebHost(dataDir);
      await use(host);
    } finally {
      await host?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },

  // The page, opened through the secret URL. Afterwards the test fails if the page threw an
  // uncaught error or broke the Content Security Policy, whatever it asserted itself.
  app: async ({ page, webHost, accessibilityScan }, use) => {
    const problems = recordPageProblems(page);
    await page.goto(webHost.url);
    await use(page);
    await accessibilityScan.atEnd();
    expect(problems, 'uncaught errors or CSP violations in the page').toEqual([]);
  },
});

export { expect };

/** Opens the demo workspace from the welcome screen (it opens on Tasks), then goes to the agents list. */
export async function openDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open the demo workspace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
  await expect(agentRows(page).first()).toBeVisible();
}

/** The body rows of the agents table (the header row excluded). */
export function agentRows(page: Page) {
  return page.getByRole('table', { name: 'Agents' }).getByRole('rowgroup').nth(1).getByRole('row');
}

/** The text of one column of the agents table, for every shown row. */
export async function agentColumn(page: Page, column: 'Type' | 'State'): Promise<string[]> {
  // Cells after the row header: Handle, Type, State, Description, Purpose.
  const index = column === 'Type' ? 1 : 2;
  const rows = await agentRows(page).all();
  return Promise.all(rows.map((row) => row.getByRole('cell').nth(index).innerText()));
}

/** The names (row headers) of the shown agents. */
export async function agentNames(page: Page): Promise<string[]> {
  return agentRows(page).getByRole('rowheader').allInnerTexts();
}

/** The visible label of a select's chosen option. */
export function selectedLabel(select: Locator): Promise<string> {
  return select.evaluate((element) => (element as HTMLSelectElement).selectedOptions[0]?.text ?? '');
}

/** The labels of a select's options. */
export function optionLabels(select: Locator): Promise<string[]> {
  return select.evaluate((element) =>
    [...(element as HTMLSelectElement).options].map((option) => option.text),
  );
}

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it never does. */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target.toString()}`);
}
