// The save dialog of a CSV export: where main writes the file (services/tasks/csv-exports.ts).
import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';

/** Asks where to save `suggestedName` (in Downloads by default); null when the user cancels. */
export function createExportFileChooser(getWindow: () => BrowserWindow | null) {
  return async (suggestedName: string): Promise<string | null> => {
    const options: Electron.SaveDialogOptions = {
      title: 'Export CSV',
      defaultPath: join(app.getPath('downloads'), suggestedName),
      filters: [{ name: 'CSV files', extensions: ['csv'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = getWindow();
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
