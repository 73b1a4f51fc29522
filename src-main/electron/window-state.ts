// Restores the window's size, place and maximized / full-screen state (desktop/window-state.ts
// decides where, over the displays present now, from the state saved with the same displays)
// and saves them as the user changes them.
import { screen, type BrowserWindow } from 'electron';
import { renameSync, writeFileSync } from 'node:fs';
import {
  displayLayoutKey,
  loadWindowState,
  restoreWindow,
  saveWindowState,
  savedStateFor,
  windowStateText,
  withSavedState,
  type RestoredWindow,
  type WindowSizing,
  type WindowState,
  type WindowStateFile,
} from '../desktop/window-state.ts';
import type { Logger } from '../log/index.ts';

export const WINDOW_SIZING: WindowSizing = {
  defaultWidth: 1280,
  defaultHeight: 820,
  minWidth: 900,
  minHeight: 600,
};

/** The displays now: their work areas for placing the window, their bounds for naming the arrangement. */
function currentDisplays() {
  const primaryId = screen.getPrimaryDisplay().id;
  const displays = screen.getAllDisplays();
  return {
    areas: displays.map((d) => ({ id: d.id, workArea: d.workArea, primary: d.id === primaryId })),
    layoutKey: displayLayoutKey(displays),
  };
}

/** Where the window opens, and the file as read (must run after "ready": the screen module needs it). */
export async function restoredWindow(
  file: string,
  log: Logger,
): Promise<{ restored: RestoredWindow; saved: WindowStateFile | null }> {
  const { state, problem } = await loadWindowState(file);
  if (problem) log.warn('the saved window position was not used', { problem });
  const { areas, layoutKey } = currentDisplays();
  return { restored: restoreWindow(savedStateFor(state, layoutKey), areas, WINDOW_SIZING), saved: state };
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

/**
 * Saves the state (under the displays present now) a moment after each move or resize, and at
 * once, synchronously, when the window closes. `saved` is the file as read at start.
 */
export function trackWindowState(
  win: BrowserWindow,
  file: string,
  saved: WindowStateFile | null,
  log: Logger,
): void {
  let current = saved;
  const record = (): WindowStateFile => {
    current = withSavedState(current, currentDisplays().layoutKey, snapshot(win));
    return current;
  };
  let timer: NodeJS.Timeout | undefined;
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (win.isDestroyed()) return;
      saveWindowState(file, record()).catch((error: unknown) =>
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
      writeFileSync(temp, windowStateText(record()), { mode: 0o600 });
      renameSync(temp, file);
    } catch (error) {
      log.warn('could not save the window position', { error });
    }
  });
}
