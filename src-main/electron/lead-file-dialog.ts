// File → Import leads… in the desktop app: the system's open dialog, because a page's file chooser
// opens only on a click in the page (a menu command is not one). The chosen CSV goes the way of
// any file opened with the app (open-with service): staged by main, previewed on Import.
import { dialog, type BrowserWindow } from 'electron';

/** Asks for one CSV file; null when the user cancels. */
export function createLeadFileDialog(getWindow: () => BrowserWindow | null) {
  return async (): Promise<string | null> => {
    const options: Electron.OpenDialogOptions = {
      title: 'Import leads',
      filters: [{ name: 'CSV files', extensions: ['csv'] }],
      properties: ['openFile'],
    };
    const win = getWindow();
    const result =
      win && !win.isDestroyed()
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}
