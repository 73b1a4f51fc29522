// The Electron preload (sandboxed, built as CommonJS to out/preload/index.cjs). It exposes
// exactly the contract's methods as window.unpod: no generic invoke, no ipcRenderer, and
// listeners never receive the IpcRendererEvent (which would hand the page `sender`).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { UnpodFiles } from '../src-main/ipc/contract-import-files.ts';
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

// Lead files: a dropped or chosen File becomes its path here (the page never sees paths) and main
// stages it; exports go through main's save dialog.
const files: UnpodFiles = {
  stage: (file) => {
    let path = '';
    try {
      path = webUtils.getPathForFile(file as File);
    } catch {
      // not a File from this page
    }
    if (path === '') {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'bad_request',
          message: 'This item is not a file on this computer: drop or choose a CSV file.',
        },
      });
    }
    return api.imports.stagePath({ path });
  },
  exportProblems: (input) => api.imports.exportProblems(input),
};
contextBridge.exposeInMainWorld('unpodFiles', files);
