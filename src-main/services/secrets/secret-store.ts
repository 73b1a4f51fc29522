// Where API tokens live. One small interface with two implementations: the OS keychain
// (keychain-store.ts, the only file that knows which native binding is used) and a
// session-only memory store the user opts into when no keychain is available. There is
// deliberately no file-backed implementation: a token is never written to disk by this app.
import { AppError } from '../../ipc/errors.ts';

export type SecretStorageKind = 'keychain' | 'session';

export type SecretStoreAvailability =
  | { available: true }
  | {
      available: false;
      /** What went wrong, as reported by the platform (for the details pane and logs). */
      reason: string;
      /** What the user can do about it, e.g. which package to install or what to unlock. */
      hint: string;
    };

export interface SecretStore {
  readonly kind: SecretStorageKind;
  /** Checks that secrets can be stored and read back right now. Never throws. */
  probe(): Promise<SecretStoreAvailability>;
  /** The secret for `account`, or null when none is stored. */
  get(account: string): Promise<string | null>;
  /** Stores or replaces the secret for `account`. */
  set(account: string, secret: string): Promise<void>;
  /** Removes the secret; false when there was none. */
  delete(account: string): Promise<boolean>;
}

/** Service name under which tokens appear in the OS keychain; the account is the profile id. */
export const KEYCHAIN_SERVICE = 'Unpod Desk';

/** Thrown by the keychain store instead of crashing when the OS keychain cannot be used. */
export class KeychainUnavailableError extends AppError {
  readonly reason: string;
  readonly hint: string;

  constructor(reason: string, hint: string) {
    super(
      'keychain_unavailable',
      `The system keychain is not available, so the API token cannot be kept there. ${hint}`,
      { reason, hint },
    );
    this.name = 'KeychainUnavailableError';
    this.reason = reason;
    this.hint = hint;
  }
}

export function isKeychainUnavailable(error: unknown): error is KeychainUnavailableError {
  return error instanceof KeychainUnavailableError;
}
