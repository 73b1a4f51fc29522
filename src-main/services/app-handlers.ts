// The app's own channel: which version runs, in which host, on which runtimes, and where its
// data is kept (Settings → About).
import type { AppInfo as AppInfoOutput } from '../ipc/contract.ts';
import type { Handlers } from '../ipc/router.ts';

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  /** The data folder (profiles, cache, logs). */
  dataDir: string;
}

/** The runtime's versions: Electron's main process adds `electron` and `chrome` to Node's list. */
export function runtimeVersions(
  versions: NodeJS.ProcessVersions = process.versions,
): AppInfoOutput['versions'] {
  const extra = versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return { electron: extra.electron ?? null, chromium: extra.chrome ?? null, node: versions.node };
}

export function createAppHandlers(appInfo: AppInfo): Pick<Handlers, 'app.getInfo'> {
  return {
    'app.getInfo': () => ({
      version: appInfo.version,
      host: appInfo.host,
      versions: runtimeVersions(),
      dataDir: appInfo.dataDir,
    }),
  };
}
