// The organization, space and agent lists a profile has loaded once stay readable when the
// platform cannot be reached: within a session (the platform goes away), and after a restart
// with no connection (the profile reopens offline). A refusal from the platform (401) is never
// hidden behind the saved copy, a damaged saved file is ignored, and the file holds no token.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Agent, Organization, Space, WorkspaceState } from '../../src-main/ipc/contract.ts';
import { createLogger } from '../../src-main/log/index.ts';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import { restoreAtStart } from '../../src-main/services/profiles-service.ts';
import { openSavedLists, SAVED_LISTS_FILE_NAME } from '../../src-main/services/saved-lists.ts';
import type { SecretStore } from '../../src-main/services/secrets/index.ts';
import { createUnpodClient } from '../../src-main/unpod/index.ts';
import {
  cleanupsAfterEach,
  createHarness,
  folderForRuns,
  removeDir,
  sandboxStarter,
  signInWithToken,
  startAppRun,
  type Harness,
  type TestApp,
  waitFor,
} from './sync-helpers.ts';

const addCleanup = cleanupsAfterEach();
const sandboxOn = sandboxStarter(addCleanup);

interface Lists {
  organizations: Organization[];
  spaces: Space[];
  agents: Agent[];
}

/** The three lists as the pickers and the Agents page ask for them. */
async function lists(app: TestApp): Promise<Lists> {
  return {
    organizations: await app.call<Organization[]>('organizations.list'),
    spaces: await app.call<Space[]>('spaces.list'),
    agents: await app.call<Agent[]>('agents.list'),
  };
}

const state = (app: TestApp): WorkspaceState => app.services.workspace.getState();

async function harnessFor(sandbox: Sandbox): Promise<Harness> {
  const h = await createHarness(sandbox);
  addCleanup(async () => {
    await h.close();
    expect(h.unexpected).toEqual([]);
    await removeDir(h.dataDir);
  });
  return h;
}

const startApp = (dataDir: string, keychain: SecretStore): TestApp =>
  startAppRun(dataDir, keychain, addCleanup);

/** A sandbox, its port (to start it again there), a data folder and a keychain for several runs. */
async function restartable() {
  const sandbox = await sandboxOn();
  const port = Number(new URL(sandbox.baseUrl).port);
  return { sandbox, port, ...(await folderForRuns(addCleanup, 'unpod-offline-lists-')) };
}

const signIn = (app: TestApp, sandbox: Sandbox) => signInWithToken(app, sandbox, 'On a plane');

describe('the organization, space and agent lists', () => {
  it('stay readable when the platform goes away, per organization, and hold no token', async () => {
    const sandbox = await sandboxOn();
    const h = await harnessFor(sandbox);
    const online = await lists(h);
    expect(online.organizations.length).toBeGreaterThan(1);
    expect(online.spaces.map((s) => s.token)).toContain(sandbox.credentials.spaceToken);
    expect(online.agents.length).toBeGreaterThan(0);
    // The other organization's lists, seen once too.
    const other = online.organizations.find((o) => o.domainHandle !== sandbox.credentials.orgHandle)!;
    await h.call('organizations.select', { domainHandle: other.domainHandle });
    const otherOnline = await lists(h);
    expect(otherOnline.spaces.map((s) => s.token)).not.toEqual(online.spaces.map((s) => s.token));
    await h.call('organizations.select', { domainHandle: sandbox.credentials.orgHandle });

    // The saved copy is view-model data only: neither the API token nor an organization's token.
    const platformOrgs = await createUnpodClient({
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
    }).listOrganizations();
    const saved = readFileSync(join(h.profileDir, SAVED_LISTS_FILE_NAME), 'utf8');
    expect(saved).toContain(sandbox.credentials.spaceToken);
    expect(saved).not.toContain(sandbox.credentials.token);
    for (const org of platformOrgs) {
      const orgToken = (org as { token?: unknown }).token;
      if (typeof orgToken === 'string') expect(saved).not.toContain(orgToken);
    }

    await sandbox.close();
    expect(await lists(h)).toEqual(online);
    expect(state(h).connection.state).toBe('offline');
    expect(state(h).kind).toBe('profile');

    // Choosing the other organization offline shows its own saved lists.
    await h.call('organizations.select', { domainHandle: other.domainHandle });
    expect(await lists(h)).toEqual(otherOnline);
  });

  it('come from the saved copy when the profile reopens offline; a space can still be chosen', async () => {
    const { sandbox, port, dataDir, keychain } = await restartable();

    const first = startApp(dataDir, keychain);
    await signIn(first, sandbox);
    await first.call('spaces.select', { token: sandbox.credentials.spaceToken });
    const online = await lists(first);
    await first.close();

    // The platform goes away; the app starts again on the same data folder.
    await sandbox.close();
    const second = startApp(dataDir, keychain);
    await restoreAtStart(second.services.profiles);
    expect(state(second)).toMatchObject({
      kind: 'profile',
      organization: online.organizations.find((o) => o.domainHandle === sandbox.credentials.orgHandle),
      space: { token: sandbox.credentials.spaceToken },
      connection: { state: 'offline' },
    });
    expect(await lists(second)).toEqual(online);

    // Another space of the saved list can be chosen while offline.
    const another = online.spaces.find((s) => s.token !== sandbox.credentials.spaceToken)!;
    const switched = await second.call<WorkspaceState>('spaces.select', { token: another.token });
    expect(switched.space).toEqual(another);

    // The platform comes back: the lists load from it again.
    await sandboxOn(port);
    await waitFor(() => state(second).connection.state === 'online', 'the connection to come back online');
    expect(await lists(second)).toEqual(online);
  });

  it('never hide a refusal: a rejected token fails even with a saved copy', async () => {
    const sandbox = await sandboxOn();
    const port = Number(new URL(sandbox.baseUrl).port);
    const h = await harnessFor(sandbox);
    await lists(h);

    // The same address now answers as another platform, where this token is unknown (401).
    await sandbox.close();
    const other = await startSandbox({ port, seed: 2 });
    addCleanup(() => other.close());
    expect(other.credentials.token).not.toBe(sandbox.credentials.token);

    for (const channel of ['organizations.list', 'spaces.list', 'agents.list']) {
      expect((await h.failure(channel)).code, channel).toBe('unauthorized');
    }
    // The platform answers, but refuses the token: the app says so rather than "online".
    expect(state(h).connection).toMatchObject({ state: 'rejected', message: expect.stringMatching(/401/) });
  });

  it('ignore a damaged saved file: the lists fail as before, and load again once online', async () => {
    const { sandbox, port, dataDir, keychain } = await restartable();

    const first = startApp(dataDir, keychain);
    const signedIn = await signIn(first, sandbox);
    const online = await lists(first);
    await first.close();
    const file = join(dataDir, 'profiles', signedIn.profileId!, SAVED_LISTS_FILE_NAME);
    writeFileSync(file, '{"version": 1, "organizations": {"savedAt": "yesterday", "items": [');

    await sandbox.close();
    const second = startApp(dataDir, keychain);
    await restoreAtStart(second.services.profiles);
    expect(state(second)).toMatchObject({ kind: 'profile', connection: { state: 'offline' } });
    for (const channel of ['organizations.list', 'spaces.list', 'agents.list']) {
      expect((await second.failure(channel)).code, channel).toBe('network');
    }
    expect(state(second).kind).toBe('profile');

    await sandboxOn(port);
    await waitFor(() => state(second).connection.state === 'online', 'the connection to come back online');
    expect(await lists(second)).toEqual(online);
    expect(() => JSON.parse(readFileSync(file, 'utf8')) as unknown).not.toThrow();
  });

  it('a damaged file reads as nothing saved, and says so in the log once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'unpod-offline-lists-'));
    addCleanup(() => removeDir(dir));
    writeFileSync(join(dir, SAVED_LISTS_FILE_NAME), '\u0000\u0000 not json');
    const lines: string[] = [];
    const saved = openSavedLists(
      dir,
      createLogger({ level: 'warn', stderr: false, sink: (l) => lines.push(l) }),
    );
    expect(await saved.organizations()).toBeNull();
    expect(await saved.spaces('any')).toBeNull();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: /saved lists could not be read/ });

    // The next save replaces it.
    const org: Organization = { name: 'Acme', domainHandle: 'acme', role: 'admin' };
    await saved.saveOrganizations([org]);
    expect(await openSavedLists(dir, createLogger({ level: 'silent' })).organizations()).toEqual([org]);
  });
});
