export {
  KEYCHAIN_SERVICE,
  KeychainUnavailableError,
  isKeychainUnavailable,
  type SecretStore,
  type SecretStoreAvailability,
  type SecretStorageKind,
} from './secret-store.ts';
export {
  createKeychainStore,
  keychainHint,
  type KeychainBinding,
  type KeychainStoreOptions,
} from './keychain-store.ts';
export { createSessionStore } from './session-store.ts';
