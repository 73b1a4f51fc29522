// Fixtures for the sign-in tests: the sandbox as its own process (`npm run sandbox -- --port 0`,
// one per worker, its JSON line read for the address and tokens), a data folder per test, and a
// launcher that (re)starts the web host on that folder, the way a user restarts the app.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test as base, expect, recordPageProblems, spawnWebHost, type WebHost } from './fixtures.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

/** The sandbox's one JSON line. */
export interface SandboxInfo {
  baseUrl: string;
  token: string;
  expiredToken: string;
  orgHandle: string;
  spaceToken: string;
  agentHandle: string;
}

export interface SandboxProcess {
  info: SandboxInfo;
  stop(): Promise<void>;
}

/** Stops the npm process group we started (npm and the node process it runs), by its id. */
function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
    return Promise.resolve();
  const pid = child.pid;
  return new Promise((done) => {
    const kill = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      done();
    }
  });
}

/** `npm run sandbox -- --port PORT [extra arguments]` (port 0: a free one), resolved with its JSON line. */
export function startSandboxProcess(port = 0, args: readonly string[] = []): Promise<SandboxProcess> {
  const child = spawn('npm', ['run', '--silent', 'sandbox', '--', '--port', String(port), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stopping reaches the node process under npm
  });
  return new Promise((resolveInfo, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => fail('no JSON line within 30 s'), 30_000);
    function fail(reason: string) {
      clearTimeout(timer);
      void stopGroup(child);
      reject(new Error(`the sandbox did not start: ${reason}\nstderr:\n${stderr}`));
    }
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const complete = stdout.split('\n').slice(0, -1); // the last piece may be half a line
      const line = complete.find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolveInfo({ info: JSON.parse(line) as SandboxInfo, stop: () => stopGroup(child) });
    });
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
}

export type Launch = (options?: { args?: string[]; env?: NodeJS.ProcessEnv }) => Promise<WebHost>;

export const test = base.extend<{ dataDir: string; launch: Launch }, { sandbox: SandboxInfo }>({
  sandbox: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires an object pattern here.
    async ({}, use) => {
      const sandbox = await startSandboxProcess();
      try {
        await use(sandbox.info);
      } finally {
        await sandbox.stop();
      }
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires an object pattern here.
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'unpod-e2e-auth-'));
    try {
      await use(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },

  // Starts the web host on the test's data folder (stopping the previous one first) and opens
  // the page through its secret URL. Fails the test on uncaught page errors or CSP violations.
  launch: async ({ page, dataDir, accessibilityScan }, use) => {
    const problems = recordPageProblems(page);
    const running: { host: WebHost | null } = { host: null };
    await use(async (options) => {
      await running.host?.stop();
      const host = await spawnWebHost(dataDir, options);
      running.host = host;
      await page.goto(host.url);
      return host;
    });
    try {
      await accessibilityScan.atEnd();
    } finally {
      // Also when the scan fails: a host left running outlives the test run.
      await running.host?.stop();
    }
    expect(problems, 'uncaught errors or CSP violations in the page').toEqual([]);
  },
});

export { expect };

export interface SavedProfile {
  id: string;
  name: string;
  orgHandle: string;
}

/** The profiles file as the web host wrote it. */
export async function readProfilesFile(
  dataDir: string,
): Promise<{ lastProfileId: string | null; profiles: SavedProfile[] }> {
  return JSON.parse(await readFile(join(dataDir, 'profiles.json'), 'utf8')) as {
    lastProfileId: string | null;
    profiles: SavedProfile[];
  };
}

export interface SandboxOrganization {
  name: string;
  domainHandle: string;
}

/**
 * The organizations the sandbox token can see, by name, asked from the sandbox over HTTP the way
 * the app does: the tests then pick an organization by the name the user reads.
 */
export async function sandboxOrganizations(sandbox: SandboxInfo): Promise<SandboxOrganization[]> {
  const response = await fetch(new URL('/api/v2/platform/organizations/', sandbox.baseUrl), {
    headers: { Authorization: `Token ${sandbox.token}` },
  });
  expect(response.status, 'the sandbox lists the organizations').toBe(200);
  const body = (await response.json()) as { data: { name: string; domain_handle: string }[] };
  return body.data.map((o) => ({ name: o.name, domainHandle: o.domain_handle }));
}

/** The name the sandbox gives its own organization (the one `orgHandle` names). */
export async function mainOrganizationName(sandbox: SandboxInfo): Promise<string> {
  const main = (await sandboxOrganizations(sandbox)).find((o) => o.domainHandle === sandbox.orgHandle);
  expect(main, 'the sandbox lists its own organization').toBeDefined();
  return main!.name;
}

/**
 * An organization's radio on the sign-in form, by its accessible name. The label reads the name
 * first, then the handle and role as detail, so the name is matched at the start.
 */
export function organizationRadio(scope: Page | Locator, name: string): Locator {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByRole('radio', { name: new RegExp(`^${escaped}(\\s|$)`) });
}

/** Fills the sign-in form (opening it from the welcome screen when needed) and submits it. */
export async function submitSignIn(
  page: Page,
  fields: { baseUrl: string; token: string; profileName?: string },
  scope: Page | Locator = page,
): Promise<void> {
  const address = scope.getByLabel('Unpod server address');
  if (scope === page) {
    // On the welcome screen the form opens with a button; wait for the page to be ready first.
    const openForm = page.getByRole('button', { name: 'Sign in with an API token' });
    await expect(openForm.or(address).first()).toBeVisible();
    if (await openForm.isVisible()) await openForm.click();
  }
  await address.fill(fields.baseUrl);
  await scope.getByLabel('API token', { exact: true }).fill(fields.token);
  if (fields.profileName !== undefined)
    await scope.getByLabel('Profile name (optional)').fill(fields.profileName);
  await scope.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Signs in with the sandbox token and picks an organization: the sandbox's own (`main`) or the
 * other one it offers. Waits until the new profile is the open workspace (on its first page,
 * Tasks), then goes to the Agents page.
 */
export async function signIn(
  page: Page,
  sandbox: SandboxInfo,
  profileName: string,
  options: { org?: 'main' | 'other'; scope?: Page | Locator } = {},
): Promise<void> {
  const scope = options.scope ?? page;
  await submitSignIn(page, { baseUrl: sandbox.baseUrl, token: sandbox.token, profileName }, scope);
  const group = scope.getByRole('group', { name: 'Organization' });
  await expect(group).toBeVisible();
  await expect(group.getByRole('radio')).toHaveCount(2);
  const organizations = await sandboxOrganizations(sandbox);
  const wanted = organizations.find(
    (o) => (o.domainHandle === sandbox.orgHandle) === (options.org !== 'other'),
  );
  expect(wanted, `the sandbox offers the ${options.org ?? 'main'} organization`).toBeDefined();
  await organizationRadio(group, wanted!.name).check();
  await scope.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('button', { name: `Profile: ${profileName}` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
}

/**
 * Everything the page keeps that could hold a secret: Web Storage, cookies (including HttpOnly
 * ones, from the browser context), IndexedDB contents, Cache Storage, and the DOM with the
 * current values of its inputs.
 */
export async function browserStorageDump(page: Page): Promise<string> {
  const inPage = await page.evaluate(async () => {
    const indexed: unknown[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
      });
      for (const store of db.objectStoreNames) {
        const rows = await new Promise<unknown[]>((ok, fail) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => ok(request.result);
          request.onerror = () => fail(request.error);
        });
        indexed.push({ db: info.name, store, rows });
      }
      db.close();
    }
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys())
        cached.push(request.url, await (await cache.match(request))!.text());
    }
    const inputs = [...document.querySelectorAll('input')].map((input) => input.value);
    return JSON.stringify({
      local: { ...localStorage },
      session: { ...sessionStorage },
      cookie: document.cookie,
      indexed,
      cached,
      inputs,
      url: location.href,
      dom: document.documentElement.outerHTML,
    });
  });
  const cookies = JSON.stringify(await page.context().cookies());
  return `${inPage}\n${cookies}`;
}
