// electron-builder configuration: `npm run dist` (installers for the current system) and the
// packaging check (test/packaging/), which packs the app with this same file, so the rules for
// what goes into the package live here and nowhere else.
//
// Signing and notarization come from electron-builder's usual environment variables and are
// skipped when they are absent: CSC_LINK + CSC_KEY_PASSWORD (macOS and Windows certificates;
// WIN_CSC_LINK for Windows alone), APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID or
// APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER (notarization). See macSigning below.
import type { Configuration, FileAssociation, MacConfiguration } from 'electron-builder';

/** What the packaged app is made of: the built app (every file electron-vite writes to out/, so
 * new entries such as another worker are included without a change here) and package.json.
 * electron-builder adds the production dependencies (package.json "dependencies", never the
 * devDependencies) by itself; the exclusions apply to them too. */
export const appFiles = [
  'out/**/*',
  'package.json',
  // Source maps help nobody on a supervisor's machine and reveal the sources.
  '!**/*.map',
  // Type declarations and TypeScript sources that some packages ship (zod, libphonenumber-js).
  '!**/node_modules/**/*.{ts,mts,cts}',
];

/** Native modules cannot be loaded from inside an asar archive: keytar's binary stays outside. */
export const unpackedFiles = ['**/node_modules/keytar/build/Release/*.node'];

const csv = {
  ext: 'csv',
  mimeType: 'text/csv',
} satisfies FileAssociation;

/** Signed with hardened runtime when a certificate is given (CSC_LINK or CSC_NAME); otherwise an
 * ad-hoc signature, which Apple silicon needs to run the app at all, and no hardened runtime
 * (its library validation would refuse an ad-hoc signed app's own frameworks). */
export function macSigning(
  env: NodeJS.ProcessEnv,
): Pick<MacConfiguration, 'identity' | 'hardenedRuntime' | 'entitlements' | 'entitlementsInherit'> {
  const hasCertificate = Boolean(env.CSC_LINK || env.CSC_NAME);
  if (!hasCertificate) return { identity: '-', hardenedRuntime: false };
  return {
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  };
}

const config: Configuration = {
  appId: 'dev.unpod.desk',
  productName: 'Unpod Desk',
  copyright: 'Copyright © Unpod',
  directories: { output: 'dist', buildResources: 'build' },
  files: appFiles,
  asar: true,
  asarUnpack: unpackedFiles,
  // The packaged package.json: Electron takes the Linux window's app id (and so the taskbar's
  // grouping under the desktop entry) from desktopName; deb needs a homepage; Windows shows the
  // author as the publisher.
  extraMetadata: {
    desktopName: 'unpod-desk.desktop',
    homepage: 'https://unpod.dev',
    author: { name: 'Unpod' },
  },
  artifactName: '${name}-${version}-${os}-${arch}.${ext}',

  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'unpod-desk',
    icon: 'build/icons/png',
    category: 'Office',
    maintainer: 'Unpod <support@unpod.dev>',
    synopsis: 'AI-call campaigns on Unpod, for call-center supervisors',
    syncDesktopName: true,
    fileAssociations: [{ ...csv, name: 'CSV document' }],
    // The desktop entry: electron-builder writes Name (productName), Exec, Icon, Comment
    // (package.json's description), Categories (category), MimeType (fileAssociations) and
    // StartupWMClass (desktopName, so it matches the window's app id); these add to them.
    desktop: {
      entry: {
        GenericName: 'Call campaigns',
        Keywords: 'calls;campaigns;leads;csv;unpod;',
      },
    },
  },
  // deb: electron-builder's own dependency list (GTK, NSS, …) already has libsecret-1-0, which
  // keytar needs to reach the Secret Service.

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icons/icon.ico',
    // .csv on Windows: build/installer.nsh registers "Open with" only; electron-builder's
    // fileAssociations would make Unpod Desk the default app for CSV files.
  },
  nsis: {
    // Per-user: installs under %LOCALAPPDATA%\Programs, no administrator rights asked.
    oneClick: false,
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Unpod Desk',
    installerIcon: 'build/icons/icon.ico',
    uninstallerIcon: 'build/icons/icon.ico',
    // Profiles, cache and logs stay unless the user deletes them (README: Uninstalling).
    deleteAppDataOnUninstall: false,
  },

  mac: {
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ],
    icon: 'build/icons/icon.icns',
    category: 'public.app-category.business',
    darkModeSupport: true,
    // Not the default handler: Numbers or Excel stay the app a double-click opens.
    fileAssociations: [{ ...csv, name: 'CSV document', role: 'Viewer', rank: 'Alternate' }],
    ...macSigning(process.env),
  },
  dmg: {
    icon: 'build/icons/icon.icns',
  },
  publish: null,
};

export default config;
