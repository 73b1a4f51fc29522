// The OS keychain store: macOS Keychain, Windows Credential Manager, or a Secret Service
// (gnome-keyring, KWallet) over D-Bus on Linux, through keytar. This is the only file that knows
// about keytar: keytar is archived upstream, and moving to another binding means rewriting
// `loadKeytar` (and nothing else) against the same three calls.
//
// keytar is loaded with a dynamic import on first use, so a missing or broken native module is
// an error value here rather than a crash at startup. Every failure, whether the module cannot
// load, D-Bus is not reachable, no Secret Service answers, or the keyring is locked, becomes a
// KeychainUnavailableError carrying a hint the user can act on.
import { randomUUID } from 'node:crypto';
import {
  KEYCHAIN_SERVICE,
  KeychainUnavailableError,
  type SecretStore,
  type SecretStoreAvailability,
} from './secret-store.ts';

/** The three keychain operations the app needs (keytar's names and semantics). */
export interface KeychainBinding {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeychainStoreOptions {
  /** Keychain service name. Default "Unpod Desk"; tests use their own so they never touch it. */
  service?: string;
  /** Loads the native binding. Default: keytar through a dynamic import. */
  loadBinding?: () => Promise<KeychainBinding>;
  /**
   * How long one keychain call may take before it counts as unavailable. A locked keyring can
   * show an unlock prompt, so this is generous. Default 60 s.
   */
  timeoutMs?: number;
  /** Platform for the hint text. Default process.platform. */
  platform?: NodeJS.Platform;
}

const PROBE_ACCOUNT = 'unpod-desk-availability-probe';

/** Loads keytar (exported for the start-up check, which only wants to know it loads). */
export async function loadKeytar(): Promise<KeychainBinding> {
  const mod = (await import('keytar')) as KeychainBinding & { default?: KeychainBinding };
  // keytar is CommonJS: its functions are on `default` (module.exports) under ESM.
  const binding = mod.default ?? mod;
  if (typeof binding.getPassword !== 'function' || typeof binding.setPassword !== 'function') {
    throw new Error('keytar loaded but does not export getPassword/setPassword');
  }
  return binding;
}

/** What the user can do when the keychain itself (not the module) cannot be used. */
export function keychainHint(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') {
    return 'Open Keychain Access, unlock your login keychain, and allow Unpod Desk to use it when asked.';
  }
  if (platform === 'win32') {
    return 'Check that Windows Credential Manager is available for your Windows account (it is missing in some restricted or roaming profiles).';
  }
  return 'Install and start a Secret Service such as gnome-keyring (apt install gnome-keyring libsecret-1-0) and unlock your login keyring. KDE users can enable KWallet with its Secret Service integration.';
}

const MODULE_HINT =
  'The keychain component of Unpod Desk (keytar) could not be loaded. Reinstall Unpod Desk; on Linux also install libsecret (apt install libsecret-1-0).';

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

export function createKeychainStore(options: KeychainStoreOptions = {}): SecretStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const hint = keychainHint(options.platform);
  const load = options.loadBinding ?? loadKeytar;
  let bindingPromise: Promise<KeychainBinding> | undefined;

  const binding = async (): Promise<KeychainBinding> => {
    // A module that failed to load will not load later in the same process: remember the failure.
    bindingPromise ??= load();
    try {
      return await bindingPromise;
    } catch (error) {
      throw new KeychainUnavailableError(`keytar could not be loaded: ${messageOf(error)}`, MODULE_HINT);
    }
  };

  /** Runs one keychain call; any failure or a hang becomes KeychainUnavailableError. */
  const call = async <T>(what: string, run: (b: KeychainBinding) => Promise<T>): Promise<T> => {
    const b = await binding();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the keychain did not answer within ${Math.round(timeoutMs / 1000)} s`)),
        timeoutMs,
      );
      // A stuck native call must not keep the process alive on its own.
      timer.unref();
    });
    try {
      return await Promise.race([run(b), timeout]);
    } catch (error) {
      throw new KeychainUnavailableError(`${what} failed: ${messageOf(error)}`, hint);
    } finally {
      clearTimeout(timer);
    }
  };

  const checkAccount = (account: string): void => {
    if (typeof account !== 'string' || account.length === 0)
      throw new TypeError('account must be a non-empty string');
  };

  return {
    kind: 'keychain',

    async probe(): Promise<SecretStoreAvailability> {
      // A real round trip: a read alone succeeds against a locked or collection-less keyring,
      // but the write that matters would then fail.
      const value = `probe-${randomUUID()}`;
      try {
        await call('Writing to the keychain', (b) => b.setPassword(service, PROBE_ACCOUNT, value));
        const back = await call('Reading from the keychain', (b) => b.getPassword(service, PROBE_ACCOUNT));
        await call('Deleting from the keychain', (b) => b.deletePassword(service, PROBE_ACCOUNT));
        if (back !== value) {
          return { available: false, reason: 'The keychain did not return the value just stored.', hint };
        }
        return { available: true };
      } catch (error) {
        if (error instanceof KeychainUnavailableError) {
          return { available: false, reason: error.reason, hint: error.hint };
        }
        return { available: false, reason: messageOf(error), hint };
      }
    },

    async get(account) {
      checkAccount(account);
      return call('Reading from the keychain', (b) => b.getPassword(service, account));
    },

    async set(account, secret) {
      checkAccount(account);
      if (typeof secret !== 'string' || secret.length === 0)
        throw new TypeError('secret must be a non-empty string');
      await call('Writing to the keychain', (b) => b.setPassword(service, account, secret));
    },

    async delete(account) {
      checkAccount(account);
      return call('Deleting from the keychain', (b) => b.deletePassword(service, account));
    },
  };
}
