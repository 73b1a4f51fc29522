// The two SecretStore implementations through their public interface: the session-only store,
// and the keychain store's handling of a binding that fails or hangs (a locked keyring whose
// unlock prompt nobody answers). The real Secret Service round trips are in keychain.test.ts.
import { describe, expect, it } from 'vitest';
import {
  createKeychainStore,
  createSessionStore,
  isKeychainUnavailable,
  KeychainUnavailableError,
  type KeychainBinding,
} from '../../src-main/services/secrets/index.ts';

describe('session-only secret store', () => {
  it('keeps secrets in memory per account, and only for this store', async () => {
    const store = createSessionStore();
    expect(store.kind).toBe('session');
    expect(await store.probe()).toEqual({ available: true });
    expect(await store.get('a')).toBeNull();
    await store.set('a', 'token-a');
    await store.set('b', 'token-b');
    await store.set('a', 'token-a2');
    expect(await store.get('a')).toBe('token-a2');
    expect(await store.get('b')).toBe('token-b');
    expect(await store.delete('a')).toBe(true);
    expect(await store.delete('a')).toBe(false);
    expect(await store.get('a')).toBeNull();
    // A new store (the next app start) has nothing.
    expect(await createSessionStore().get('b')).toBeNull();
  });
});

describe('keychain store failure handling', () => {
  const failing = (message: string): KeychainBinding => ({
    getPassword: () => Promise.reject(new Error(message)),
    setPassword: () => Promise.reject(new Error(message)),
    deletePassword: () => Promise.reject(new Error(message)),
  });

  it('maps every failing call to keychain_unavailable with the platform hint', async () => {
    const store = createKeychainStore({
      service: 'Unpod Desk Test',
      platform: 'linux',
      loadBinding: async () =>
        failing('Object does not exist at path “/org/freedesktop/secrets/collection/login”'),
    });
    for (const call of [
      () => store.get('p'),
      () => store.set('p', 'secret-value'),
      () => store.delete('p'),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(isKeychainUnavailable(error)).toBe(true);
      const typed = error as KeychainUnavailableError;
      expect(typed.code).toBe('keychain_unavailable');
      expect(typed.reason).toContain('collection/login');
      expect(typed.hint).toContain('unlock your login keyring');
      expect(typed.details).toEqual({ reason: typed.reason, hint: typed.hint });
    }
    const probe = await store.probe();
    expect(probe.available).toBe(false);
  });

  it('gives up on a keychain call that never answers', async () => {
    const hanging: KeychainBinding = {
      getPassword: () => new Promise(() => undefined),
      setPassword: () => new Promise(() => undefined),
      deletePassword: () => new Promise(() => undefined),
    };
    const store = createKeychainStore({
      loadBinding: async () => hanging,
      timeoutMs: 200,
      platform: 'darwin',
    });
    const error = (await store.get('p').catch((e: unknown) => e)) as KeychainUnavailableError;
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error.reason).toMatch(/did not answer within/);
    expect(error.hint).toMatch(/Keychain Access/);
  });

  it('refuses empty accounts and secrets without touching the keychain', async () => {
    let calls = 0;
    const counting: KeychainBinding = {
      getPassword: async () => (calls++, null),
      setPassword: async () => void calls++,
      deletePassword: async () => (calls++, false),
    };
    const store = createKeychainStore({ loadBinding: async () => counting });
    await expect(store.get('')).rejects.toThrow(TypeError);
    await expect(store.set('p', '')).rejects.toThrow(TypeError);
    expect(calls).toBe(0);
  });
});
