// Where the Electron binary would be, found WITHOUT `require('electron')`: in electron 45 that
// require downloads the binary when it is missing, which must not happen during a test run.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const electronPackageDir = resolve(import.meta.dirname, '../../node_modules/electron');

export function findElectronBinary(): { path: string } | { missing: string } {
  const pathFile = join(electronPackageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, relative ?? 'electron');
    return existsSync(path)
      ? { path }
      : { missing: `ELECTRON_OVERRIDE_DIST_PATH is set but ${path} does not exist` };
  }
  if (relative === undefined) {
    return {
      missing:
        'the Electron binary is not installed (node_modules/electron/path.txt is absent; installed with ELECTRON_SKIP_BINARY_DOWNLOAD?)',
    };
  }
  const path = join(electronPackageDir, 'dist', relative);
  return existsSync(path) ? { path } : { missing: `the Electron binary ${path} does not exist` };
}

/** Linux needs a display server (use xvfb-run on a headless machine). */
export function missingDisplay(): string | null {
  if (process.platform !== 'linux') return null;
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY
    ? null
    : 'no display (DISPLAY/WAYLAND_DISPLAY unset); run under xvfb-run';
}
