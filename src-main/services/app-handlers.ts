// The app's own channel: which version runs, in which host.
import type { Handlers } from '../ipc/router.ts';

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
}

export function createAppHandlers(appInfo: AppInfo): Pick<Handlers, 'app.getInfo'> {
  return {
    'app.getInfo': () => ({ version: appInfo.version, host: appInfo.host }),
  };
}
