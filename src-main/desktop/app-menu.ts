// The application menu as data, built from the app's state by a pure function, so every
// platform's menu is unit-tested without Electron. electron/app-menu.ts turns the entries into
// Electron's MenuItemConstructorOptions: a `command` entry sends the contract's `menu.command`
// event to the window, an `action` entry is done by main itself, a `role` is Electron's own.
// Conventions: https://www.electronjs.org/docs/latest/api/menu#main-menus-name and each
// system's guidelines (macOS: app menu with Preferences… Cmd+, and Quit; Windows: File → Exit,
// Redo Ctrl+Y; Linux: Quit Ctrl+Q, Redo Ctrl+Shift+Z).
import type { MenuCommand } from '../ipc/desktop-contract.ts';
import type { PageId } from '../ipc/contract.ts';

/** Electron's built-in roles this menu uses (a subset of MenuItemConstructorOptions['role']). */
export type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'minimize'
  | 'zoom'
  | 'close'
  | 'front'
  | 'window'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'help';

/** What main does itself (no window needed). */
export type ShellAction = 'open-logs-folder';

export type MenuEntry =
  | { type: 'command'; label: string; command: MenuCommand; accelerator?: string; enabled: boolean }
  | { type: 'action'; label: string; action: ShellAction; accelerator?: string; enabled: boolean }
  | { type: 'role'; role: MenuRole; label?: string; accelerator?: string }
  | { type: 'separator' }
  | { type: 'submenu'; label: string; role?: 'window' | 'help' | 'services'; items: MenuEntry[] };

export interface MenuState {
  platform: NodeJS.Platform;
  /** The product name, the macOS app menu's title. */
  appName: string;
  /** A workspace (the demo or a profile) is open: the pages exist. */
  signedIn: boolean;
  /** The page shown, when known. */
  page: PageId | null;
  /** A task sync is running (Sync now is then off). */
  syncRunning: boolean;
  /** Not packaged: reload and developer tools are offered. */
  dev: boolean;
}

const separator: MenuEntry = { type: 'separator' };
const role = (r: MenuRole, extra: { label?: string; accelerator?: string } = {}): MenuEntry => ({
  type: 'role',
  role: r,
  ...extra,
});
const command = (label: string, cmd: MenuCommand, enabled: boolean, accelerator?: string): MenuEntry => ({
  type: 'command',
  label,
  command: cmd,
  enabled,
  ...(accelerator ? { accelerator } : {}),
});

export function buildAppMenu(state: MenuState): MenuEntry[] {
  const mac = state.platform === 'darwin';
  const windows = state.platform === 'win32';
  const open = state.signedIn;
  const aboutLabel = `About ${state.appName}`;

  const appMenu: MenuEntry = {
    type: 'submenu',
    label: state.appName,
    items: [
      command(aboutLabel, 'about', open),
      separator,
      command('Preferences…', 'open-settings', open, 'Cmd+,'),
      separator,
      { type: 'submenu', label: 'Services', role: 'services', items: [] },
      separator,
      role('hide'),
      role('hideOthers'),
      role('unhide'),
      separator,
      role('quit'),
    ],
  };

  const file: MenuEntry = {
    type: 'submenu',
    label: windows ? '&File' : 'File',
    items: [
      command('New call…', 'new-call', open, 'CmdOrCtrl+N'),
      command('Import leads…', 'import-leads', open, 'CmdOrCtrl+O'),
      command('Export view…', 'export-view', open && state.page === 'tasks', 'CmdOrCtrl+E'),
      separator,
      // Cmd+R is "refresh" on macOS; F5 on Windows and Linux. Neither reloads the page in a packaged app.
      command('Sync now', 'sync-now', open && !state.syncRunning, mac ? 'Cmd+R' : 'F5'),
      ...(mac
        ? [separator, role('close')]
        : [
            separator,
            command('Settings', 'open-settings', open, 'Ctrl+,'),
            separator,
            windows
              ? role('quit', { label: 'E&xit' })
              : role('quit', { label: 'Quit', accelerator: 'Ctrl+Q' }),
          ]),
    ],
  };

  const edit: MenuEntry = {
    type: 'submenu',
    label: windows ? '&Edit' : 'Edit',
    items: [
      role('undo'),
      role('redo', { accelerator: mac ? 'Shift+Cmd+Z' : windows ? 'Ctrl+Y' : 'Ctrl+Shift+Z' }),
      separator,
      role('cut'),
      role('copy'),
      role('paste'),
      ...(mac ? [role('pasteAndMatchStyle')] : []),
      role('delete'),
      separator,
      role('selectAll'),
    ],
  };

  const view: MenuEntry = {
    type: 'submenu',
    label: windows ? '&View' : 'View',
    items: [
      command('Tasks', 'show-tasks', open, 'CmdOrCtrl+1'),
      command('Agents', 'show-agents', open, 'CmdOrCtrl+2'),
      command('Spaces', 'show-spaces', open, 'CmdOrCtrl+3'),
      command('Import', 'show-import', open, 'CmdOrCtrl+4'),
      separator,
      role('resetZoom'),
      role('zoomIn'),
      role('zoomOut'),
      separator,
      role('togglefullscreen'),
      // Reload's default Cmd+R is Sync now on macOS; there it moves to Alt+Cmd+R.
      ...(state.dev
        ? [
            separator,
            mac ? role('reload', { accelerator: 'Alt+Cmd+R' }) : role('reload'),
            role('forceReload'),
            role('toggleDevTools'),
          ]
        : []),
    ],
  };

  const windowMenu: MenuEntry = {
    type: 'submenu',
    label: windows ? '&Window' : 'Window',
    role: 'window',
    items: mac
      ? [role('minimize'), role('zoom'), separator, role('front')]
      : [role('minimize'), role('close')],
  };

  const help: MenuEntry = {
    type: 'submenu',
    label: windows ? '&Help' : 'Help',
    role: 'help',
    items: [
      command('Keyboard shortcuts', 'keyboard-shortcuts', true, 'CmdOrCtrl+/'),
      { type: 'action', label: 'Open logs folder', action: 'open-logs-folder', enabled: true },
      // macOS keeps About in the app menu.
      ...(mac ? [] : [separator, command(aboutLabel, 'about', open)]),
    ],
  };

  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, help];
}

/** Every entry of a menu, depth first (tests and the applier look entries up by label). */
export function flattenMenu(entries: readonly MenuEntry[]): MenuEntry[] {
  return entries.flatMap((e) => (e.type === 'submenu' ? [e, ...flattenMenu(e.items)] : [e]));
}
