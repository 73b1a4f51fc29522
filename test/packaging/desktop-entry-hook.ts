// An afterPack hook the packaging check hands to electron-builder (pack-app.ts): writes the Linux
// desktop entry and the icon set exactly as the AppImage and deb targets would install them,
// with electron-builder's own code, beside the packed app. Those targets themselves cannot run
// here (they download their tools).
import type { AfterPackContext, LinuxPackager } from 'app-builder-lib';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper.js';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

export const DESKTOP_ENTRY_FILE = 'packaging-check.desktop';
export const ICONS_FILE = 'packaging-check-icons.json';

export default async function writeLinuxIntegration(context: AfterPackContext): Promise<void> {
  if (context.electronPlatformName !== 'linux') return;
  const packager = context.packager as LinuxPackager;
  const helper = new LinuxTargetHelper(packager);
  // The deb target's options: linux's, with deb's own on top (as FpmTarget merges them).
  const options = { ...packager.platformSpecificBuildOptions, ...packager.config.deb };
  await helper.writeDesktopEntry(options, undefined, join(context.appOutDir, DESKTOP_ENTRY_FILE));
  const icons = (await helper.icons).map(({ file, size }) => ({ file: basename(file), size }));
  await writeFile(join(context.appOutDir, ICONS_FILE), JSON.stringify(icons));
}
