// The save dialog behind every export main writes (the task list as CSV, a lead file's rows with
// problems): the thin Electron shell of AppServicesOptions.saveFile. Suggests the Downloads folder.
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';

/** Asks where to save `suggestedName`; null when the user cancels. */
export function createSaveFileDialog(getWindow: () => BrowserWindow | null) {
  return async (suggestedName: string): Promise<string | null> => {
    const options: Electron.SaveDialogOptions = {
      defaultPath: join(app.getPath('downloads'), suggestedName),
      filters: [{ name: 'CSV files', extensions: ['csv'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const win = getWindow();
    const result =
      win && !win.isDestroyed()
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
