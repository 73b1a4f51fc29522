// The packaging check: what an installer would install, packed by electron-builder with the
// project's own configuration (pack-app.ts), read back with @electron/asar.
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DESKTOP_ENTRY_FILE, ICONS_FILE } from './desktop-entry-hook.ts';
import { assertBuilt, packApp, type PackedApp } from './pack-app.ts';
import { LINUX_SIZES } from '../../build/icons/generate.ts';

const projectDir = join(import.meta.dirname, '..', '..');

const projectPackageJson = z.object({
  main: z.string(),
  dependencies: z.record(z.string(), z.string()),
  devDependencies: z.record(z.string(), z.string()),
});

const packedPackageJson = z.object({
  name: z.string(),
  version: z.string(),
  main: z.string(),
  type: z.literal('module'),
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.unknown().optional(),
  scripts: z.unknown().optional(),
});

const keytarBinary = 'node_modules/keytar/build/Release/keytar.node';

let workDir = '';
let packed: PackedApp;
/** Every path in the archive, relative, with forward slashes. */
let entries: string[];
let files: Set<string>;

/** Paths inside the archive use the platform's separator and start with one. */
const toEntry = (path: string): string => path.split(sep).join('/').replace(/^\//, '');

function isFile(entry: string): boolean {
  const node = statFile(packed.asarPath, entry);
  return 'size' in node;
}

/** The files under dir, relative to base, with forward slashes. */
async function filesUnder(dir: string, base = projectDir): Promise<string[]> {
  const found = await readdir(dir, { recursive: true, withFileTypes: true });
  return found
    .filter((d) => d.isFile())
    .map((d) => relative(base, join(d.parentPath, d.name)).split(sep).join('/'));
}

/** The packages the built code loads at run time: bare specifiers of its imports and requires
 * (static, dynamic, re-exports), without Node's own modules and Electron, which the runtime
 * provides. Read from out/ itself, so a dependency a new module starts to use is checked too. */
async function runtimeImports(): Promise<Map<string, string[]>> {
  const builtins = new Set(builtinModules);
  const byPackage = new Map<string, string[]>();
  for (const file of await filesUnder(join(projectDir, 'out'))) {
    if (!/\.(c|m)?js$/.test(file) || file.startsWith('out/renderer/')) continue;
    const source = await readFile(join(projectDir, file), 'utf8');
    for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
      if (fileName.startsWith('.') || fileName.startsWith('/')) continue;
      if (fileName.startsWith('node:') || builtins.has(fileName) || fileName === 'electron') continue;
      const parts = fileName.split('/');
      const name = fileName.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (name === undefined) continue;
      byPackage.set(name, [...(byPackage.get(name) ?? []), file]);
    }
  }
  return byPackage;
}

function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const d of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (d.isFile()) total += (await stat(join(d.parentPath, d.name))).size;
  }
  return total;
}

beforeAll(async () => {
  await assertBuilt(projectDir);
  workDir = await mkdtemp(join(tmpdir(), 'unpod-desk-pack-'));
  packed = await packApp(projectDir, workDir);
  entries = listPackage(packed.asarPath, { isPack: false }).map(toEntry);
  files = new Set(entries.filter(isFile));
}, 180_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('holds the built main process, its workers, the preload and the renderer', async () => {
    for (const entry of [
      'out/main/index.js',
      'out/main/store-worker.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ]) {
      expect(files, entry).toContain(entry);
    }
    // Everything the build wrote (but its source maps) is packed: new workers or chunks included.
    const built = (await filesUnder(join(projectDir, 'out'))).filter((f) => !f.endsWith('.map'));
    expect(built.length).toBeGreaterThan(4);
    const missing = built.filter((f) => !files.has(f));
    expect(missing, 'built files left out of the package').toEqual([]);
  });

  it("has a package.json whose main is packed, and without the project's scripts or devDependencies", async () => {
    const project = projectPackageJson.parse(
      JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')),
    );
    const manifest = packedPackageJson.parse(
      JSON.parse(extractFile(packed.asarPath, 'package.json').toString('utf8')),
    );
    expect(manifest.main).toBe(project.main);
    expect(files).toContain(toEntry(manifest.main));
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
  });

  it('holds every package the built code loads at run time, each a production dependency', async () => {
    const project = projectPackageJson.parse(
      JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')),
    );
    const imports = await runtimeImports();
    // The main process's keychain module is one of them: the scan sees the bundle's imports.
    expect([...imports.keys()]).toContain('keytar');
    console.log(`runtime packages loaded by out/: ${[...imports.keys()].sort().join(', ')}`);
    const unused = Object.keys(project.dependencies).filter((name) => !imports.has(name));
    // Packed all the same (a dependency of the renderer only is bundled into it and need not be).
    if (unused.length > 0) console.log(`dependencies packed but not loaded by out/: ${unused.join(', ')}`);
    for (const [name, importers] of imports) {
      expect(project.dependencies, `${name} (imported by ${importers.join(', ')})`).toHaveProperty([name]);
      expect(files, `${name} (imported by ${importers.join(', ')})`).toContain(
        `node_modules/${name}/package.json`,
      );
    }
    for (const name of Object.keys(project.dependencies)) {
      expect(files, `dependency ${name}`).toContain(`node_modules/${name}/package.json`);
    }
  });

  it('loads every one of those packages from the package alone, keytar with its native module', async () => {
    const imports = [...(await runtimeImports()).keys()].sort();
    // The archive's files as the app sees them, unpacked ones included, outside the project
    // (whose own node_modules would otherwise answer).
    const extracted = join(workDir, 'extracted');
    extractAll(packed.asarPath, extracted);
    const probe = join(extracted, 'load-runtime-packages.mjs');
    await writeFile(
      probe,
      `for (const name of ${JSON.stringify(imports)}) {\n` +
        `  const loaded = await import(name);\n` +
        `  console.log(name + ': ' + Object.keys(loaded.default ?? loaded).length + ' exports');\n` +
        `}\n`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [probe], { cwd: extracted });
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split(':')[0]),
    ).toEqual(imports);
    expect(stdout).toMatch(/^keytar: [1-9]\d* exports$/m);
  });

  it('leaves out sources, tests, source maps and the development tools', async () => {
    const project = projectPackageJson.parse(
      JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')),
    );
    const outside = entries.filter(
      (e) => !e.startsWith('out/') && !e.startsWith('node_modules/') && e !== 'out',
    );
    expect(outside.filter((e) => e !== 'node_modules')).toEqual(['package.json']);
    expect(entries.filter((e) => /\.map$/.test(e))).toEqual([]);
    expect(entries.filter((e) => /\.(ts|mts|cts|tsx)$/.test(e))).toEqual([]);
    // Every devDependency, and the tools they bring along.
    const devTools = [
      ...Object.keys(project.devDependencies),
      ...['playwright', 'playwright-core', 'electron-vite', 'app-builder-lib', 'vite'],
    ];
    expect(devTools).toEqual(
      expect.arrayContaining(['vitest', '@playwright/test', 'typescript', 'electron']),
    );
    const packedDevTools = devTools.filter((name) => entries.includes(`node_modules/${name}`));
    expect(packedDevTools).toEqual([]);
  });

  it("keeps keytar's native module outside the archive, where Electron can load it", async () => {
    const entry = statFile(packed.asarPath, keytarBinary);
    expect(entry.unpacked).toBe(true);
    const onDisk = await stat(join(packed.unpackedDir, ...keytarBinary.split('/')));
    expect(onDisk.size).toBeGreaterThan(10_000);
    // Nothing else is unpacked: everything but native code belongs in the archive.
    const unpacked = await filesUnder(packed.unpackedDir, packed.unpackedDir);
    expect(unpacked.filter((f) => f.endsWith('.node'))).toHaveLength(1);
  });

  it('installs on Linux with a desktop entry that opens CSV files and groups the window under it', async () => {
    const text = await readFile(join(packed.appDir, DESKTOP_ENTRY_FILE), 'utf8');
    const entry = Object.fromEntries(
      text
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(text.startsWith('[Desktop Entry]\n')).toBe(true);
    expect(entry).toMatchObject({
      Name: 'Unpod Desk',
      Exec: '"/opt/Unpod Desk/unpod-desk" %U',
      Icon: 'unpod-desk',
      Type: 'Application',
      Categories: 'Office;',
      MimeType: 'text/csv;',
      // Electron names the window after the packaged package.json's desktopName.
      StartupWMClass: 'unpod-desk',
      GenericName: 'Call campaigns',
    });
    const manifest = z
      .object({ desktopName: z.string() })
      .parse(JSON.parse(extractFile(packed.asarPath, 'package.json').toString('utf8')));
    expect(`${entry.StartupWMClass}.desktop`).toBe(manifest.desktopName);
  });

  it('gives Linux every committed icon size', async () => {
    const icons = z
      .array(z.object({ file: z.string(), size: z.number() }))
      .parse(JSON.parse(await readFile(join(packed.appDir, ICONS_FILE), 'utf8')));
    expect(icons.map((i) => i.size).sort((a, b) => a - b)).toEqual(LINUX_SIZES);
  });

  it('prints its size', async () => {
    const asarBytes = (await stat(packed.asarPath)).size;
    const unpackedBytes = await folderSize(packed.unpackedDir);
    const bySize = new Map<string, number>();
    for (const entry of files) {
      const node = statFile(packed.asarPath, entry);
      if (!('size' in node)) continue;
      const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(entry);
      const group = match?.[1] ?? entry.split('/').slice(0, 2).join('/');
      bySize.set(group, (bySize.get(group) ?? 0) + node.size);
    }
    const largest = [...bySize.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(
      `package: app.asar ${formatBytes(asarBytes)} (${files.size} files), ` +
        `app.asar.unpacked ${formatBytes(unpackedBytes)}; largest parts: ` +
        largest.map(([name, bytes]) => `${name} ${formatBytes(bytes)}`).join(', '),
    );
    expect(asarBytes).toBeGreaterThan(0);
  });
});
