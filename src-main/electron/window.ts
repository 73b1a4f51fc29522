// The one app window, created with the secure webPreferences of security.ts, where the user left
// it (window-state.ts).
import { BrowserWindow } from 'electron';
import type { RestoredWindow } from '../desktop/window-state.ts';
import { secureWebPreferences } from './security.ts';
import { WINDOW_SIZING } from './window-state.ts';

export function createMainWindow(options: { preloadPath: string; restored: RestoredWindow }): BrowserWindow {
  const { bounds, maximized, fullScreen } = options.restored;
  const win = new BrowserWindow({
    ...bounds,
    minWidth: WINDOW_SIZING.minWidth,
    minHeight: WINDOW_SIZING.minHeight,
    title: 'Unpod Desk',
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  // Maximized before it shows, so it does not jump; full screen once shown (macOS needs a visible window).
  if (maximized) win.maximize();
  win.once('ready-to-show', () => {
    win.show();
    if (fullScreen) win.setFullScreen(true);
  });
  return win;
}
