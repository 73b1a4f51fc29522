// Asks main whether the OS keychain works (a real write, read and delete), when the sign-in form
// opens and again on "Check again". The form offers the session-only choice only when it does not.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeychainStatus } from '../../../src-main/ipc/contract.ts';
import { settle } from '../../lib/ipc.ts';

export interface KeychainCheck {
  /** null while the first check runs. */
  status: KeychainStatus | null;
  checking: boolean;
  recheck(): Promise<KeychainStatus>;
  /** Takes what a failed store told us (keychain_unavailable), without asking again. */
  markUnavailable(reason: string | null, hint: string | null): void;
}

export function useKeychainStatus(): KeychainCheck {
  const [status, setStatus] = useState<KeychainStatus | null>(null);
  const [checking, setChecking] = useState(true);
  const latest = useRef(0);

  // Asks main; the answer is kept only if no newer check (or unmount) came after it.
  const probe = useCallback(async (): Promise<KeychainStatus> => {
    const request = ++latest.current;
    const result = await settle(() => window.unpod.auth.probeKeychain());
    const next: KeychainStatus = result.ok
      ? result.data
      : { available: false, reason: result.error.message, hint: null };
    if (request === latest.current) {
      setStatus(next);
      setChecking(false);
    }
    return next;
  }, []);

  useEffect(() => {
    void probe();
    const requests = latest;
    return () => {
      requests.current++; // an answer after unmount is dropped
    };
  }, [probe]);

  const recheck = useCallback((): Promise<KeychainStatus> => {
    setChecking(true);
    return probe();
  }, [probe]);

  const markUnavailable = useCallback((reason: string | null, hint: string | null) => {
    latest.current++;
    setStatus({ available: false, reason, hint });
    setChecking(false);
  }, []);

  return { status, checking, recheck, markUnavailable };
}
