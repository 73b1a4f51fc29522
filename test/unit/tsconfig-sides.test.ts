// Each side compiles against its own environment (tsconfig.renderer.json: the DOM, no Node;
// tsconfig.node.json: Node, no DOM). A small source planted, in memory, at a path of each side is
// type-checked with that side's real compiler options: Node in the page and the DOM in the main
// process do not compile, and src-main/shared/ must compile on both sides.
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function loadConfig(name: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(resolve(root, name), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`${name} could not be read`);
  return parsed;
}

const renderer = loadConfig('tsconfig.renderer.json');
const node = loadConfig('tsconfig.node.json');

/** The type errors of `source` placed at `file` (relative to the project) under `config`. */
function typeErrors(config: ts.ParsedCommandLine, file: string, source: string): string[] {
  const path = resolve(root, file);
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, language, onError) =>
    resolve(name) === path
      ? ts.createSourceFile(name, source, language)
      : getSourceFile(name, language, onError);
  host.fileExists = (name) => resolve(name) === path || fileExists(name);
  const program = ts.createProgram([path], config.options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(path))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the renderer config: the DOM, no Node', () => {
  it('a renderer file cannot use Node globals or modules', () => {
    expect(
      typeErrors(renderer, 'src-renderer/planted.ts', 'export const pid: number = process.pid;'),
    ).toEqual([expect.stringMatching(/^Cannot find name 'process'/)]);
    expect(typeErrors(renderer, 'src-renderer/planted.ts', 'export const b = Buffer.from("x");')).toEqual([
      expect.stringMatching(/^Cannot find name 'Buffer'/),
    ]);
    expect(
      typeErrors(
        renderer,
        'src-renderer/planted.ts',
        "import { readFile } from 'node:fs/promises';\nexport { readFile };",
      ),
    ).toEqual([expect.stringMatching(/^Cannot find name 'node:fs\/promises'/)]);
  });

  it('and can use the DOM', () => {
    expect(
      typeErrors(renderer, 'src-renderer/planted.ts', 'export const title: string = document.title;'),
    ).toEqual([]);
  });

  it('covers the page: the renderer, the web bridge, and of src-main only the contract, the API and shared/', () => {
    const files = renderer.fileNames.map((f) => f.slice(root.length + 1));
    expect(files).toContain('src-renderer/main.tsx');
    expect(files).toContain('src-preload/web.ts');
    expect(files).not.toContain('src-preload/electron.ts');
    expect(
      files.filter((f) => f.startsWith('src-main/') && !f.startsWith('src-main/shared/')).sort(),
    ).toEqual(['src-main/ipc/api.ts', 'src-main/ipc/contract.ts']);
  });
});

describe('the main-process config: Node, no DOM', () => {
  it('a main-process file cannot use the DOM', () => {
    expect(
      typeErrors(node, 'src-main/services/planted.ts', 'export const title: string = document.title;'),
    ).toEqual([expect.stringMatching(/^Cannot find name 'document'/)]);
    expect(typeErrors(node, 'src-main/services/planted.ts', 'export const w = window.innerWidth;')).toEqual([
      expect.stringMatching(/^Cannot find name 'window'/),
    ]);
  });

  it('and can use Node', () => {
    expect(
      typeErrors(node, 'src-main/services/planted.ts', 'export const pid: number = process.pid;'),
    ).toEqual([]);
  });

  it('covers main, the Electron preload and the tool configs, not the page', () => {
    const files = node.fileNames.map((f) => f.slice(root.length + 1));
    expect(files).toContain('src-main/index.ts');
    expect(files).toContain('src-preload/electron.ts');
    expect(files).toContain('electron.vite.config.ts');
    expect(files.filter((f) => f.startsWith('src-renderer/') || f === 'src-preload/web.ts')).toEqual([]);
  });
});

describe('src-main/shared/ is checked on both sides', () => {
  it('so it can use neither Node nor the DOM', () => {
    const file = 'src-main/shared/planted.ts';
    expect(typeErrors(renderer, file, 'export const env = process.env.HOME;')).toEqual([
      expect.stringMatching(/^Cannot find name 'process'/),
    ]);
    expect(typeErrors(node, file, 'export const title: string = document.title;')).toEqual([
      expect.stringMatching(/^Cannot find name 'document'/),
    ]);
  });

  it('both configs include it', () => {
    const inShared = (config: ts.ParsedCommandLine) =>
      config.fileNames.filter((f) => f.startsWith(resolve(root, 'src-main/shared') + '/')).length;
    expect(inShared(renderer)).toBeGreaterThan(0);
    expect(inShared(node)).toBe(inShared(renderer));
  });
});
