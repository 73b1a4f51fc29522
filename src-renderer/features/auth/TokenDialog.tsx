// A new API token for a saved profile: "Replace token" (rotation) in Settings, or "Sign in
// again" for a profile whose token was removed. Main checks the token against the profile's
// server and organization before it replaces the stored one; a refused token changes nothing.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { IpcError, Profile } from '../../../src-main/ipc/contract.ts';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { settle } from '../../lib/ipc.ts';
import { useStores } from '../../stores/context.ts';
import { failureTitle } from './authErrors.ts';
import { Dialog } from './Dialog.tsx';
import { DialogFormActions } from './DialogFormActions.tsx';
import { FormError } from './FormError.tsx';
import { TextField } from './TextField.tsx';

interface TokenDialogProps {
  profile: Profile;
  /** replace: rotate the token; reopen: the profile has none, store one and open the profile. */
  mode: 'replace' | 'reopen';
  onClose(): void;
}

export function TokenDialog({ profile, mode, onClose }: TokenDialogProps) {
  const stores = useStores();
  const titleId = useId();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const tokenRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (token.trim() === '') {
      setMissing(true);
      tokenRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await settle(() => window.unpod.profiles.replaceToken({ id: profile.id, token }));
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
      tokenRef.current?.focus();
      return;
    }
    setToken('');
    const auth = stores.auth.getState();
    if (mode === 'reopen') {
      onClose();
      await auth.open(result.data);
      return;
    }
    auth.setNotice(
      `The API token of ${profile.name} was replaced. The new token ends in ${result.data.tokenHint}.`,
    );
    void auth.load();
    onClose();
  }

  const title =
    mode === 'replace' ? `Replace the API token of ${profile.name}` : `Sign in to ${profile.name} again`;
  return (
    <Dialog
      title={title}
      titleId={titleId}
      busy={busy}
      onClose={onClose}
      description={
        <p>
          {profile.orgName} on {profile.baseUrl}. The new token is checked with the server before it replaces
          the saved one.
        </p>
      }
    >
      <form className="auth-form" aria-labelledby={titleId} noValidate onSubmit={(e) => void submit(e)}>
        {error && (
          <FormError title={failureTitle(error, 'The token was not saved')}>
            <p>{error.message}</p>
          </FormError>
        )}
        <TextField
          id={`token-dialog-${profile.id}`}
          ref={tokenRef}
          label="New API token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          value={token}
          hint="From the Unpod dashboard, API Keys."
          error={missing ? 'Paste the new API token from the Unpod dashboard (API Keys).' : null}
          invalid={error !== null}
          onChange={(value) => {
            setToken(value);
            if (value.trim() !== '') setMissing(false);
          }}
        />
        {busy && <LoadingStatus>Checking the token…</LoadingStatus>}
        <DialogFormActions
          busy={busy}
          submitVariant="primary"
          submitLabel={busy ? 'Checking the token…' : mode === 'replace' ? 'Replace token' : 'Sign in'}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
