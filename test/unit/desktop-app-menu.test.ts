// The application menu per platform and state: what a user finds in each menu, the
// accelerators each system expects, and which items are off when they cannot work.
import { describe, expect, it } from 'vitest';
import {
  buildAppMenu,
  flattenMenu,
  type MenuEntry,
  type MenuState,
} from '../../src-main/desktop/app-menu.ts';
import { buildContextMenu } from '../../src-main/desktop/context-menu.ts';
import { menuCommands } from '../../src-main/ipc/desktop-contract.ts';

const base: MenuState = {
  platform: 'linux',
  appName: 'Unpod Desk',
  signedIn: true,
  page: 'tasks',
  syncRunning: false,
  dev: false,
};

const menu = (over: Partial<MenuState> = {}) => buildAppMenu({ ...base, ...over });
const titles = (entries: MenuEntry[]) => entries.map((e) => (e.type === 'submenu' ? e.label : e.type));
function submenu(entries: MenuEntry[], label: string): MenuEntry[] {
  const found = entries.find((e) => e.type === 'submenu' && e.label.replace('&', '') === label);
  if (found?.type !== 'submenu') throw new Error(`no ${label} menu in ${titles(entries).join(', ')}`);
  return found.items;
}
/** "label [accelerator]" or "role:name", separators as "-", for readable expectations. */
function describeItems(items: MenuEntry[]): string[] {
  return items.map((e) => {
    switch (e.type) {
      case 'separator':
        return '-';
      case 'role':
        return `role:${e.role}${e.label ? ` "${e.label}"` : ''}${e.accelerator ? ` [${e.accelerator}]` : ''}`;
      case 'submenu':
        return `${e.label} >`;
      default:
        return `${e.label}${e.accelerator ? ` [${e.accelerator}]` : ''}${e.enabled ? '' : ' (off)'}`;
    }
  });
}
const item = (entries: MenuEntry[], label: string) => {
  const found = flattenMenu(entries).find((e) => 'label' in e && e.label === label);
  if (!found) throw new Error(`no item ${label}`);
  return found;
};

describe('application menu', () => {
  it('Linux: File, Edit, View, Window, Help; Settings Ctrl+, and Quit Ctrl+Q in File', () => {
    const entries = menu();
    expect(titles(entries)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(describeItems(submenu(entries, 'File'))).toEqual([
      'New call… [CmdOrCtrl+N]',
      'Import leads… [CmdOrCtrl+O]',
      'Export view… [CmdOrCtrl+E]',
      '-',
      'Sync now [F5]',
      '-',
      'Settings [Ctrl+,]',
      '-',
      'role:quit "Quit" [Ctrl+Q]',
    ]);
    expect(describeItems(submenu(entries, 'Edit'))).toEqual([
      'role:undo',
      'role:redo [Ctrl+Shift+Z]',
      '-',
      'role:cut',
      'role:copy',
      'role:paste',
      'role:delete',
      '-',
      'role:selectAll',
    ]);
    expect(describeItems(submenu(entries, 'Help'))).toEqual([
      'Keyboard shortcuts [CmdOrCtrl+/]',
      'Open logs folder',
      '-',
      'About Unpod Desk',
    ]);
  });

  it('Windows: access keys on the menu titles, File → Exit, Redo Ctrl+Y', () => {
    const entries = menu({ platform: 'win32' });
    expect(titles(entries)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    const file = describeItems(submenu(entries, 'File'));
    expect(file.at(-1)).toBe('role:quit "E&xit"');
    expect(file).toContain('Settings [Ctrl+,]');
    expect(describeItems(submenu(entries, 'Edit'))).toContain('role:redo [Ctrl+Y]');
  });

  it('macOS: the app menu holds About, Preferences… Cmd+, and Quit; File has Close instead', () => {
    const entries = menu({ platform: 'darwin' });
    expect(titles(entries)).toEqual(['Unpod Desk', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(describeItems(submenu(entries, 'Unpod Desk'))).toEqual([
      'About Unpod Desk',
      '-',
      'Preferences… [Cmd+,]',
      '-',
      'Services >',
      '-',
      'role:hide',
      'role:hideOthers',
      'role:unhide',
      '-',
      'role:quit',
    ]);
    const file = describeItems(submenu(entries, 'File'));
    expect(file).toContain('Sync now [Cmd+R]');
    expect(file.at(-1)).toBe('role:close');
    expect(file.some((f) => f.startsWith('Settings') || f.includes('quit'))).toBe(false);
    expect(describeItems(submenu(entries, 'Edit'))).toEqual(
      expect.arrayContaining(['role:redo [Shift+Cmd+Z]', 'role:pasteAndMatchStyle']),
    );
    expect(describeItems(submenu(entries, 'Window'))).toEqual([
      'role:minimize',
      'role:zoom',
      '-',
      'role:front',
    ]);
    // About lives in the app menu on macOS, not again in Help.
    expect(describeItems(submenu(entries, 'Help'))).toEqual([
      'Keyboard shortcuts [CmdOrCtrl+/]',
      'Open logs folder',
    ]);
  });

  it('View: the pages with Ctrl/Cmd+1–4, zoom and full screen; developer tools only in development', () => {
    const packaged = describeItems(submenu(menu(), 'View'));
    expect(packaged).toEqual([
      'Tasks [CmdOrCtrl+1]',
      'Agents [CmdOrCtrl+2]',
      'Spaces [CmdOrCtrl+3]',
      'Import [CmdOrCtrl+4]',
      '-',
      'role:resetZoom',
      'role:zoomIn',
      'role:zoomOut',
      '-',
      'role:togglefullscreen',
    ]);
    const dev = describeItems(submenu(menu({ dev: true }), 'View'));
    expect(dev.slice(-3)).toEqual(['role:reload', 'role:forceReload', 'role:toggleDevTools']);
    // On macOS, Cmd+R is Sync now, so Reload (whose default it is) takes Alt+Cmd+R.
    const macDev = describeItems(submenu(menu({ platform: 'darwin', dev: true }), 'View'));
    expect(macDev).toContain('role:reload [Alt+Cmd+R]');
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const all = flattenMenu(menu({ platform }));
      expect(all.some((e) => e.type === 'role' && e.role === 'toggleDevTools')).toBe(false);
      expect(all.some((e) => e.type === 'role' && e.role === 'reload')).toBe(false);
    }
  });

  it('signed out: the workspace commands are off; shortcuts, logs and quitting still work', () => {
    const entries = menu({ signedIn: false, page: null });
    for (const label of [
      'New call…',
      'Import leads…',
      'Export view…',
      'Sync now',
      'Settings',
      'Tasks',
      'Import',
    ]) {
      expect(item(entries, label)).toMatchObject({ enabled: false });
    }
    expect(item(entries, 'Keyboard shortcuts')).toMatchObject({ enabled: true });
    expect(item(entries, 'Open logs folder')).toMatchObject({ enabled: true });
  });

  it('Export view only on the task list; Sync now off while a sync runs', () => {
    expect(item(menu({ page: 'tasks' }), 'Export view…')).toMatchObject({ enabled: true });
    expect(item(menu({ page: 'agents' }), 'Export view…')).toMatchObject({ enabled: false });
    expect(item(menu({ syncRunning: true }), 'Sync now')).toMatchObject({ enabled: false });
    expect(item(menu({ syncRunning: false }), 'Sync now')).toMatchObject({ enabled: true });
  });

  it('every menu command of the contract is reachable from the menus of every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const used = new Set(
        flattenMenu(menu({ platform })).flatMap((e) => (e.type === 'command' ? [e.command] : [])),
      );
      expect([...used].sort()).toEqual([...menuCommands].sort());
    }
  });

  it('no accelerator is given twice in one menu bar', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const accelerators = flattenMenu(menu({ platform, dev: true })).flatMap((e) =>
        'accelerator' in e && e.accelerator
          ? [e.accelerator.replace('CmdOrCtrl', platform === 'darwin' ? 'Cmd' : 'Ctrl')]
          : [],
      );
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });
});

describe('context menu', () => {
  const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
  it('in a text field: cut, copy, paste, select all, each on as the field allows', () => {
    const entries = buildContextMenu({
      isEditable: true,
      selectionText: '',
      editFlags: { ...flags, canCut: false, canCopy: false },
    });
    expect(entries).toEqual([
      { type: 'role', role: 'cut', label: 'Cut', enabled: false },
      { type: 'role', role: 'copy', label: 'Copy', enabled: false },
      { type: 'role', role: 'paste', label: 'Paste', enabled: true },
      { type: 'separator' },
      { type: 'role', role: 'selectAll', label: 'Select all', enabled: true },
    ]);
  });

  it('on selected text outside a field: only Copy; elsewhere: no menu at all', () => {
    expect(buildContextMenu({ isEditable: false, selectionText: 'Asha Rao', editFlags: flags })).toEqual([
      { type: 'role', role: 'copy', label: 'Copy', enabled: true },
    ]);
    expect(buildContextMenu({ isEditable: false, selectionText: '  ', editFlags: flags })).toEqual([]);
  });
});
