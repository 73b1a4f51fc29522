// What the window does for each command of the native menus (the contract's menu.command
// event): move to a page, export the list shown, start a sync, open Settings, the shortcuts
// list, About, or ask the Import page for its file chooser or New call dialog. Plain functions over the stores, so each command is unit-tested without a window.
import type { MenuCommand } from '../../../src-main/ipc/desktop-contract.ts';
import type { AppStores } from '../../stores/registry.ts';
import type { PageId } from '../../stores/navigation.ts';

export interface MenuCommandDeps {
  stores: Pick<AppStores, 'tasks' | 'desktop'>;
  /** Moves to a page (a link would do the same). */
  go(page: PageId): void;
  /** Starts the browser's download of an export main streams (in Electron main has written it). */
  download(filename: string, url: string): void;
  /** Settings → About, focused. */
  showAbout(): void;
}

/** Settles once the task list has a scope (it gets one when the Tasks page shows), or after `ms`. */
function whenTaskListReady(tasks: MenuCommandDeps['stores']['tasks'], ms = 10_000): Promise<boolean> {
  if (tasks.getState().scope !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(false);
    }, ms);
    const stop = tasks.subscribe((state) => {
      if (state.scope === null) return;
      clearTimeout(timer);
      stop();
      resolve(true);
    });
  });
}

export async function runMenuCommand(command: MenuCommand, deps: MenuCommandDeps): Promise<void> {
  const { tasks, desktop } = deps.stores;
  switch (command) {
    case 'show-tasks':
      return deps.go('tasks');
    case 'show-agents':
      return deps.go('agents');
    case 'show-spaces':
      return deps.go('spaces');
    case 'show-import':
      return deps.go('import');
    case 'new-call':
      // The Import page opens its New call dialog (once it shows).
      desktop.getState().requestOnImport('new-call');
      return deps.go('import');
    case 'import-leads':
      // The Import page focuses its file chooser: a page cannot open it without a click in the
      // page, so in the desktop app main shows the system's open dialog as well (index.ts).
      desktop.getState().requestOnImport('choose-file');
      return deps.go('import');
    case 'open-settings':
      return deps.go('settings');
    case 'export-view': {
      // The view is the task list with its filters and sort, as shown.
      deps.go('tasks');
      if (!(await whenTaskListReady(tasks))) return;
      const file = await tasks.getState().exportCsv();
      if (file) deps.download(file.filename, file.url);
      return;
    }
    case 'sync-now': {
      deps.go('tasks');
      if (!(await whenTaskListReady(tasks))) return;
      if (tasks.getState().sync?.phase === 'running') return;
      return tasks.getState().startSync('full');
    }
    case 'keyboard-shortcuts':
      return desktop.getState().setShortcutsOpen(true);
    case 'about':
      return deps.showAbout();
  }
}
