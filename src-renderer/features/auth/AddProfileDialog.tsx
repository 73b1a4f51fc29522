// "Add profile" from the profile switcher or Settings: the sign-in form in a dialog. Signing in
// opens the new profile, and the dialog closes.
import { useId } from 'react';
import { Dialog } from './Dialog.tsx';
import { SignInForm } from './SignInForm.tsx';

export function AddProfileDialog({ onClose }: { onClose(): void }) {
  const titleId = useId();
  return (
    <Dialog
      title="Add a profile"
      titleId={titleId}
      description="Sign in with an API token for another organization or another Unpod server."
      onClose={onClose}
    >
      <SignInForm idPrefix="add-profile" labelledBy={titleId} onCancel={onClose} onSignedIn={onClose} />
    </Dialog>
  );
}
