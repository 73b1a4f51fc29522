// The keychain store against a real Secret Service. Run it through the wrapper that starts an
// unlocked gnome-keyring on a private D-Bus session with a throwaway HOME:
//   sh test/support/with-keyring.sh npx vitest run test/integration/keychain.test.ts
// Without a reachable Secret Service the round-trip tests skip (the reason is printed); the
// "unavailable" tests run anyway, because they need no keyring.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeychainStore } from '../../src-main/services/secrets/keychain-store.ts';
import { KeychainUnavailableError } from '../../src-main/services/secrets/secret-store.ts';

const run = promisify(execFile);
const storeModule = pathToFileURL(
  fileURLToPath(new URL('../../src-main/services/secrets/keychain-store.ts', import.meta.url)),
).href;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// A service name of our own, so the test never sees or touches real "Unpod Desk" entries.
const SERVICE = `Unpod Desk Test ${randomUUID()}`;
const store = createKeychainStore({ service: SERVICE, timeoutMs: 20_000 });
const availability = await store.probe();
if (!availability.available) {
  console.warn(
    `keychain.test: skipping the Secret Service round trips: ${availability.reason}\n` +
      '  Run them with: sh test/support/with-keyring.sh npx vitest run test/integration/keychain.test.ts',
  );
}

/** Runs a snippet in a fresh Node process (own D-Bus connection) and returns its JSON output. */
async function inChild(code: string, env: NodeJS.ProcessEnv): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], {
    cwd: repoRoot,
    env,
    timeout: 30_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;
}

/** In a child process: probe, then try to store a token, and report what happened. */
const PROBE_AND_SET = `
  const { createKeychainStore } = await import(${JSON.stringify(storeModule)});
  const store = createKeychainStore({ service: ${JSON.stringify(SERVICE)}, timeoutMs: 20000 });
  const probe = await store.probe();
  let error = null;
  try { await store.set('profile-x', 'tok-should-not-be-stored'); }
  catch (e) { error = { name: e.name, code: e.code, reason: e.reason, hint: e.hint, message: e.message }; }
  console.log(JSON.stringify({ probe, error }));
`;

interface ProbeAndSet {
  probe: { available: boolean; reason?: string; hint?: string };
  error: { name: string; code: string; reason: string; hint: string; message: string } | null;
}

function expectKeychainUnavailable(result: ProbeAndSet) {
  expect(result.probe.available).toBe(false);
  expect(result.probe.hint).toContain('gnome-keyring');
  expect(result.probe.hint).toContain('unlock your login keyring');
  expect(result.error).not.toBeNull();
  expect(result.error!.name).toBe('KeychainUnavailableError');
  expect(result.error!.code).toBe('keychain_unavailable');
  expect(result.error!.hint).toContain('apt install gnome-keyring libsecret-1-0');
  expect(result.error!.message).toContain('The system keychain is not available');
  expect(result.error!.message).not.toContain('tok-should-not-be-stored');
}

describe.runIf(process.platform === 'linux')('keychain unavailable (Linux, no Secret Service)', () => {
  it('gives a typed keychain_unavailable error with a hint when D-Bus points to a missing socket', async () => {
    const result = (await inChild(PROBE_AND_SET, {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=/nonexistent/unpod-${randomUUID()}/bus`,
    })) as ProbeAndSet;
    expectKeychainUnavailable(result);
    expect(result.error!.reason).toMatch(/Writing to the keychain failed/);
  });

  it('gives the same typed error when no D-Bus session is configured at all', async () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY; // otherwise libdbus may autolaunch a bus on a desktop
    delete env.WAYLAND_DISPLAY;
    const result = (await inChild(PROBE_AND_SET, env)) as ProbeAndSet;
    expectKeychainUnavailable(result);
  });
});

describe('keychain module cannot be loaded', () => {
  it('turns a missing native module into keychain_unavailable instead of a crash', async () => {
    const broken = createKeychainStore({
      service: SERVICE,
      loadBinding: () => Promise.reject(new Error("Cannot find module 'keytar'")),
    });
    const probe = await broken.probe();
    expect(probe).toEqual({
      available: false,
      reason: "keytar could not be loaded: Cannot find module 'keytar'",
      hint: expect.stringContaining('Reinstall Unpod Desk') as unknown as string,
    });
    const error = await broken.get('any').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as KeychainUnavailableError).code).toBe('keychain_unavailable');
  });
});

describe.skipIf(!availability.available)('OS keychain (real Secret Service)', () => {
  const accounts = [randomUUID(), randomUUID(), randomUUID()];

  afterAll(async () => {
    for (const account of accounts) await store.delete(account).catch(() => undefined);
  });

  /** Reads the entry from another process, proving it is in the keyring and not in our memory. */
  const readElsewhere = async (account: string) =>
    inChild(
      `const k = (await import('keytar')).default;
       console.log(JSON.stringify(await k.getPassword(${JSON.stringify(SERVICE)}, ${JSON.stringify(account)})));`,
      process.env,
    );

  it('reports itself as an available keychain', () => {
    expect(store.kind).toBe('keychain');
    expect(availability).toEqual({ available: true });
  });

  it('stores, reads, replaces and deletes a token', async () => {
    const [account] = accounts as [string];
    expect(await store.get(account)).toBeNull();

    await store.set(account, 'first-token-1111');
    expect(await store.get(account)).toBe('first-token-1111');
    expect(await readElsewhere(account)).toBe('first-token-1111');

    await store.set(account, 'second-token-2222');
    expect(await store.get(account)).toBe('second-token-2222');
    expect(await readElsewhere(account)).toBe('second-token-2222');

    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await readElsewhere(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('keeps several profiles apart and deletes only the one asked for', async () => {
    const [, a, b] = accounts as [string, string, string];
    await store.set(a, 'token-for-profile-a');
    await store.set(b, 'token-for-profile-b');
    expect(await store.get(a)).toBe('token-for-profile-a');
    expect(await store.get(b)).toBe('token-for-profile-b');

    expect(await store.delete(a)).toBe(true);
    expect(await store.get(a)).toBeNull();
    expect(await store.get(b)).toBe('token-for-profile-b');
  });

  it('does not see entries stored under another service name', async () => {
    const [, , b] = accounts as [string, string, string];
    await store.set(b, 'token-for-profile-b');
    const other = createKeychainStore({ service: `${SERVICE} other` });
    expect(await other.get(b)).toBeNull();
  });

  it('leaves no probe entry behind', async () => {
    await store.probe();
    const entries = await inChild(
      `const k = (await import('keytar')).default;
       console.log(JSON.stringify((await k.findCredentials(${JSON.stringify(SERVICE)})).map((c) => c.account)));`,
      process.env,
    );
    expect(entries).not.toContain('unpod-desk-availability-probe');
  });
});
