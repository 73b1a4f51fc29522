// Chooses the screen: starting up, the welcome screen, or the frame of an open workspace.
import { useEffect } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { LoadingStatus } from '../components/LoadingStatus.tsx';
import { AppFrame } from '../features/frame/AppFrame.tsx';
import { startTasksEarly } from '../features/tasks/openEarly.ts';
import { WelcomeScreen } from '../features/welcome/WelcomeScreen.tsx';
import { useStores, useWorkspaceStore } from '../stores/context.ts';

export function App() {
  const stores = useStores();
  const status = useWorkspaceStore((s) => s.status);
  const kind = useWorkspaceStore((s) => s.state?.kind ?? null);
  const loadError = useWorkspaceStore((s) => s.loadError);
  const load = useWorkspaceStore((s) => s.load);

  useEffect(() => {
    const stopEarly = startTasksEarly(stores);
    const stopSync = stores.connect();
    return () => {
      stopSync();
      stopEarly();
    };
  }, [stores]);

  if (kind === null) {
    return (
      <main id="main" className="startup">
        <h1 className="visually-hidden">Unpod Desk</h1>
        {status === 'error' && loadError ? (
          <ErrorNotice title="Unpod Desk could not start" error={loadError} onRetry={() => void load()} />
        ) : (
          <LoadingStatus>Starting Unpod Desk…</LoadingStatus>
        )}
      </main>
    );
  }
  return kind === 'none' ? <WelcomeScreen /> : <AppFrame />;
}
