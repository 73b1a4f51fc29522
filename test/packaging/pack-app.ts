// Packs the app the way `npm run dist` does, minus the installers: electron-builder itself, with
// build/electron-builder.config.ts, builds the unpacked Linux app folder (the `dir` target) into
// a temp folder. Its own matcher picks the files, collects the production node_modules and writes
// resources/app.asar (with @electron/asar) and app.asar.unpacked, so the check sees exactly what
// an installer would hold. Electron itself cannot be downloaded here: a stand-in executable is
// handed over as the Electron distribution, which only changes what lies beside resources/.
import { execFile } from 'node:child_process';
import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PackedApp {
  /** The unpacked Linux app folder: the executable, resources/, and what the hook wrote. */
  appDir: string;
  /** resources/ of the packed app: app.asar and app.asar.unpacked. */
  resourcesDir: string;
  asarPath: string;
  unpackedDir: string;
}

export async function assertBuilt(projectDir: string): Promise<void> {
  const entry = join(projectDir, 'out', 'main', 'index.js');
  const built = await stat(entry).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!built) {
    throw new Error(
      `The packaging check packs the built app, and ${entry} is missing: run \`npm run build\` first ` +
        '(`npm test` builds before it runs vitest).',
    );
  }
}

export async function packApp(projectDir: string, workDir: string): Promise<PackedApp> {
  const electronDist = join(workDir, 'electron-stand-in');
  await mkdir(electronDist, { recursive: true });
  const standIn = join(electronDist, 'electron');
  await writeFile(standIn, '#!/bin/sh\necho "stand-in for Electron (packaging check)" >&2\nexit 1\n');
  await chmod(standIn, 0o755);

  const outputDir = join(workDir, 'dist');
  const cli = join(projectDir, 'node_modules', 'electron-builder', 'cli.js');
  const args = [
    cli,
    '--config',
    'build/electron-builder.config.ts',
    '--linux',
    'dir',
    '--x64',
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${outputDir}`,
    // Rebuilding keytar for Electron needs Electron's headers from the network; the check is
    // about which files are packed, and `npm run dist` keeps the rebuild.
    '-c.npmRebuild=false',
    // Writes the Linux desktop entry and icon list beside the app (desktop-entry-hook.ts).
    '-c.afterPack=test/packaging/desktop-entry-hook.ts',
  ];
  try {
    await run(process.execPath, args, {
      cwd: projectDir,
      env: { ...process.env, CI: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`electron-builder failed:\n${stdout}\n${stderr}`, { cause: error });
  }

  const appDir = join(outputDir, 'linux-unpacked');
  const resourcesDir = join(appDir, 'resources');
  return {
    appDir,
    resourcesDir,
    asarPath: join(resourcesDir, 'app.asar'),
    unpackedDir: join(resourcesDir, 'app.asar.unpacked'),
  };
}
