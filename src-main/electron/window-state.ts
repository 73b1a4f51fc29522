// Restores the window's size, place and maximized / full-screen state (desktop/window-state.ts
// decides where, over the displays present now) and saves them as the user changes them.
import { screen, type BrowserWindow } from 'electron';
import { renameSync, writeFileSync } from 'node:fs';
import {
  loadWindowState,
  restoreWindow,
  saveWindowState,
  windowStateSchema,
  type RestoredWindow,
  type WindowSizing,
  type WindowState,
} from '../desktop/window-state.ts';
import type { Logger } from '../log/index.ts';

export const WINDOW_SIZING: WindowSizing = {
  defaultWidth: 1280,
  defaultHeight: 820,
  minWidth: 900,
  minHeight: 600,
};

function currentDisplays() {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen
    .getAllDisplays()
    .map((d) => ({ id: d.id, workArea: d.workArea, primary: d.id === primaryId }));
}

/** Where the window opens (must run after "ready": the screen module needs it). */
export async function restoredWindow(file: string, log: Logger): Promise<RestoredWindow> {
  const { state, problem } = await loadWindowState(file);
  if (problem) log.warn('the saved window position was not used', { problem });
  return restoreWindow(state, currentDisplays(), WINDOW_SIZING);
}

function snapshot(win: BrowserWindow): WindowState {
  const b = win.getNormalBounds();
  const bounds = {
    x: Math.round(b.x),
    y: Math.round(b.y),
    width: Math.max(1, Math.round(b.width)),
    height: Math.max(1, Math.round(b.height)),
  };
  return {
    bounds,
    maximized: win.isMaximized(),
    fullScreen: win.isFullScreen(),
    displayId: screen.getDisplayMatching(bounds).id,
  };
}

/** Saves the state a moment after each move or resize, and at once (synchronously) when the window closes. */
export function trackWindowState(win: BrowserWindow, file: string, log: Logger): void {
  let timer: NodeJS.Timeout | undefined;
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (win.isDestroyed()) return;
      saveWindowState(file, snapshot(win)).catch((error: unknown) =>
        log.warn('could not save the window position', { error }),
      );
    }, 750);
  };
  for (const event of [
    'resize',
    'move',
    'maximize',
    'unmaximize',
    'enter-full-screen',
    'leave-full-screen',
  ] as const) {
    win.on(event as 'resize', saveSoon);
  }
  // Synchronous on close: the app may be quitting, and a pending write would be cut off.
  win.on('close', () => {
    clearTimeout(timer);
    try {
      // Whole or not at all: the text goes to a temporary file that then replaces the old one.
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(windowStateSchema.parse(snapshot(win)), null, 2) + '\n', {
        mode: 0o600,
      });
      renameSync(temp, file);
    } catch (error) {
      log.warn('could not save the window position', { error });
    }
  });
}
