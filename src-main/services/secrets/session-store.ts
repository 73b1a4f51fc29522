// The session-only store: secrets live in this process's memory and are gone when the app
// quits. Used only when the user explicitly chooses "keep the token for this session only"
// (typically because no keychain is available); never as a silent fallback.
import type { SecretStore, SecretStoreAvailability } from './secret-store.ts';

export function createSessionStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    kind: 'session',
    probe: async (): Promise<SecretStoreAvailability> => ({ available: true }),
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
  };
}
