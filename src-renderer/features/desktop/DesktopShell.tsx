// The window's side of the desktop shell: acts on the native menus' commands, takes a CSV the
// operating system handed the app (main stages it; once a workspace is open the Import page
// shows its preview, or why it cannot be read), reads the
// reload notice main put in the address after a crash, and shows the keyboard-shortcuts list.
// In the web host nothing sends these events, and a CSV can still be offered through main.
import { useEffect } from 'react';
import { recoveredReason, RECOVERED_PARAM } from '../../../src-main/shared/crash-notice.ts';
import { requestHeadingFocus } from '../../lib/pageFocus.ts';
import { useDesktopStore, useStores, useWorkspaceStore } from '../../stores/context.ts';
import { pageHref, type PageId } from '../../stores/navigation.ts';
import { downloadUrl } from '../tasks/download.ts';
import { runMenuCommand } from './menuCommands.ts';
import { KeyboardShortcutsDialog } from '../help/KeyboardShortcutsDialog.tsx';

function go(page: PageId): void {
  const href = pageHref(page);
  if (window.location.hash === href) return;
  requestHeadingFocus();
  window.location.hash = href;
}

/** Settings, then its About section scrolled to and focused once it has rendered. */
function showAbout(): void {
  go('settings');
  const started = performance.now();
  const focusWhenThere = () => {
    const heading = document.getElementById('about-app-title');
    if (heading) {
      heading.scrollIntoView({ block: 'start' });
      heading.focus();
    } else if (performance.now() - started < 3000) {
      requestAnimationFrame(focusWhenThere);
    }
  };
  requestAnimationFrame(focusWhenThere);
}

/** Takes the notice's reason off the address, so a later reload does not show it again. */
function readRecoveredOnce(): ReturnType<typeof recoveredReason> {
  const reason = recoveredReason(window.location.search);
  if (reason !== null) {
    const url = new URL(window.location.href);
    url.searchParams.delete(RECOVERED_PARAM);
    window.history.replaceState(window.history.state, '', url.href);
  }
  return reason;
}

export function DesktopShell() {
  const stores = useStores();
  const kind = useWorkspaceStore((s) => s.state?.kind ?? null);
  const organization = useWorkspaceStore((s) => s.state?.organization?.domainHandle ?? null);
  const offered = useDesktopStore((s) => s.offeredFile);
  const shortcutsOpen = useDesktopStore((s) => s.shortcutsOpen);
  const setShortcutsOpen = useDesktopStore((s) => s.setShortcutsOpen);

  useEffect(() => {
    const desktop = stores.desktop.getState();
    const reason = readRecoveredOnce();
    if (reason !== null) desktop.setRecovered(reason);
    const offs = [
      window.unpod.on('menu.command', ({ command }) => {
        void runMenuCommand(command, {
          stores,
          go,
          download: (name, url) => downloadUrl(name, url),
          showAbout,
        });
      }),
      window.unpod.on('desktop.fileOffered', () => void stores.desktop.getState().takeOfferedFile()),
    ];
    // A file given on the command line arrived before this page listened.
    void desktop.takeOfferedFile();
    return () => {
      for (const off of offs) off();
    };
  }, [stores]);

  // A newly offered file goes into the import draft once a workspace and its organization are open
  // (the welcome screen has no pages, and another workspace or organization starts a fresh draft,
  // registry.ts), and Import shows it.
  useEffect(() => {
    if (offered === null || kind === null || kind === 'none' || organization === null) return;
    const staged = stores.desktop.getState().claimOfferedFile();
    if (staged === null) return;
    void stores.importDraft.getState().adoptStaged(staged);
    go('import');
  }, [offered, kind, organization, stores]);

  return shortcutsOpen ? <KeyboardShortcutsDialog onClose={() => setShortcutsOpen(false)} /> : null;
}
