// The Electron host's two additions to the services' handlers. The window opens before the last
// profile is restored (so a keychain prompt has a window and a second launch can focus it), and
// its first workspace.getState waits for that restore (bounded by restoreAtStart's 8 s) so the
// page stays on "Starting Unpod Desk…" instead of flashing the welcome screen. And the page the
// user moves to is passed on to the application menu (Export view is for the task list).
import type { PageId } from '../ipc/contract.ts';
import type { Handlers } from '../ipc/router.ts';

export function withShellHooks(
  handlers: Handlers,
  hooks: { startup: Promise<unknown>; onPage(page: PageId): void },
): Handlers {
  return {
    ...handlers,
    'workspace.getState': async (input) => {
      await hooks.startup.catch(() => undefined);
      return handlers['workspace.getState'](input);
    },
    'workspace.rememberPage': async (input) => {
      hooks.onPage(input.page);
      return handlers['workspace.rememberPage'](input);
    },
  };
}
