// Where `npm run dist` leaves the unpacked app it built the installers from (electron-builder's
// `<platform>-unpacked` folders; on macOS the .app of the runner's architecture), so the
// packaged-app spec can launch what the installers install.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const productName = 'Unpod Desk';
const linuxExecutable = 'unpod-desk';

/** The packaged executable for this system under distDir, in the order electron-builder names them. */
export function packagedExecutableCandidates(
  distDir: string,
  platform: NodeJS.Platform,
  arch: string,
): string[] {
  switch (platform) {
    case 'linux':
      return [join(distDir, arch === 'arm64' ? 'linux-arm64-unpacked' : 'linux-unpacked', linuxExecutable)];
    case 'win32':
      return [join(distDir, arch === 'arm64' ? 'win-arm64-unpacked' : 'win-unpacked', `${productName}.exe`)];
    case 'darwin': {
      const app = (folder: string) =>
        join(distDir, folder, `${productName}.app`, 'Contents', 'MacOS', productName);
      // electron-builder names the folder after the architecture unless it is x64.
      return arch === 'arm64' ? [app('mac-arm64')] : [app('mac'), app('mac-x64')];
    }
    default:
      return [];
  }
}

/** The packaged app to launch, or why there is none. UNPOD_DESK_PACKAGED_APP names one directly. */
export function findPackagedApp(
  distDir: string,
  env: NodeJS.ProcessEnv = process.env,
): { path: string } | { missing: string } {
  const given = env.UNPOD_DESK_PACKAGED_APP;
  if (given) {
    return existsSync(given)
      ? { path: given }
      : { missing: `UNPOD_DESK_PACKAGED_APP is set but ${given} does not exist` };
  }
  const candidates = packagedExecutableCandidates(distDir, process.platform, process.arch);
  const found = candidates.find((path) => existsSync(path));
  return found
    ? { path: found }
    : {
        missing: `no packaged app (run npm run dist; looked for ${candidates.join(', ') || 'nothing on this system'})`,
      };
}
