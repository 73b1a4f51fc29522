// The sign-in service end to end: real HTTP against the in-process sandbox (and two tiny local
// servers that are not Unpod), real profile files in a temp folder, and the real Secret Service
// when one is reachable. Keychain cases skip with a printed reason otherwise; run them with
//   sh test/support/with-keyring.sh npx vitest run test/integration/auth.test.ts
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src-main/log/logger.ts';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import {
  AuthError,
  createAuthService,
  type AuthService,
  type AuthServiceOptions,
  type PendingSignIn,
} from '../../src-main/services/auth/index.ts';
import {
  createKeychainStore,
  createSessionStore,
  KeychainUnavailableError,
  type SecretStore,
} from '../../src-main/services/secrets/index.ts';

const SERVICE = `Unpod Desk Test ${randomUUID()}`;
const keychain = createKeychainStore({ service: SERVICE, timeoutMs: 20_000 });
const keychainState = await keychain.probe();
const noKeychain = !keychainState.available;
if (!keychainState.available) {
  console.warn(
    `auth.test: skipping the keychain cases: ${keychainState.reason}\n` +
      '  Run them with: sh test/support/with-keyring.sh npx vitest run test/integration/auth.test.ts',
  );
}

let sandbox: Sandbox;
let dataDir: string;
let services: AuthService[] = [];
const keychainAccounts: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox?.close();
  for (const account of keychainAccounts) await keychain.delete(account).catch(() => undefined);
});
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'unpod-auth-'));
});
afterEach(async () => {
  for (const s of services) s.close();
  services = [];
  await rm(dataDir, { recursive: true, force: true });
});

/** A service on the test's data folder; a second call simulates the next app start. */
function auth(options: Partial<AuthServiceOptions> = {}): AuthService {
  const service = createAuthService({
    dataDir,
    keychain,
    session: createSessionStore(),
    clientDefaults: { retry: { limit: 0 } },
    ...options,
  });
  services.push(service);
  return service;
}

async function failure(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

async function signIn(
  service: AuthService,
  storage: 'keychain' | 'session',
  orgHandle = sandbox.credentials.orgHandle,
  profileName?: string,
) {
  const pending = await service.beginSignIn({
    baseUrl: sandbox.baseUrl,
    token: sandbox.credentials.token,
    storage,
    profileName,
  });
  const session = await service.completeSignIn({ pendingId: pending.pendingId, domainHandle: orgHandle });
  if (storage === 'keychain') keychainAccounts.push(session.profile.id);
  return { pending, session };
}

const otherOrgOf = (pending: PendingSignIn) =>
  pending.organizations.find((o) => o.domainHandle !== sandbox.credentials.orgHandle)!.domainHandle;

/** A local HTTP server that is not Unpod; `respond` decides every answer. */
async function fakeServer(
  respond: (path: string) => { status: number; type: string; body: string },
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const answer = respond(req.url ?? '/');
    res.writeHead(answer.status, { 'Content-Type': answer.type });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('beginSignIn / completeSignIn', () => {
  it.skipIf(noKeychain)(
    'signs in with a valid token: lists organizations, saves the profile, keeps the token in the keychain only',
    async () => {
      const lines: string[] = [];
      const logger = createLogger({ level: 'debug', stderr: false, sink: (l) => lines.push(l) });
      const service = auth({ logger });
      const token = sandbox.credentials.token;

      const pending = await service.beginSignIn({
        baseUrl: `${sandbox.baseUrl}/api/v2/platform/`,
        token: ` Token ${token} `,
        storage: 'keychain',
      });
      expect(pending.baseUrl).toBe(sandbox.baseUrl);
      expect(pending.tokenHint).toBe(`…${token.slice(-4)}`);
      expect(pending.organizations).toHaveLength(2);
      expect(pending.organizations.map((o) => o.domainHandle)).toContain(sandbox.credentials.orgHandle);
      for (const org of pending.organizations) {
        expect(org.name).not.toBe('');
        expect(['admin', 'member', 'viewer']).toContain(org.role);
      }
      expect(JSON.stringify(pending)).not.toContain(token);
      // The service registered the token with the logger as soon as it held it: even a careless
      // log line cannot leak it.
      logger.error(`careless ${token}`, { headers: { Authorization: `Token ${token}` } });

      const { profile, client } = await service.completeSignIn({
        pendingId: pending.pendingId,
        domainHandle: sandbox.credentials.orgHandle,
      });
      keychainAccounts.push(profile.id);
      const chosen = pending.organizations.find((o) => o.domainHandle === sandbox.credentials.orgHandle)!;
      expect(profile).toMatchObject({
        name: chosen.name, // no name given: the organization's
        baseUrl: sandbox.baseUrl,
        orgHandle: chosen.domainHandle,
        orgName: chosen.name,
        tokenHint: `…${token.slice(-4)}`,
        secretStorage: 'keychain',
        hasToken: true,
      });
      expect(JSON.stringify(profile)).not.toContain(token);

      // The client is ready for the organization: it lists that organization's spaces.
      const spaces = await client.listSpaces();
      expect(spaces.length).toBeGreaterThan(0);

      // The token is in the keychain under the profile id (read through a separate store object).
      expect(await createKeychainStore({ service: SERVICE }).get(profile.id)).toBe(token);

      // The profiles file has the metadata and not a single copy of the token.
      const fileText = await readFile(join(dataDir, 'profiles.json'), 'utf8');
      expect(fileText).not.toContain(token);
      expect(fileText).not.toContain(token.slice(0, 12));
      expect(JSON.parse(fileText)).toMatchObject({
        version: 1,
        lastProfileId: profile.id,
        profiles: [{ id: profile.id }],
      });

      const list = await service.listProfiles();
      expect(list.lastProfileId).toBe(profile.id);
      expect(list.profiles.map((p) => [p.id, p.hasToken])).toEqual([[profile.id, true]]);

      expect(lines.some((l) => l.includes('careless [REDACTED]'))).toBe(true);
      expect(lines.join('\n')).not.toContain(token);
    },
  );

  it('rejects a wrong token with the 401 message and saves nothing', async () => {
    const service = auth();
    const error = await failure(
      service.beginSignIn({ baseUrl: sandbox.baseUrl, token: 'f'.repeat(40), storage: 'session' }),
    );
    expect(error.failure).toBe('token_rejected');
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('rejected this API token (401)');
    expect((await service.listProfiles()).profiles).toEqual([]);
  });

  it('reports an expired token with the 403 message', async () => {
    const error = await failure(
      auth().beginSignIn({
        baseUrl: sandbox.baseUrl,
        token: sandbox.credentials.expiredToken,
        storage: 'session',
      }),
    );
    expect(error.failure).toBe('token_expired');
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/has expired \(403\)/);
  });

  it('reports an unreachable server (nothing listening on the port)', async () => {
    const { url, server } = await fakeServer(() => ({ status: 200, type: 'text/plain', body: '' }));
    await closeServer(server);
    const error = await failure(
      auth().beginSignIn({ baseUrl: url, token: sandbox.credentials.token, storage: 'session' }),
    );
    expect(error.failure).toBe('unreachable');
    expect(error.code).toBe('network');
    expect(error.message).toBe(
      `Could not reach ${url}. Check the server address and your internet connection.`,
    );
  });

  it('recognises a server that is not Unpod (HTML page, or HTML 404)', async () => {
    const html = await fakeServer(() => ({
      status: 200,
      type: 'text/html',
      body: '<!doctype html><title>Welcome</title><h1>My blog</h1>',
    }));
    const notFound = await fakeServer(() => ({ status: 404, type: 'text/html', body: '<h1>Not Found</h1>' }));
    try {
      for (const url of [html.url, notFound.url]) {
        const error = await failure(
          auth().beginSignIn({ baseUrl: url, token: sandbox.credentials.token, storage: 'session' }),
        );
        expect(error.failure, url).toBe('not_unpod_server');
        expect(error.code).toBe('invalid_response');
        expect(error.message).toContain(`${url} answered, but not like an Unpod server`);
      }
    } finally {
      await closeServer(html.server);
      await closeServer(notFound.server);
    }
  });

  it('says so when the token belongs to no organization', async () => {
    const empty = await fakeServer(() => ({
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ count: 0, status_code: 200, message: 'Organizations fetched', data: [] }),
    }));
    try {
      const error = await failure(
        auth().beginSignIn({ baseUrl: empty.url, token: 'some-valid-token-1234', storage: 'session' }),
      );
      expect(error.failure).toBe('no_organizations');
      expect(error.message).toContain('belongs to no organization');
    } finally {
      await closeServer(empty.server);
    }
  });

  it('rejects bad input before any network call', async () => {
    const service = auth();
    const http = await failure(
      service.beginSignIn({ baseUrl: 'http://unpod.dev', token: 'abc12345', storage: 'session' }),
    );
    expect(http.failure).toBe('invalid_base_url');
    expect(http.code).toBe('invalid_input');
    expect(http.message).toMatch(/must use https:\/\//);
    const blank = await failure(
      service.beginSignIn({ baseUrl: sandbox.baseUrl, token: '   ', storage: 'session' }),
    );
    expect(blank.failure).toBe('invalid_token');
    const spaced = await failure(
      service.beginSignIn({ baseUrl: sandbox.baseUrl, token: 'abc def ghi', storage: 'session' }),
    );
    expect(spaced.failure).toBe('invalid_token');
  });

  it('fails fast with keychain_unavailable when the keychain was chosen but cannot be used', async () => {
    const broken: SecretStore = createKeychainStore({
      service: SERVICE,
      loadBinding: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')),
    });
    const service = auth({ keychain: broken });
    const error = await service
      .beginSignIn({ baseUrl: sandbox.baseUrl, token: sandbox.credentials.token, storage: 'keychain' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as KeychainUnavailableError).code).toBe('keychain_unavailable');
    expect((error as KeychainUnavailableError).hint).not.toBe('');

    // The user then opts into session-only storage explicitly, and that works.
    const { session } = await signIn(service, 'session');
    expect(session.profile.secretStorage).toBe('session');
    expect((await service.listProfiles()).profiles[0]!.hasToken).toBe(true);
  });

  it('completes only once, only for an offered organization, and not after the pending sign-in expired', async () => {
    const service = auth();
    const pending = await service.beginSignIn({
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      storage: 'session',
    });
    const wrongOrg = await failure(
      service.completeSignIn({ pendingId: pending.pendingId, domainHandle: 'not-offered' }),
    );
    expect(wrongOrg.failure).toBe('organization_not_found');
    await service.completeSignIn({
      pendingId: pending.pendingId,
      domainHandle: sandbox.credentials.orgHandle,
    });
    const again = await failure(
      service.completeSignIn({ pendingId: pending.pendingId, domainHandle: sandbox.credentials.orgHandle }),
    );
    expect(again.failure).toBe('sign_in_expired');

    const shortLived = auth({ pendingTtlMs: 50 });
    const expiring = await shortLived.beginSignIn({
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      storage: 'session',
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    const expired = await failure(
      shortLived.completeSignIn({
        pendingId: expiring.pendingId,
        domainHandle: sandbox.credentials.orgHandle,
      }),
    );
    expect(expired.failure).toBe('sign_in_expired');

    const cancelled = await service.beginSignIn({
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      storage: 'session',
    });
    service.cancelSignIn(cancelled.pendingId);
    expect(
      (
        await failure(
          service.completeSignIn({
            pendingId: cancelled.pendingId,
            domainHandle: sandbox.credentials.orgHandle,
          }),
        )
      ).failure,
    ).toBe('sign_in_expired');
  });
});

describe('profiles and sessions', () => {
  it.skipIf(noKeychain)('keeps two profiles and switches between them', async () => {
    const service = auth();
    const first = await signIn(service, 'keychain', sandbox.credentials.orgHandle, '  Main   office ');
    const otherHandle = otherOrgOf(first.pending);
    const second = await signIn(service, 'keychain', otherHandle);
    expect(first.session.profile.name).toBe('Main office');

    const list = await service.listProfiles();
    expect(list.profiles.map((p) => p.orgHandle)).toEqual([sandbox.credentials.orgHandle, otherHandle]);
    expect(list.profiles.every((p) => p.hasToken)).toBe(true);
    expect(list.lastProfileId).toBe(second.session.profile.id);

    const a = await service.switchProfile(first.session.profile.id);
    expect(a.client.orgHandle).toBe(sandbox.credentials.orgHandle);
    const spacesA = await a.client.listSpaces();
    const b = await service.switchProfile(second.session.profile.id);
    expect(b.client.orgHandle).toBe(otherHandle);
    const spacesB = await b.client.listSpaces();
    // Each client sees its own organization's spaces.
    expect(spacesA.map((s) => s.token)).not.toEqual(spacesB.map((s) => s.token));
    expect((await service.listProfiles()).lastProfileId).toBe(second.session.profile.id);
    expect(b.profile.lastUsedAt).not.toBeNull();

    const missing = await failure(service.switchProfile('no-such-profile'));
    expect(missing.failure).toBe('profile_not_found');
  });

  it.skipIf(noKeychain)(
    'restores the last profile on the next start without asking for the token',
    async () => {
      const { session } = await signIn(auth(), 'keychain');
      const nextStart = auth();
      const restored = await nextStart.restoreLastProfile();
      expect(restored).not.toBeNull();
      expect(restored!.profile.id).toBe(session.profile.id);
      expect((await restored!.client.listAgents()).length).toBeGreaterThan(0);
    },
  );

  it('returns null from restore when nobody signed in, and asks for the token again after a session-only run', async () => {
    expect(await auth().restoreLastProfile()).toBeNull();
    const { session } = await signIn(auth(), 'session');
    const nextStart = auth();
    const list = await nextStart.listProfiles();
    expect(list.profiles.map((p) => [p.id, p.secretStorage, p.hasToken])).toEqual([
      [session.profile.id, 'session', false],
    ]);
    const error = await failure(nextStart.restoreLastProfile());
    expect(error.failure).toBe('token_missing');
    expect(error.code).toBe('not_signed_in');
    expect(error.message).toContain('for one session only');
  });

  it.skipIf(noKeychain)('replaces an outdated token after validating the new one', async () => {
    const service = auth();
    const { session } = await signIn(service, 'keychain');
    const id = session.profile.id;
    const expired = sandbox.credentials.expiredToken;
    // The key kept in the keychain has since expired on the server.
    await keychain.set(id, expired);
    const stale = await service.switchProfile(id);
    await expect(stale.client.listSpaces()).rejects.toMatchObject({ kind: 'forbidden' });

    // An expired replacement is refused, and the keychain keeps what it had.
    const refused = await failure(service.replaceToken(id, expired));
    expect(refused.failure).toBe('token_expired');
    expect(await keychain.get(id)).toBe(expired);

    const replaced = await service.replaceToken(id, sandbox.credentials.token);
    expect(replaced.profile.tokenHint).toBe(`…${sandbox.credentials.token.slice(-4)}`);
    expect((await replaced.client.listSpaces()).length).toBeGreaterThan(0);
    expect(await keychain.get(id)).toBe(sandbox.credentials.token);
    expect((await auth().switchProfile(id)).profile.tokenHint).toBe(replaced.profile.tokenHint);
  });

  it('refuses a replacement token that has no access to the profile organization', async () => {
    // A server that knows the token but offers a different organization than the profile's.
    const service = auth();
    const { session } = await signIn(service, 'session');
    const other = await fakeServer(() => ({
      status: 200,
      type: 'application/json',
      body: JSON.stringify({
        status_code: 200,
        message: 'ok',
        data: [{ name: 'Elsewhere', domain_handle: 'elsewhere', role: 'admin' }],
      }),
    }));
    try {
      // Point the saved profile at the other server (as if the org had been moved away from this key).
      const file = join(dataDir, 'profiles.json');
      const data = JSON.parse(await readFile(file, 'utf8')) as { profiles: { baseUrl: string }[] };
      data.profiles[0]!.baseUrl = other.url;
      await writeFile(file, JSON.stringify(data));
      const error = await failure(service.replaceToken(session.profile.id, 'another-valid-token-9999'));
      expect(error.failure).toBe('organization_not_accessible');
      expect(error.message).toContain(session.profile.orgName);
    } finally {
      await closeServer(other.server);
    }
  });

  it.skipIf(noKeychain)(
    'signs out: removes the token from the keychain, optionally forgets the profile',
    async () => {
      const service = auth();
      const kept = await signIn(service, 'keychain');
      const removed = await signIn(service, 'keychain', otherOrgOf(kept.pending));
      const keptId = kept.session.profile.id;
      const removedId = removed.session.profile.id;

      const out = await service.signOut(removedId);
      expect(out).toEqual({
        profileId: removedId,
        tokenRemoved: true,
        profileDeleted: false,
        dataPaths: [join(dataDir, 'profiles', removedId)],
      });
      expect(await keychain.get(removedId)).toBeNull();
      let list = await service.listProfiles();
      expect(list.profiles.map((p) => [p.id, p.hasToken])).toEqual([
        [keptId, true],
        [removedId, false],
      ]);
      expect(list.lastProfileId).toBeNull();
      expect((await failure(service.switchProfile(removedId))).failure).toBe('token_missing');
      expect(await service.restoreLastProfile()).toBeNull();

      const gone = await service.signOut(removedId, { deleteProfile: true });
      expect(gone).toMatchObject({ tokenRemoved: false, profileDeleted: true });
      list = await service.listProfiles();
      expect(list.profiles.map((p) => p.id)).toEqual([keptId]);
      expect(await readFile(join(dataDir, 'profiles.json'), 'utf8')).not.toContain(removedId);
      // The other profile is untouched.
      expect(await keychain.get(keptId)).toBe(sandbox.credentials.token);
    },
  );

  it('lists keychain profiles without tokens when the keychain is unavailable, and says why', async () => {
    const id = randomUUID();
    await writeFile(
      join(dataDir, 'profiles.json'),
      JSON.stringify({
        version: 1,
        lastProfileId: id,
        profiles: [
          {
            id,
            name: 'Acme',
            baseUrl: sandbox.baseUrl,
            orgHandle: sandbox.credentials.orgHandle,
            orgName: 'Acme',
            tokenHint: '…beef',
            secretStorage: 'keychain',
            createdAt: '2026-01-01T00:00:00.000Z',
            lastUsedAt: null,
          },
        ],
      }),
    );
    const service = auth({
      keychain: createKeychainStore({
        service: SERVICE,
        platform: 'linux',
        loadBinding: async () => ({
          getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
          setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
          deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
        }),
      }),
    });
    const list = await service.listProfiles();
    expect(list.profiles.map((p) => [p.id, p.hasToken])).toEqual([[id, false]]);
    expect(list.keychainProblem?.reason).toContain('Cannot autolaunch D-Bus');
    expect(list.keychainProblem?.hint).toContain('gnome-keyring');
    await expect(service.restoreLastProfile()).rejects.toBeInstanceOf(KeychainUnavailableError);
    // Signing out cannot remove the token, so nothing is changed.
    await expect(service.signOut(id, { deleteProfile: true })).rejects.toBeInstanceOf(
      KeychainUnavailableError,
    );
    expect((await service.listProfiles()).profiles).toHaveLength(1);
  });

  it('reports a corrupt profiles file, sets it aside and keeps working', async () => {
    await writeFile(join(dataDir, 'profiles.json'), 'this is not json');
    const service = auth();
    const list = await service.listProfiles();
    expect(list.profiles).toEqual([]);
    expect(list.problem?.message).toContain('could not be read');
    expect(await readFile(list.problem!.movedTo!, 'utf8')).toBe('this is not json');

    const { session } = await signIn(service, 'session');
    expect((await service.listProfiles()).profiles.map((p) => p.id)).toEqual([session.profile.id]);
  });
});
