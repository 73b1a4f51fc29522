// The first screen when no workspace is open: saved profiles to reopen, the demo workspace, and
// signing in with an Unpod API token.
import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { useHeadingFocus } from '../../lib/pageFocus.ts';
import { AuthNotices } from '../auth/AuthNotices.tsx';
import { SavedProfiles } from '../auth/SavedProfiles.tsx';
import { SignInForm } from '../auth/SignInForm.tsx';
import { useProfiles } from '../auth/useProfiles.ts';
import './welcome.css';
import { useWorkspaceStore } from '../../stores/context.ts';
import { RecoveredNotice } from '../desktop/Notices.tsx';

export function WelcomeScreen() {
  useProfiles();
  const openDemo = useWorkspaceStore((s) => s.openDemo);
  const busy = useWorkspaceStore((s) => s.busy);
  const failure = useWorkspaceStore((s) => s.failure);
  const headingRef = useHeadingFocus<HTMLHeadingElement>();
  const [view, setView] = useState<'choices' | 'sign-in'>('choices');
  const signInHeading = useRef<HTMLHeadingElement>(null);
  const signInButton = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  const opening = busy === 'openDemo';

  // Moving between the choices and the form: focus follows, so keyboard users stay oriented.
  useEffect(() => {
    if (!moved.current) return;
    if (view === 'sign-in') signInHeading.current?.focus();
    else signInButton.current?.focus();
  }, [view]);
  const show = (next: typeof view) => {
    moved.current = true;
    setView(next);
  };

  return (
    <main id="main" className="welcome">
      <div className="welcome__panel">
        <RecoveredNotice />
        <p className="welcome__brand" aria-hidden="true">
          <span className="brand-mark" />
          Unpod Desk
        </p>
        <h1 ref={headingRef} tabIndex={-1}>
          Welcome to Unpod Desk
        </h1>
        <p className="welcome__lead">
          Run outbound AI-call campaigns on Unpod: import leads, launch calls through an agent, and review
          what happened, also when you are offline.
        </p>

        <AuthNotices startup />

        {view === 'sign-in' ? (
          <section className="welcome__sign-in" aria-labelledby="welcome-sign-in-title">
            <h2 id="welcome-sign-in-title" ref={signInHeading} tabIndex={-1}>
              Sign in with an API token
            </h2>
            <SignInForm
              idPrefix="welcome"
              labelledBy="welcome-sign-in-title"
              onCancel={() => show('choices')}
            />
          </section>
        ) : (
          <>
            <SavedProfiles />
            <div className="welcome__choices">
              <section className="welcome__choice" aria-labelledby="welcome-demo-title">
                <h2 id="welcome-demo-title">Try the demo workspace</h2>
                <p id="welcome-demo-note">
                  Demo data from a local sandbox on this computer. No real calls are placed and nothing is
                  sent to Unpod.
                </p>
                <button
                  type="button"
                  className="button button--primary"
                  aria-describedby="welcome-demo-note"
                  aria-disabled={opening || undefined}
                  onClick={() => {
                    if (!opening) void openDemo();
                  }}
                >
                  Open the demo workspace
                </button>
                {opening && <LoadingStatus>Opening the demo workspace…</LoadingStatus>}
              </section>

              <section className="welcome__choice" aria-labelledby="welcome-token-title">
                <h2 id="welcome-token-title">Use your Unpod account</h2>
                <p id="welcome-token-note">
                  Sign in with an API token from your Unpod dashboard (API Keys). The token is kept in this
                  computer&apos;s system keychain.
                </p>
                <button
                  ref={signInButton}
                  type="button"
                  className="button button--secondary"
                  aria-describedby="welcome-token-note"
                  onClick={() => show('sign-in')}
                >
                  Sign in with an API token
                </button>
              </section>
            </div>
          </>
        )}

        {failure?.action === 'openDemo' && (
          <ErrorNotice
            title="Could not open the demo workspace"
            error={failure.error}
            onRetry={() => void failure.retry()}
          />
        )}
      </div>
    </main>
  );
}
