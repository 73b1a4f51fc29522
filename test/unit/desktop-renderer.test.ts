// The window's side of the desktop shell, without a window: which bridge the page uses, what
// each native menu command does to the stores (over the contract-checked fake API), what a CSV
// main staged leaves in the desktop store, and that Help → Keyboard shortcuts lists the
// menus' real accelerators.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAppMenu, flattenMenu } from '../../src-main/desktop/app-menu.ts';
import type { MenuCommand } from '../../src-main/ipc/desktop-contract.ts';
import type { TaskScope } from '../../src-main/ipc/contract.ts';
import { menuShortcuts } from '../../src-renderer/features/desktop/shortcuts.ts';
import { runMenuCommand } from '../../src-renderer/features/desktop/menuCommands.ts';
import { chooseBridge } from '../../src-renderer/lib/bridge.ts';
import type { PageId } from '../../src-renderer/stores/navigation.ts';
import { createStores, type AppStores } from '../../src-renderer/stores/registry.ts';
import { createFakeApi, flush, type FakeApi } from './support/fake-api.ts';
import { memoryAddress, syncStatus } from './support/view-models.ts';

describe('which bridge the page uses', () => {
  const chromeUa =
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
  const electronUa = `${chromeUa.replace('Safari', 'unpod-desk/0.1.0 Electron/45.5.0 Safari')}`;

  it('the preload’s API when it is there', () => {
    expect(chooseBridge({ hasPreloadApi: true, protocol: 'unpod-desk:', userAgent: electronUa })).toBe(
      'preload',
    );
  });

  it('the web bridge in a browser tab of the web host', () => {
    expect(chooseBridge({ hasPreloadApi: false, protocol: 'http:', userAgent: chromeUa })).toBe('web');
  });

  it('in Electron without the preload’s API: a fatal message, never the web bridge', () => {
    expect(chooseBridge({ hasPreloadApi: false, protocol: 'unpod-desk:', userAgent: chromeUa })).toBe(
      'missing-preload',
    );
    // The dev server is plain http, but the user agent says Electron.
    expect(chooseBridge({ hasPreloadApi: false, protocol: 'http:', userAgent: electronUa })).toBe(
      'missing-preload',
    );
  });
});

describe('menu commands in the window', () => {
  const spaceA: TaskScope = { kind: 'space', spaceToken: 'space-a' };
  let fake: FakeApi;
  let stores: AppStores;
  let visited: PageId[];
  let downloads: { filename: string; url: string }[];
  let aboutShown: number;
  const run = (command: MenuCommand) =>
    runMenuCommand(command, {
      stores,
      go: (page) => void visited.push(page),
      download: (filename, url) => void downloads.push({ filename, url }),
      showAbout: () => void aboutShown++,
    });

  beforeEach(() => {
    fake = createFakeApi();
    stores = createStores(fake.api, memoryAddress('#/agents'));
    visited = [];
    downloads = [];
    aboutShown = 0;
  });
  afterEach(() => expect(fake.problems).toEqual([]));

  it.each([
    ['show-tasks', 'tasks'],
    ['show-agents', 'agents'],
    ['show-spaces', 'spaces'],
    ['show-import', 'import'],
    ['open-settings', 'settings'],
  ] as const)('%s shows the %s page', async (command, page) => {
    await run(command);
    expect(visited).toEqual([page]);
    expect(fake.pending()).toEqual([]);
    expect(stores.desktop.getState().importRequest).toBeNull();
  });

  it.each([
    ['import-leads', 'choose-file'],
    ['new-call', 'new-call'],
  ] as const)('%s shows Import and asks it for its %s, once', async (command, request) => {
    await run(command);
    expect(visited).toEqual(['import']);
    expect(stores.desktop.getState().importRequest).toBe(request);
    // The page acts on the request once; the other request is not this one.
    const other = request === 'new-call' ? 'choose-file' : 'new-call';
    expect(stores.desktop.getState().claimImportRequest(other)).toBe(false);
    expect(stores.desktop.getState().claimImportRequest(request)).toBe(true);
    expect(stores.desktop.getState().claimImportRequest(request)).toBe(false);
    expect(fake.pending()).toEqual([]);
  });

  it('the last menu command wins: New call… after Import leads… opens New call', async () => {
    await run('import-leads');
    await run('new-call');
    expect(stores.desktop.getState().importRequest).toBe('new-call');
  });

  it('Sync now shows the task list and starts a full sync of the list shown', async () => {
    stores.tasks.getState().setScope(spaceA);
    const pendingRun = run('sync-now');
    await flush();
    expect(visited).toEqual(['tasks']);
    const call = fake.take('sync.start');
    expect(call.input).toEqual({ scope: spaceA, mode: 'full' });
    await call.answer(syncStatus(spaceA, { phase: 'running' }));
    await pendingRun;
    expect(stores.tasks.getState().sync?.phase).toBe('running');
  });

  it('Sync now waits for the task list to have its list, and does not start a second sync', async () => {
    const pendingRun = run('sync-now');
    await flush();
    expect(fake.pending('sync.start')).toEqual([]);
    stores.tasks.getState().setScope(spaceA);
    await flush();
    await fake.take('sync.start').answer(syncStatus(spaceA, { phase: 'running' }));
    await pendingRun;
    await run('sync-now');
    expect(fake.pending('sync.start')).toEqual([]);
  });

  it('Export view exports the list as filtered and hands the file to the download', async () => {
    stores.tasks.getState().setScope(spaceA);
    const pendingRun = run('export-view');
    await flush();
    const call = fake.take('tasks.exportCsv');
    expect(call.input.scope).toEqual(spaceA);
    await call.answer({
      kind: 'download',
      id: 'e1',
      filename: 'tasks-space-a.csv',
      total: 1,
      url: '/export/e1',
    });
    await pendingRun;
    expect(downloads).toEqual([{ filename: 'tasks-space-a.csv', url: '/export/e1' }]);
  });

  it('Keyboard shortcuts opens the list; About shows Settings → About', async () => {
    await run('keyboard-shortcuts');
    expect(stores.desktop.getState().shortcutsOpen).toBe(true);
    await run('about');
    expect(aboutShown).toBe(1);
  });

  it('a CSV main staged is taken once and kept until the Import page claims it', async () => {
    const taking = stores.desktop.getState().takeOfferedFile();
    const staged = { sourceId: '6f1c1f6e-8a43-4d5e-9b8a-2a6c3f0b9d11', name: 'leads.csv', size: 44 };
    await fake.take('desktop.takeOfferedFile').answer(staged);
    expect(await taking).toEqual({ ok: true, data: staged });
    // Nothing more offered: the kept file stays.
    const again = stores.desktop.getState().takeOfferedFile();
    await fake.take('desktop.takeOfferedFile').answer(null);
    expect(await again).toBeNull();
    expect(stores.desktop.getState().offeredFile).toEqual({ ok: true, data: staged });
    // Claimed once: the Import page reads it, and nothing is left to read again.
    expect(stores.desktop.getState().claimOfferedFile()).toEqual({ ok: true, data: staged });
    expect(stores.desktop.getState().offeredFile).toBeNull();
    expect(stores.desktop.getState().claimOfferedFile()).toBeNull();
  });

  it('a CSV main could not stage is kept with its reason, for the Import page to say', async () => {
    const taking = stores.desktop.getState().takeOfferedFile();
    const reason = {
      code: 'not_found',
      message: '“leads.csv” is no longer there: it was moved or deleted.',
    } as const;
    await fake.take('desktop.takeOfferedFile').fail(reason);
    expect(await taking).toEqual({ ok: false, error: reason });
    expect(stores.desktop.getState().claimOfferedFile()).toEqual({ ok: false, error: reason });
  });
});

describe('the keyboard-shortcuts list', () => {
  it('shows each menu command’s accelerator as the menus define it, on macOS and elsewhere', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const menu = flattenMenu(
        buildAppMenu({
          platform,
          appName: 'Unpod Desk',
          signedIn: true,
          page: 'tasks',
          syncRunning: false,
          dev: false,
        }),
      );
      const written = (accelerator: string) =>
        platform === 'darwin'
          ? accelerator.replace(/^(CmdOrCtrl|Cmd)\+/, '⌘')
          : accelerator.replace(/^CmdOrCtrl\+/, 'Ctrl+');
      for (const entry of menu) {
        if (entry.type !== 'command' || !entry.accelerator) continue;
        const label = entry.label === 'Preferences…' ? 'Settings' : entry.label;
        const listed = menuShortcuts.find((s) => s.action === label);
        expect(listed, `${label} is listed`).toBeDefined();
        expect(platform === 'darwin' ? listed!.keys.mac : listed!.keys.other).toBe(
          written(entry.accelerator),
        );
      }
    }
  });
});
