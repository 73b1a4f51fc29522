// What electron-builder only reads when it builds for a given system (icons, entitlements, the
// installers' options), checked on every system: a wrong path would otherwise surface only on the
// macOS or Windows CI runner, at the end of a build.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config, { macSigning } from '../../build/electron-builder.config.ts';

const projectDir = join(import.meta.dirname, '..', '..');

/** Every value of the config under a key that names a file electron-builder reads. */
function namedFiles(value: unknown, path = 'config'): Array<{ path: string; file: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => namedFiles(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = `${path}.${key}`;
    const isFileKey = /^(icon|installerIcon|uninstallerIcon|entitlements|entitlementsInherit)$/.test(key);
    return isFileKey && typeof v === 'string' ? [{ path: here, file: v }] : namedFiles(v, here);
  });
}

describe('the electron-builder configuration', () => {
  it('names only files that exist: icons, entitlements, installer icons', () => {
    const named = [...namedFiles(config), ...namedFiles(macSigning({ CSC_LINK: 'certificate.p12' }))];
    expect(named.map((n) => n.path)).toEqual(
      expect.arrayContaining(['config.linux.icon', 'config.win.icon', 'config.mac.icon', 'config.dmg.icon']),
    );
    for (const { path, file } of named)
      expect(existsSync(join(projectDir, file)), `${path}: ${file}`).toBe(true);
  });

  it('installs per user on Windows, without asking for administrator rights', () => {
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false });
  });

  it('builds AppImage and deb, NSIS, and dmg and zip for Apple silicon and Intel', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac?.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
  });

  it('offers to open .csv files on Linux and macOS', () => {
    for (const system of [config.linux, config.mac]) {
      expect(system?.fileAssociations).toEqual([
        expect.objectContaining({ ext: 'csv', mimeType: 'text/csv' }),
      ]);
    }
  });
});

describe('the Windows installer', () => {
  const script = readFileSync(join(projectDir, 'build', 'installer.nsh'), 'utf8');
  const lines = script.split('\n').filter((line) => !line.trimStart().startsWith(';'));

  it('lists Unpod Desk under "Open with" for .csv, and removes it on uninstall', () => {
    expect(lines.join('\n')).toMatch(
      /WriteRegNone SHELL_CONTEXT "Software\\Classes\\\.csv\\OpenWithProgids"/,
    );
    expect(lines.join('\n')).toMatch(
      /DeleteRegValue SHELL_CONTEXT "Software\\Classes\\\.csv\\OpenWithProgids"/,
    );
    // The ProgID opens the file with the installed app.
    expect(lines.join('\n')).toContain(`shell\\open\\command" "" '"$appExe" "%1"'`);
  });

  it('never makes itself the default app for .csv, nor leaves electron-builder to do it', () => {
    // The default value of .csv is written as: WriteRegStr ROOT "Software\Classes\.csv" "" …
    expect(lines.filter((line) => /Software\\Classes\\\.csv" ""/.test(line))).toEqual([]);
    expect(config.fileAssociations).toBeUndefined();
    expect(config.win?.fileAssociations).toBeUndefined();
  });
});

describe('macOS signing', () => {
  it('signs ad hoc, without hardened runtime, when no certificate is given', () => {
    expect(macSigning({})).toEqual({ identity: '-', hardenedRuntime: false });
  });

  it('signs with the certificate and hardened runtime when CSC_LINK or CSC_NAME is set', () => {
    for (const env of [{ CSC_LINK: 'certificate.p12' }, { CSC_NAME: 'Developer ID Application: Unpod' }]) {
      const signing = macSigning(env);
      expect(signing.identity).toBeUndefined();
      expect(signing.hardenedRuntime).toBe(true);
      expect(signing.entitlements).toBe('build/entitlements.mac.plist');
    }
  });

  it('asks hardened runtime for JIT only, the one exception Electron needs', () => {
    const plist = readFileSync(join(projectDir, 'build', 'entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });
});
