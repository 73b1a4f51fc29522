// The architecture's boundaries are lint rules (eslint.config.js): a planted import across each
// one fails lint with the rule's explanation, and the imports the architecture allows pass.
// Runs ESLint's Node API on small sources placed (in memory) at real paths of the project.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The boundary messages lint gives `source` placed at `filePath` (other rules are ignored). */
async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: resolve(root, filePath) });
  if (!result) throw new Error(`ESLint returned nothing for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${filePath} did not parse: ${fatal[0]!.message}`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const ELECTRON_ONLY =
  /electron is imported only in src-main\/electron\/, src-main\/index\.ts and src-preload\/electron\.ts/;
const NO_WEB_HOST = /Only the web host imports src-main\/web\//;
const NO_ELECTRON_SHELL = /Only the Electron shell imports src-main\/electron\//;
const SANDBOX_BY_ROOTS = /The sandbox server is imported only by the composition roots/;
const RENDERER_TYPES_ONLY =
  /import from src-main only types \(import type …\) and, at run time, src-main\/ipc\/api\.ts and src-main\/shared\//;
const NO_NODE = /No Node modules here/;
const SHARED_ONLY_SHARED = /src-main\/shared\/ is pure code/;

describe('electron is imported only by the Electron shell, its entry and the Electron preload', () => {
  it.each([
    ['src-main/services/planted.ts', "import { app } from 'electron';\nvoid app;"],
    [
      'src-main/services/tasks/planted.ts',
      "import type { WebContents } from 'electron';\nexport type W = WebContents;",
    ],
    ['src-main/store/planted.ts', "import { ipcMain } from 'electron/main';\nvoid ipcMain;"],
    ['src-main/ipc/planted.ts', "export { app } from 'electron';"],
    ['src-main/web/planted.ts', "import { shell } from 'electron';\nvoid shell;"],
    ['src-main/web/app.ts', "import { shell } from 'electron';\nvoid shell;"],
    ['src-main/sandbox/planted.ts', "import { net } from 'electron';\nvoid net;"],
    ['src-main/shared/planted.ts', "import { app } from 'electron';\nvoid app;"],
    ['src-preload/web.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;"],
    ['src-renderer/lib/planted.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;"],
    ['src-main/newfolder/planted.ts', "import { app } from 'electron';\nvoid app;"],
  ])('%s may not import electron', async (file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([expect.stringMatching(ELECTRON_ONLY)]);
  });

  it.each([
    [
      'src-main/electron/planted.ts',
      "import { app, type BrowserWindow } from 'electron';\nexport const a: [typeof app, BrowserWindow?] = [app];",
    ],
    ['src-main/index.ts', "import { app } from 'electron';\nvoid app;"],
    ['src-preload/electron.ts', "import { contextBridge } from 'electron';\nvoid contextBridge;"],
  ])('%s may', async (file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([]);
  });
});

describe('the renderer imports from src-main only types, the derived API and shared code', () => {
  it.each([
    ["import { createRouter } from '../../src-main/ipc/router.ts';\nvoid createRouter;"],
    ["import { channels } from '../../src-main/ipc/contract.ts';\nvoid channels;"],
    ["import { toCsv } from '../../src-main/store/index.ts';\nvoid toCsv;"],
    ["import { createLogger } from '../../src-main/log/index.ts';\nvoid createLogger;"],
    ["export { cleanToken } from '../../src-main/services/auth/token.ts';"],
    ["import '../../src-main/services/app-services.ts';"],
  ])('src-renderer/lib/planted.ts: %s', async (source) => {
    expect(await boundaryErrors('src-renderer/lib/planted.ts', source)).toEqual([
      expect.stringMatching(RENDERER_TYPES_ONLY),
    ]);
  });

  it('the same holds for the web bridge, which is bundled into the page', async () => {
    expect(
      await boundaryErrors(
        'src-preload/web.ts',
        "import { channels } from '../src-main/ipc/contract.ts';\nvoid channels;",
      ),
    ).toEqual([expect.stringMatching(RENDERER_TYPES_ONLY)]);
  });

  it('and for the Electron preload', async () => {
    expect(
      await boundaryErrors(
        'src-preload/electron.ts',
        "import { channels } from '../src-main/ipc/contract.ts';\nvoid channels;",
      ),
    ).toEqual([expect.stringMatching(RENDERER_TYPES_ONLY)]);
  });

  it('type imports, the derived API and shared modules are allowed', async () => {
    const source = [
      "import type { Profile } from '../../src-main/ipc/contract.ts';",
      "import type { Logger } from '../../src-main/log/index.ts';",
      "import { buildApi } from '../../src-main/ipc/api.ts';",
      "import { validateBaseUrl } from '../../src-main/shared/base-url.ts';",
      'export const used: [Profile?, Logger?, typeof buildApi?, typeof validateBaseUrl?] = [];',
    ].join('\n');
    expect(await boundaryErrors('src-renderer/lib/planted.ts', source)).toEqual([]);
  });

  it('the page imports no Node module and not the Electron preload', async () => {
    expect(
      await boundaryErrors(
        'src-renderer/lib/planted.ts',
        "import { readFile } from 'node:fs/promises';\nvoid readFile;",
      ),
    ).toEqual([expect.stringMatching(NO_NODE)]);
    expect(
      await boundaryErrors('src-renderer/lib/planted.ts', "import { join } from 'path';\nvoid join;"),
    ).toEqual([expect.stringMatching(NO_NODE)]);
    expect(
      await boundaryErrors('src-renderer/lib/planted.ts', "import '../../src-preload/electron.ts';"),
    ).toEqual([expect.stringMatching(/the page never imports it/)]);
  });
});

describe('services and what they build on import neither electron nor a host', () => {
  it.each([
    [
      'src-main/services/planted.ts',
      "import { startWebApp } from '../web/app.ts';\nvoid startWebApp;",
      NO_WEB_HOST,
    ],
    ['src-main/services/auth/planted.ts', "import '../../web/server.ts';", NO_WEB_HOST],
    [
      'src-main/store/planted.ts',
      "import type { WebServer } from '../web/server.ts';\nexport type W = WebServer;",
      NO_WEB_HOST,
    ],
    ['src-main/unpod/planted.ts', "import '../web/guards.ts';", NO_WEB_HOST],
    ['src-main/ipc/planted.ts', "import '../web/event-hub.ts';", NO_WEB_HOST],
    ['src-main/host-shared/planted.ts', "import '../web/server.ts';", NO_WEB_HOST],
    [
      'src-main/services/planted.ts',
      "import { APP_URL } from '../electron/security.ts';\nvoid APP_URL;",
      NO_ELECTRON_SHELL,
    ],
    ['src-main/log/planted.ts', "import '../electron/window.ts';", NO_ELECTRON_SHELL],
  ])('%s: %s', async (file, source, message) => {
    expect(await boundaryErrors(file, source)).toEqual([expect.stringMatching(message)]);
  });

  it('neither host imports the other', async () => {
    expect(await boundaryErrors('src-main/electron/planted.ts', "import '../web/server.ts';")).toEqual([
      expect.stringMatching(NO_WEB_HOST),
    ]);
    expect(await boundaryErrors('src-main/index.ts', "import './web/server.ts';")).toEqual([
      expect.stringMatching(NO_WEB_HOST),
    ]);
    expect(
      await boundaryErrors(
        'src-main/web/planted.ts',
        "import { APP_URL } from '../electron/security.ts';\nvoid APP_URL;",
      ),
    ).toEqual([expect.stringMatching(NO_ELECTRON_SHELL)]);
  });
});

describe('the sandbox is imported only by the composition roots', () => {
  const startIt = (path: string) => `import { startSandbox } from '${path}';\nvoid startSandbox;`;

  it.each([
    ['src-main/services/planted.ts', '../sandbox/index.ts'],
    // The workspace gets the demo's sandbox start injected (by services/app-services.ts).
    ['src-main/services/workspace.ts', '../sandbox/index.ts'],
    ['src-main/services/workspace/opening.ts', '../../sandbox/index.ts'],
    ['src-main/services/tasks/planted.ts', '../../sandbox/index.ts'],
    ['src-main/unpod/planted.ts', '../sandbox/server.ts'],
    ['src-main/web/server.ts', '../sandbox/index.ts'],
    ['src-main/electron/planted.ts', '../sandbox/index.ts'],
  ])('%s may not import %s', async (file, path) => {
    expect(await boundaryErrors(file, startIt(path))).toEqual([expect.stringMatching(SANDBOX_BY_ROOTS)]);
  });

  it('nor may the renderer', async () => {
    expect(
      await boundaryErrors('src-renderer/lib/planted.ts', startIt('../../src-main/sandbox/index.ts')),
    ).toEqual([expect.stringMatching(RENDERER_TYPES_ONLY)]);
  });

  it.each([
    ['src-main/index.ts', './sandbox/index.ts'],
    ['src-main/web/app.ts', '../sandbox/index.ts'],
    ['src-main/web/cli.ts', '../sandbox/index.ts'],
    // The services' composition root, which injects the demo's sandbox start into the workspace.
    ['src-main/services/app-services.ts', '../sandbox/index.ts'],
    ['test/integration/planted.test.ts', '../../src-main/sandbox/index.ts'],
    ['test/bench/planted.bench.ts', '../../src-main/sandbox/index.ts'],
  ])('%s may import %s', async (file, path) => {
    expect(await boundaryErrors(file, startIt(path))).toEqual([]);
  });
});

describe('src-main/shared/ imports nothing but other shared modules and pure packages', () => {
  it.each([
    ["import type { Profile } from '../ipc/contract.ts';\nexport type P = Profile;", SHARED_ONLY_SHARED],
    ["import { toCsv } from '../store/index.ts';\nvoid toCsv;", SHARED_ONLY_SHARED],
    ["import '../../../src-renderer/lib/format.ts';", SHARED_ONLY_SHARED],
    ["import { useState } from 'react';\nvoid useState;", SHARED_ONLY_SHARED],
    ["import { join } from 'node:path';\nvoid join;", NO_NODE],
    ["import { readFileSync } from 'fs';\nvoid readFileSync;", NO_NODE],
    ["import { protocol } from 'electron';\nvoid protocol;", ELECTRON_ONLY],
  ])('%s', async (source, message) => {
    expect(await boundaryErrors('src-main/shared/planted.ts', source)).toEqual([
      expect.stringMatching(message),
    ]);
  });

  it('other shared modules and pure packages are fine', async () => {
    const source = [
      "import { z } from 'zod';",
      "import { validateBaseUrl } from './base-url.ts';",
      'export const used = [z, validateBaseUrl];',
    ].join('\n');
    expect(await boundaryErrors('src-main/shared/planted.ts', source)).toEqual([]);
  });
});

describe('the page writes type-only imports as `import type`', () => {
  it('an import of only inline types would keep the module in the bundle, and is refused', async () => {
    const [result] = await eslint.lintText(
      "import { type Profile } from '../../src-main/ipc/contract.ts';\nexport type P = Profile;",
      { filePath: resolve(root, 'src-renderer/lib/planted.ts') },
    );
    expect(result!.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-import-type-side-effects');
  });
});
