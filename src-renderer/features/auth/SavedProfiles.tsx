// The saved profiles on the welcome screen: open one (its token comes from the keychain), or
// sign in to one again when its token is gone (signed out, or a session-only token).
import { useState } from 'react';
import type { Profile } from '../../../src-main/ipc/contract.ts';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { selectProfiles } from '../../stores/auth.ts';
import { useAuthStore } from '../../stores/context.ts';
import { TokenDialog } from './TokenDialog.tsx';
import { tokenStatusText } from './tokenStatus.ts';

export function SavedProfiles() {
  const profiles = useAuthStore(selectProfiles);
  const lastProfileId = useAuthStore((s) => s.list?.lastProfileId ?? null);
  const opening = useAuthStore((s) => s.opening);
  const open = useAuthStore((s) => s.open);
  const [tokenFor, setTokenFor] = useState<Profile | null>(null);
  if (profiles.length === 0) return null;

  return (
    <section className="saved-profiles" aria-labelledby="saved-profiles-title">
      <h2 id="saved-profiles-title">Your profiles</h2>
      <ul className="saved-profiles__list">
        {profiles.map((profile) => {
          const busy = opening === profile.id;
          const detailId = `saved-profile-${profile.id}-detail`;
          return (
            <li key={profile.id} className="saved-profiles__item">
              <div className="saved-profiles__text">
                <span className="saved-profiles__name">
                  {profile.name}
                  {profile.id === lastProfileId && <span className="badge">Last used</span>}
                </span>
                <span id={detailId} className="saved-profiles__detail">
                  {profile.orgName} on {profile.baseUrl} · {tokenStatusText(profile)}
                </span>
              </div>
              {profile.hasToken ? (
                <button
                  type="button"
                  className="button button--primary button--small"
                  aria-label={busy ? `Opening ${profile.name}…` : `Open ${profile.name}`}
                  aria-describedby={detailId}
                  aria-disabled={opening !== null || undefined}
                  onClick={() => {
                    if (opening === null) void open(profile);
                  }}
                >
                  {busy ? 'Opening…' : 'Open'}
                </button>
              ) : (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-describedby={detailId}
                  onClick={() => setTokenFor(profile)}
                >
                  {/* The whole name in view: a speech-input user says what they read (WCAG 2.5.3). */}
                  Sign in to {profile.name} again
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {opening !== null && (
        <LoadingStatus>{`Opening ${profiles.find((p) => p.id === opening)?.name ?? 'the profile'}…`}</LoadingStatus>
      )}
      {tokenFor && <TokenDialog profile={tokenFor} mode="reopen" onClose={() => setTokenFor(null)} />}
    </section>
  );
}
