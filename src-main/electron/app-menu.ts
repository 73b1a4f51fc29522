// Applies the menus of desktop/app-menu.ts and desktop/context-menu.ts: the application menu
// (rebuilt when the app's state changes: signed in, page, sync) and the right-click menu of the
// window. Menu commands go to the window as the contract's `menu.command` event.
import { Menu, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { buildAppMenu, type MenuEntry, type MenuState, type ShellAction } from '../desktop/app-menu.ts';
import { buildContextMenu } from '../desktop/context-menu.ts';
import type { MenuCommand } from '../ipc/desktop-contract.ts';

export interface MenuHandlers {
  command(command: MenuCommand): void;
  action(action: ShellAction): void;
}

function toElectron(entry: MenuEntry, handlers: MenuHandlers): MenuItemConstructorOptions {
  switch (entry.type) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      // Keys left out, not undefined: Electron then uses the role's own label and accelerator.
      return {
        role: entry.role,
        ...(entry.label ? { label: entry.label } : {}),
        ...(entry.accelerator ? { accelerator: entry.accelerator } : {}),
      };
    case 'command':
      return {
        label: entry.label,
        ...(entry.accelerator ? { accelerator: entry.accelerator } : {}),
        enabled: entry.enabled,
        click: () => handlers.command(entry.command),
      };
    case 'action':
      return {
        label: entry.label,
        ...(entry.accelerator ? { accelerator: entry.accelerator } : {}),
        enabled: entry.enabled,
        click: () => handlers.action(entry.action),
      };
    case 'submenu':
      // macOS fills the Services menu itself.
      if (entry.role === 'services') return { role: 'services', label: entry.label };
      return {
        label: entry.label,
        ...(entry.role ? { role: entry.role === 'window' ? 'windowMenu' : entry.role } : {}),
        submenu: entry.items.map((item) => toElectron(item, handlers)),
      };
  }
}

/** The application menu; `update` rebuilds it when part of the state changes. */
export function installAppMenu(initial: MenuState, handlers: MenuHandlers) {
  let state = initial;
  const apply = () =>
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildAppMenu(state).map((e) => toElectron(e, handlers))));
  apply();
  return {
    update(patch: Partial<MenuState>): void {
      const next = { ...state, ...patch };
      if ((Object.keys(patch) as (keyof MenuState)[]).every((key) => next[key] === state[key])) return;
      state = next;
      apply();
    },
  };
}

/** Cut, copy, paste and select all in text fields, copy on selected text. */
export function installContextMenu(contents: WebContents): void {
  contents.on('context-menu', (_event, params) => {
    const entries = buildContextMenu(params);
    if (entries.length === 0) return;
    const template: MenuItemConstructorOptions[] = entries.map((e) =>
      e.type === 'separator' ? { type: 'separator' } : { role: e.role, label: e.label, enabled: e.enabled },
    );
    Menu.buildFromTemplate(template).popup();
  });
}
