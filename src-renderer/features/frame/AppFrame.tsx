// The frame around an open workspace: top bar, left navigation, and the current page.
import { useCallback, useEffect } from 'react';
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { useWindowFileDrop } from '../import/windowDrop.ts';
import { useNavigationStore, useStores, useWorkspaceStore } from '../../stores/context.ts';
import { pageHref } from '../../stores/navigation.ts';
import { CurrentPage } from './CurrentPage.tsx';
import { RecoveredNotice } from '../desktop/Notices.tsx';
import { DemoNotice } from './DemoNotice.tsx';
import { FrameNotices } from './FrameNotices.tsx';
import { SideNav } from './SideNav.tsx';
import { SkipLink } from './SkipLink.tsx';
import { TopBar } from './TopBar.tsx';
import { useFrameData } from './useFrameData.ts';
import './frame.css';

export function AppFrame() {
  const page = useNavigationStore((s) => s.page);
  const isDemo = useWorkspaceStore((s) => s.state?.kind === 'demo');
  useFrameData();
  const { navigation } = useStores();
  useEffect(() => navigation.getState().followAddress(), [navigation]);
  // A file dropped anywhere opens Import with it.
  const { importDraft } = useStores();
  useWindowFileDrop(
    useCallback(
      (file: File) => {
        window.location.hash = pageHref('import');
        void importDraft.getState().chooseFile(file);
      },
      [importDraft],
    ),
  );

  return (
    <div className="frame">
      <SkipLink />
      <TopBar />
      <SideNav />
      <main id="main" className="frame__main" tabIndex={-1}>
        <RecoveredNotice />
        {isDemo && <DemoNotice />}
        <FrameNotices />
        {/* Keyed by page: a crash on one page does not stick when moving to another. */}
        <ErrorBoundary key={page} area="this page">
          <CurrentPage page={page} />
        </ErrorBoundary>
      </main>
    </div>
  );
}
