// "Sign out": removes the profile's token from the keychain (or from memory), and, if the user
// ticks it, this profile's cached data on this computer and the profile itself.
import { useId, useState, type FormEvent } from 'react';
import type { IpcError, Profile } from '../../../src-main/ipc/contract.ts';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { settle } from '../../lib/ipc.ts';
import { useStores } from '../../stores/context.ts';
import { failureTitle } from './authErrors.ts';
import { Dialog } from './Dialog.tsx';
import { DialogFormActions } from './DialogFormActions.tsx';
import { FormError } from './FormError.tsx';

export function SignOutDialog({ profile, onClose }: { profile: Profile; onClose(): void }) {
  const titleId = useId();
  const cacheId = useId();
  const forgetId = useId();
  const [deleteCachedData, setDeleteCachedData] = useState(false);
  const [forgetProfile, setForgetProfile] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const { auth } = useStores();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await settle(() =>
      window.unpod.profiles.signOut({ id: profile.id, deleteCachedData, forgetProfile }),
    );
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
      return;
    }
    const { tokenRemoved, cachedDataDeleted, profileForgotten, workspace } = result.data;
    const where = profile.storage === 'keychain' ? 'the system keychain' : "Unpod Desk's memory";
    const parts = [
      `Signed out of ${profile.name}.`,
      tokenRemoved ? `Its API token was removed from ${where}.` : 'No API token was stored for it.',
      cachedDataDeleted ? 'Its cached data on this computer was deleted.' : '',
      profileForgotten ? 'The profile was removed from the list.' : '',
    ];
    auth.getState().setNotice(parts.filter(Boolean).join(' '));
    onClose();
    auth.getState().applyWorkspace(workspace);
  }

  const storageText =
    profile.storage === 'keychain'
      ? "The API token is removed from this computer's system keychain."
      : 'The API token, kept for this session only, is forgotten.';
  return (
    <Dialog
      title={`Sign out of ${profile.name}?`}
      titleId={titleId}
      busy={busy}
      onClose={onClose}
      description={<p>{storageText} To use this profile again you enter a token again.</p>}
    >
      <form className="auth-form" aria-labelledby={titleId} noValidate onSubmit={(e) => void submit(e)}>
        {error && (
          <FormError title={failureTitle(error, 'Could not sign out')}>
            <p>{error.message}</p>
          </FormError>
        )}
        <div className="checkbox">
          <input
            type="checkbox"
            id={cacheId}
            checked={deleteCachedData}
            aria-describedby={`${cacheId}-hint`}
            onChange={(event) => setDeleteCachedData(event.target.checked)}
          />
          <label htmlFor={cacheId}>Also delete this profile&apos;s cached data on this computer</label>
        </div>
        <p id={`${cacheId}-hint`} className="field__hint">
          Tasks, transcripts and recordings kept for offline use. Unpod keeps its own copy; they are
          downloaded again when you sign in again.
        </p>
        <div className="checkbox">
          <input
            type="checkbox"
            id={forgetId}
            checked={forgetProfile}
            onChange={(event) => setForgetProfile(event.target.checked)}
          />
          <label htmlFor={forgetId}>Also remove the profile from the list</label>
        </div>
        {busy && <LoadingStatus>Signing out…</LoadingStatus>}
        <DialogFormActions busy={busy} submitVariant="danger" submitLabel="Sign out" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
