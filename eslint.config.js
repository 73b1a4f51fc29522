// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

// ---- Boundaries between the processes and layers (README, Architecture), enforced here ----
// Each restriction is a list of no-restricted-imports entries. ESLint applies only the last
// matching block's options for a rule, so every block below lists its folder's full set, and a
// catch-all for all app code comes first. Imports inside src-main are relative, so the folder
// checks match a relative path whose first named segment is the folder ("../web/…").
const relativeInto = (folder) => `^(\\.{1,2}/)+(src-main/)?${folder}/`;
const onlyTheShellImportsElectron =
  'electron is imported only in src-main/electron/, src-main/index.ts and src-preload/electron.ts: the services also run under plain Node (web host, tests) and the renderer is sandboxed.';
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const restrict = {
  electron: [
    { name: 'electron', message: onlyTheShellImportsElectron },
    { regex: '^electron/', message: onlyTheShellImportsElectron },
  ],
  webHost: [
    {
      regex: relativeInto('web'),
      message:
        "Only the web host imports src-main/web/: code both hosts use lives in src-main/host-shared/ (Node) or src-main/shared/ (pure), and the services don't know which host runs them.",
    },
  ],
  electronShell: [
    {
      regex: relativeInto('electron'),
      message:
        'Only the Electron shell imports src-main/electron/: code both hosts use lives in src-main/host-shared/ (Node) or src-main/shared/ (pure), and the services never depend on Electron.',
    },
  ],
  sandbox: [
    {
      regex: relativeInto('sandbox'),
      message:
        'The sandbox server is imported only by the composition roots (src-main/index.ts, src-main/web/app.ts, src-main/web/cli.ts, and src-main/services/app-services.ts, which hands the demo sandbox start to the workspace); tests and benchmarks may import it.',
    },
  ],
  mainFromRenderer: [
    {
      // Type-only imports (the contract's types) are erased; at run time only the derived API and
      // the pure shared modules may be bundled into the page.
      regex: '^(\\.{1,2}/)+src-main/(?!ipc/api\\.ts$|shared/)',
      allowTypeImports: true,
      message:
        'The renderer and the preloads import from src-main only types (import type …) and, at run time, src-main/ipc/api.ts and src-main/shared/: everything else is main-process code.',
    },
    {
      regex: '^(\\.{1,2}/)+src-preload/electron(\\.ts)?$',
      message:
        'src-preload/electron.ts is the Electron preload, built on its own; the page never imports it.',
    },
  ],
  node: [
    {
      regex: `^(node:.*|${builtinModules.map(escape).join('|')})$`,
      message:
        'No Node modules here: the renderer and the preloads run in a sandboxed page, and src-main/shared/ must run there too.',
    },
  ],
  sharedOnlyShared: [
    {
      regex: '^\\.\\./',
      message:
        'src-main/shared/ is pure code for main, the preloads and the renderer alike: it imports only other shared modules (./) and packages, nothing from the rest of src-main or from src-renderer.',
    },
    {
      regex: '^(react|react-dom|zustand)(/|$)',
      message:
        'src-main/shared/ is pure code for main, the preloads and the renderer alike: no React or UI state.',
    },
  ],
};

/** One block per area; `ignores` are files of the area that get a later block of their own. */
const boundary = (files, restrictions, ignores = []) => {
  const entries = restrictions.flat();
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: entries.filter((entry) => 'name' in entry),
          patterns: entries.filter((entry) => 'regex' in entry),
        },
      ],
    },
  };
};

const appCode = ['src-main/**', 'src-preload/**', 'src-renderer/**'];
const pageCode = ['src-renderer/**', 'src-preload/web.ts'];
const coreFolders = ['services', 'store', 'unpod', 'ipc', 'log', 'host-shared'].map(
  (f) => `src-main/${f}/**`,
);

const boundaries = [
  // Everything in the app, unless a block below says otherwise (new folders start here).
  boundary(appCode, [restrict.electron, restrict.webHost, restrict.electronShell, restrict.sandbox]),
  // The Electron shell: electron is its job, the web host is not.
  boundary(['src-main/electron/**'], [restrict.webHost, restrict.sandbox]),
  // The Electron entry composes the app, so it may start the sandbox.
  boundary(['src-main/index.ts'], [restrict.webHost]),
  // The web host runs under plain Node.
  boundary(
    ['src-main/web/**'],
    [restrict.electron, restrict.electronShell, restrict.sandbox],
    ['src-main/web/app.ts', 'src-main/web/cli.ts'],
  ),
  boundary(['src-main/web/app.ts', 'src-main/web/cli.ts'], [restrict.electron, restrict.electronShell]),
  // Services and what they build on: no host, no electron, the sandbox only through injection.
  boundary(
    coreFolders,
    [restrict.electron, restrict.webHost, restrict.electronShell, restrict.sandbox],
    ['src-main/services/app-services.ts'],
  ),
  // The services' composition root injects the demo's sandbox start into the workspace.
  boundary(
    ['src-main/services/app-services.ts'],
    [restrict.electron, restrict.webHost, restrict.electronShell],
  ),
  // Pure, runs on every side.
  boundary(['src-main/shared/**'], [restrict.electron, restrict.node, restrict.sharedOnlyShared]),
  // The page (renderer and the web bridge bundled with it) and the Electron preload.
  boundary(pageCode, [restrict.electron, restrict.mainFromRenderer, restrict.node]),
  boundary(['src-preload/electron.ts'], [restrict.mainFromRenderer, restrict.node]),
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.ci/node/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...boundaries,
  {
    // `import { type X }` keeps an empty import of the module at run time (verbatimModuleSyntax),
    // which would bundle main-process code into the page; `import type` is erased.
    files: [...pageCode, 'src-preload/electron.ts'],
    rules: { '@typescript-eslint/no-import-type-side-effects': 'error' },
  },
);
