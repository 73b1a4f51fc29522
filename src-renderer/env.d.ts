// Ambient declarations for the renderer. Kept a script (no top-level import) so the wildcard
// module declaration below stays global.

interface Window {
  /** The typed bridge to the main process: set by the Electron preload or by installWebBridge(). */
  unpod: import('../src-main/ipc/contract.ts').UnpodApi;
  /** Lead files (stage a dropped/chosen File, export problem rows): set by either preload. */
  unpodFiles: import('../src-main/ipc/contract-import-files.ts').UnpodFiles;
}

// Stylesheets are bundled by Vite; importing one only has a side effect.
declare module '*.css';
