// End-to-end tests: real Chromium against the web host (`node src-main/web/cli.ts`), which serves
// the built renderer (run `npx electron-vite build` first) and the real services.
import { defineConfig } from '@playwright/test';

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
    // The system Chromium; the project never downloads Playwright's own browsers.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    // "Copy handle" writes to the clipboard; the test reads it back like a paste would.
    permissions: ['clipboard-read', 'clipboard-write'],
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
