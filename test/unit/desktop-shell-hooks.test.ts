// The Electron host's start-up order and scheme registration, in their pure parts: the window's
// first workspace.getState waits for the profile restore (the window exists before it), the
// page the user moves to reaches the menu, and the one privileged-scheme list has the code cache.
import { describe, expect, it } from 'vitest';
import { withShellHooks } from '../../src-main/desktop/shell-handlers.ts';
import { APP_SCHEME, privilegedSchemes } from '../../src-main/electron/security.ts';
import { MEDIA_SCHEME } from '../../src-main/shared/recording-media.ts';
import type { PageId } from '../../src-main/ipc/contract.ts';
import type { Handlers } from '../../src-main/ipc/router.ts';
import { noWorkspace, workspaceState } from './support/view-models.ts';

function handlersWith(state: () => ReturnType<typeof workspaceState>) {
  const remembered: PageId[] = [];
  const handlers = {
    'workspace.getState': () => state(),
    'workspace.rememberPage': ({ page }: { page: PageId }) => {
      remembered.push(page);
      return null;
    },
  } as unknown as Handlers;
  return { handlers, remembered };
}

describe('shell hooks on the handlers', () => {
  it('the first workspace.getState answers only once the restore is done, with the restored workspace', async () => {
    let current = noWorkspace();
    const { handlers } = handlersWith(() => current);
    let finishRestore: () => void = () => {};
    const startup = new Promise<void>((resolve) => (finishRestore = resolve));
    const hooked = withShellHooks(handlers, { startup, onPage: () => {} });

    let answered: unknown = null;
    const pending = Promise.resolve(hooked['workspace.getState']({})).then((s) => (answered = s));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBeNull();

    current = workspaceState({ kind: 'profile' });
    finishRestore();
    await pending;
    expect(answered).toMatchObject({ kind: 'profile' });
  });

  it('a failed restore does not hold the window on "Starting…"', async () => {
    const { handlers } = handlersWith(() => noWorkspace());
    const hooked = withShellHooks(handlers, {
      startup: Promise.reject(new Error('keychain locked')),
      onPage: () => {},
    });
    await expect(Promise.resolve(hooked['workspace.getState']({}))).resolves.toMatchObject({ kind: 'none' });
  });

  it('the page the user moves to is remembered and passed to the menu', async () => {
    const { handlers, remembered } = handlersWith(() => noWorkspace());
    const pages: PageId[] = [];
    const hooked = withShellHooks(handlers, { startup: Promise.resolve(), onPage: (p) => pages.push(p) });
    await hooked['workspace.rememberPage']({ page: 'agents' });
    expect(remembered).toEqual(['agents']);
    expect(pages).toEqual(['agents']);
  });
});

describe('privileged schemes', () => {
  it('one list, the app scheme standard and secure with the code cache on, then the streamed media scheme', () => {
    const schemes = privilegedSchemes();
    expect(schemes.map((s) => s.scheme)).toEqual([APP_SCHEME, MEDIA_SCHEME]);
    expect(schemes[1]!.privileges).toEqual({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      stream: true,
    });
    expect(schemes[0]!.privileges).toEqual({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      codeCache: true,
    });
  });
});
