// Debian's Chromium, as the e2e tests and the UI benchmark launch it: the project never downloads
// Playwright's own browsers. No sandbox (CI runs as root), no GPU, and none of the background
// traffic a fresh profile would start.
export const SYSTEM_CHROMIUM = {
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
};
