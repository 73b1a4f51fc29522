// "Save recording as…" in Electron: the system save dialog, then a copy of the cached file.
import { app, dialog, type BrowserWindow } from 'electron';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { SaveAsHost } from '../services/recordings/index.ts';

export function saveRecordingWithDialog(getWindow: () => BrowserWindow | null): SaveAsHost {
  return async ({ path: source, suggestedName }) => {
    const ext = path.extname(suggestedName).slice(1);
    const options = {
      title: 'Save recording as',
      defaultPath: path.join(app.getPath('downloads'), suggestedName),
      filters: [
        ...(ext ? [{ name: `${ext.toUpperCase()} audio`, extensions: [ext] }] : []),
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const window = getWindow();
    const chosen = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (chosen.canceled || !chosen.filePath) return { kind: 'cancelled' };
    await copyFile(source, chosen.filePath);
    return { kind: 'saved', path: chosen.filePath };
  };
}
