// Binds the router to ipcMain (one handler per contract channel, sender checked) and sends
// main→renderer events to the window. Nothing else is registered on ipcMain.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelNames, electronEventChannel } from '../ipc/api.ts';
import type { EventName, EventPayload, IpcResult } from '../ipc/contract.ts';
import type { Router } from '../ipc/router.ts';
import type { Logger } from '../log/index.ts';
import { isTrustedIpcSender } from './security.ts';

const refused: IpcResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page may not use the Unpod Desk API.' },
};

/**
 * The calling frame's URL and place. A frame that navigated away or closed while its call was in
 * flight is disposed, and reading it throws; such a caller is treated as unknown (refused).
 */
function senderFrameOf(event: IpcMainInvokeEvent): { url: string; isMainFrame: boolean } | null {
  try {
    const frame = event.senderFrame;
    return frame === null ? null : { url: frame.url, isMainFrame: frame.parent === null };
  } catch {
    return null;
  }
}

export function bindRouter(
  ipcMain: IpcMain,
  router: Router,
  trusted: { getWindow: () => BrowserWindow | null; appUrl: string },
  logger: Logger,
): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      const win = trusted.getWindow();
      const sender = { senderId: event.sender.id, frame: senderFrameOf(event) };
      const windowId = win !== null && !win.isDestroyed() ? win.webContents.id : null;
      if (!isTrustedIpcSender(sender, { windowId, appUrl: trusted.appUrl })) {
        logger.warn('refused an IPC call from an untrusted frame', {
          channel,
          frameUrl: sender.frame?.url ?? null,
        });
        return refused;
      }
      return router.dispatch(channel, input);
    });
  }
}

export function createEventSender(getWindow: () => BrowserWindow | null) {
  return <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const win = getWindow();
    if (win === null || win.isDestroyed()) return;
    win.webContents.send(electronEventChannel(event), payload);
  };
}
