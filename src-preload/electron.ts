// The Electron preload (sandboxed, built as CommonJS to out/preload/index.cjs). It exposes
// exactly the contract's methods as window.unpod: no generic invoke, no ipcRenderer, and
// listeners never receive the IpcRendererEvent (which would hand the page `sender`).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, electronEventChannel, isKnownChannel, isKnownEvent } from '../src-main/ipc/api.ts';
import type { IpcResult } from '../src-main/ipc/contract.ts';

const api = buildApi(
  (channel, input) => {
    if (!isKnownChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_channel', message: `Unknown channel ${channel}` },
      });
    }
    return ipcRenderer.invoke(channel, input) as Promise<IpcResult<unknown>>;
  },
  (event, listener) => {
    if (!isKnownEvent(event) || typeof listener !== 'function') return () => {};
    const channel = electronEventChannel(event);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
);

contextBridge.exposeInMainWorld('unpod', api);
