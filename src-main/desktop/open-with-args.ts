// The CSV files the app was asked to open on its command line: the first launch's argv, or the
// argv a second launch hands to the running app (`second-instance`). Everything else on the
// line is skipped: the executable, the app folder or main file (`electron .` while developing),
// Electron's and Chromium's switches (`--no-sandbox`, `--allow-file-access-from-files`,
// `--original-process-start-time=…`), the app's own switches (`--demo`), and a macOS Finder
// process serial number (`-psn_0_12345`). Relative paths are read from the folder the launch
// was made in (a second instance passes its own working directory).
import { extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ArgvContext {
  /** The folder the command was run in. */
  cwd: string;
  /**
   * How many leading non-switch arguments are the runtime's, not the user's: 1 in a packaged app
   * (the executable), 2 while developing (electron and the app path). Electron:
   * `process.defaultApp ? 2 : 1`. Switches are not counted: Chromium may insert its own
   * (`--original-process-start-time`) anywhere in a second instance's argv.
   */
  skip: number;
}

export function csvPathsFromArgv(argv: readonly string[], context: ArgvContext): string[] {
  const paths: string[] = [];
  let positional = 0;
  for (const arg of argv) {
    if (arg === '' || arg.startsWith('-')) continue;
    if (positional++ < context.skip) continue;
    // A Linux desktop entry with %U hands file:// URLs rather than paths.
    const given = arg.startsWith('file://') ? fileUrlToPath(arg) : arg;
    if (given === null || extname(given).toLowerCase() !== '.csv') continue;
    const path = isAbsolute(given) ? given : resolve(context.cwd, given);
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

function fileUrlToPath(url: string): string | null {
  try {
    return fileURLToPath(url);
  } catch {
    return null;
  }
}
