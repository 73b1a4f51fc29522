// When Unpod refuses the open profile's API token (401, or expired), every panel would fail: the
// top bar says so (see ConnectionIndicator) and offers the way out, a new token for the profile.
// Once main has checked and stored it, the profile reopens with it and comes back online.
import { useState } from 'react';
import { selectProfiles } from '../../stores/auth.ts';
import { TokenDialog } from '../auth/TokenDialog.tsx';
import { useAuthStore, useConnectionStore, useWorkspaceStore } from '../../stores/context.ts';

export function RejectedTokenAction() {
  const rejected = useConnectionStore((s) => s.connection?.state === 'rejected');
  const profileId = useWorkspaceStore((s) => (s.state?.kind === 'profile' ? s.state.profileId : null));
  const profile = useAuthStore((s) => selectProfiles(s).find((p) => p.id === profileId) ?? null);
  const [open, setOpen] = useState(false);
  // The demo has no token to replace.
  if (profileId === null || (!rejected && !open)) return null;
  return (
    <>
      {rejected && (
        <button
          type="button"
          className="button button--primary button--small"
          aria-disabled={profile === null || undefined}
          onClick={() => {
            if (profile !== null) setOpen(true);
          }}
        >
          Replace token
        </button>
      )}
      {open && profile !== null && (
        <TokenDialog profile={profile} mode="replace" onClose={() => setOpen(false)} />
      )}
    </>
  );
}
