// End-to-end tests: real Chromium against the web host (`node src-main/web/cli.ts`), which serves
// the built renderer (run `npx electron-vite build` first) and the real services.
import { defineConfig } from '@playwright/test';
import { SYSTEM_CHROMIUM } from './test/support/system-chromium.ts';

export default defineConfig({
  testDir: 'test/e2e',
  // Two-core machines shared with other work: one browser at a time.
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    launchOptions: SYSTEM_CHROMIUM,
    // "Copy handle" writes to the clipboard; the test reads it back like a paste would.
    permissions: ['clipboard-read', 'clipboard-write'],
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
