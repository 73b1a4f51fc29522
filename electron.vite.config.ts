import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      // The store's worker thread is an entry of its own: store-client.ts starts
      // ./store-worker.js beside the main bundle.
      rollupOptions: {
        input: {
          index: resolve('src-main/index.ts'),
          'store-worker': resolve('src-main/store/worker/store-worker.ts'),
          // The lead-file reader's worker thread (src-main/imports/read/index.ts starts it).
          'import-read-worker': resolve('src-main/imports/read/read-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot be ES modules.
      rollupOptions: {
        input: { index: resolve('src-preload/electron.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      // electron-vite leaves bundles unminified; the renderer's first paint is measurably faster minified.
      minify: true,
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
