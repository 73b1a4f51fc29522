// Where the token will be kept. With a working keychain that is simply said; without one the
// user reads what is wrong and what to install or unlock, and must tick "keep the token for this
// session only" themselves: the app never falls back to another store silently.
import type { Ref } from 'react';
import type { KeychainCheck } from './useKeychainStatus.ts';

interface KeychainChoiceProps {
  idPrefix: string;
  keychain: KeychainCheck;
  sessionOnly: boolean;
  onSessionOnlyChange(value: boolean): void;
  /** Shown under the checkbox when the user tried to go on without choosing. */
  error?: string | null;
  checkboxRef?: Ref<HTMLInputElement>;
}

export function KeychainChoice({
  idPrefix,
  keychain,
  sessionOnly,
  onSessionOnlyChange,
  error,
  checkboxRef,
}: KeychainChoiceProps) {
  const { status, checking } = keychain;
  if (status === null) {
    return (
      <p role="status" className="field__hint">
        Checking the system keychain…
      </p>
    );
  }
  if (status.available) {
    return (
      <p className="field__hint" id={`${idPrefix}-storage-note`}>
        The token is kept in this computer&apos;s system keychain, never in a file, and is not shown again.
      </p>
    );
  }

  const checkboxId = `${idPrefix}-session-only`;
  const errorId = `${checkboxId}-error`;
  return (
    <section className="keychain-missing" aria-labelledby={`${idPrefix}-keychain-title`}>
      <h3 id={`${idPrefix}-keychain-title`}>The system keychain is not available</h3>
      <p>
        Unpod Desk keeps API tokens only in the system keychain, and it cannot use it right now.
        {status.hint ? ` ${status.hint}` : ''}
      </p>
      {status.reason && (
        <details>
          <summary>What went wrong</summary>
          <p className="keychain-missing__reason">{status.reason}</p>
        </details>
      )}
      <div className="checkbox">
        <input
          ref={checkboxRef}
          type="checkbox"
          id={checkboxId}
          checked={sessionOnly}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : `${checkboxId}-note`}
          onChange={(event) => onSessionOnlyChange(event.target.checked)}
        />
        <label htmlFor={checkboxId}>Keep the token for this session only</label>
      </div>
      <p id={`${checkboxId}-note`} className="field__hint">
        The token then stays in Unpod Desk&apos;s memory and is forgotten when the app closes; you enter it
        again next time.
      </p>
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      <button
        type="button"
        className="button button--secondary button--small"
        aria-disabled={checking || undefined}
        onClick={() => {
          if (!checking) void keychain.recheck();
        }}
      >
        {checking ? 'Checking…' : 'Check the keychain again'}
      </button>
    </section>
  );
}
