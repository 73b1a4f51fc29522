// The save dialog for exports (the rows of a lead file with problems): the thin Electron shell
// of ImportsService's SaveFileDialog. Suggests the Downloads folder.
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';

export function createSaveFileDialog(getWindow: () => BrowserWindow | null) {
  return async (suggestedName: string): Promise<string | null> => {
    const options = {
      defaultPath: join(app.getPath('downloads'), suggestedName),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    };
    const win = getWindow();
    const result =
      win && !win.isDestroyed()
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
