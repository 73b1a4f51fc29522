// The one app window, created with the secure webPreferences of security.ts.
import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './security.ts';

export function createMainWindow(options: { preloadPath: string; url: string }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Unpod Desk',
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}
