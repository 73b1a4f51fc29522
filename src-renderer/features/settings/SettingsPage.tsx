// Settings: the saved sign-in profiles (server, organization, where the token is kept and its
// hint) with "Replace token" and "Sign out" for each, "Add profile", and what the app is.
import { useState } from 'react';
import type { Profile } from '../../../src-main/ipc/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { selectProfiles } from '../../stores/auth.ts';
import { useAuthStore, useWorkspaceStore } from '../../stores/context.ts';
import { AddProfileDialog } from '../auth/AddProfileDialog.tsx';
import { SignOutDialog } from '../auth/SignOutDialog.tsx';
import { TokenDialog } from '../auth/TokenDialog.tsx';
import { tokenStatusText } from '../auth/tokenStatus.ts';
import { useProfiles } from '../auth/useProfiles.ts';
import { AboutApp } from './AboutApp.tsx';
import { HelpSettings, RecordingsSettings } from '../player/RecordingsSettings.tsx';
import './settings.css';

type OpenDialog =
  | { kind: 'add' }
  | { kind: 'replace'; profile: Profile }
  | { kind: 'reopen'; profile: Profile }
  | { kind: 'sign-out'; profile: Profile };

function ProfileCard({
  profile,
  current,
  onDialog,
}: {
  profile: Profile;
  current: boolean;
  onDialog(d: OpenDialog): void;
}) {
  const titleId = `settings-profile-${profile.id}`;
  return (
    <li>
      <section className="profile-card" aria-labelledby={titleId}>
        <h3 id={titleId} className="profile-card__title">
          {profile.name}
          {current && <span className="badge badge--current">Open now</span>}
        </h3>
        <dl className="profile-card__facts">
          <dt>Server</dt>
          <dd>{profile.baseUrl}</dd>
          <dt>Organization</dt>
          <dd>
            {profile.orgName} <span className="profile-card__handle">({profile.orgHandle})</span>
          </dd>
          <dt>API token</dt>
          <dd>{tokenStatusText(profile)}</dd>
        </dl>
        <div className="profile-card__actions">
          {profile.hasToken ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => onDialog({ kind: 'replace', profile })}
            >
              Replace token
            </button>
          ) : (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => onDialog({ kind: 'reopen', profile })}
            >
              Sign in again
            </button>
          )}
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => onDialog({ kind: 'sign-out', profile })}
          >
            Sign out…
          </button>
        </div>
      </section>
    </li>
  );
}

export function SettingsPage() {
  useProfiles();
  const profiles = useAuthStore(selectProfiles);
  const status = useAuthStore((s) => s.status);
  const loadError = useAuthStore((s) => s.loadError);
  const load = useAuthStore((s) => s.load);
  const kind = useWorkspaceStore((s) => s.state?.kind);
  const currentId = useWorkspaceStore((s) => s.state?.profileId ?? null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const close = () => setDialog(null);

  return (
    <>
      <PageHeader title="Settings" description="Your Unpod sign-in profiles and how the app behaves." />
      <section className="settings-section" aria-labelledby="settings-profiles-title">
        <div className="settings-section__header">
          <h2 id="settings-profiles-title">Profiles</h2>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setDialog({ kind: 'add' })}
          >
            Add profile
          </button>
        </div>
        {kind === 'demo' && (
          <p className="settings-section__note">
            You are in the demo workspace, which needs no API token. Add a profile to work with your Unpod
            account.
          </p>
        )}
        {loadError && (
          <ErrorNotice title="Could not load the profiles" error={loadError} onRetry={() => void load()} />
        )}
        {status === 'loading' && profiles.length === 0 && (
          <LoadingStatus>Loading the profiles…</LoadingStatus>
        )}
        {status === 'ready' && profiles.length === 0 && (
          <p className="settings-section__note">No profiles are saved on this computer yet.</p>
        )}
        {profiles.length > 0 && (
          <ul className="profile-cards">
            {profiles.map((profile) => (
              <ProfileCard
                key={profile.id}
                profile={profile}
                current={kind === 'profile' && profile.id === currentId}
                onDialog={setDialog}
              />
            ))}
          </ul>
        )}
      </section>
      <RecordingsSettings />
      <HelpSettings />
      <AboutApp />
      {dialog?.kind === 'add' && <AddProfileDialog onClose={close} />}
      {(dialog?.kind === 'replace' || dialog?.kind === 'reopen') && (
        <TokenDialog profile={dialog.profile} mode={dialog.kind} onClose={close} />
      )}
      {dialog?.kind === 'sign-out' && <SignOutDialog profile={dialog.profile} onClose={close} />}
    </>
  );
}
