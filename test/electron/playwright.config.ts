// The Electron end-to-end project: run with `playwright test -c test/electron/playwright.config.ts`
// after `npm run build`. Separate from the web e2e config (test/e2e), because it needs the
// Electron binary; without one every test skips and says why.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  outputDir: '../../test-results/electron',
});
