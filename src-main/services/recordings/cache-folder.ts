// Where recordings are kept: the OS's cache folder, which is neither synced between machines
// (Windows' roaming profile) nor backed up (macOS excludes ~/Library/Caches from Time Machine;
// XDG's cache folder is the one backup tools skip), because every file can be downloaded again.
// One folder per workspace (profile, or the demo), so profiles never see each other's calls.
// A pure function of platform, environment and home folder, so every OS is unit-tested here.
import path from 'node:path';

export interface CacheFolderEnv {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

/** The app's folder inside the OS cache folder; recordings go in its `recordings/`. */
export function appCacheFolder({ platform, env, home }: CacheFolderEnv): string {
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA'];
    const base = local && path.win32.isAbsolute(local) ? local : path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(base, 'Unpod Desk', 'Cache');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', 'dev.unpod.desk');
  // XDG: a relative $XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.cache');
  return path.posix.join(base, 'unpod-desk');
}

export function recordingsRootFor(e: CacheFolderEnv): string {
  const join = e.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appCacheFolder(e), 'recordings');
}

/** The web host keeps its recordings under its data folder (it has no OS cache folder of its own). */
export const webRecordingsRoot = (dataDir: string): string => path.join(dataDir, 'recordings');

/** The folder name of a workspace: `demo`, or `profile-<id>` (ids are made safe for any file system). */
export function workspaceFolderName(kind: 'demo' | 'profile', profileId: string | null): string {
  if (kind === 'demo' || profileId === null) return 'demo';
  return `profile-${profileId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64)}`;
}

/** A task id as a file name: kept as is when it is a plain token, else made safe with a hash suffix. */
export function fileStemOf(taskId: string, hash: (s: string) => string): string {
  if (/^[A-Za-z0-9_-]{1,120}$/.test(taskId)) return taskId;
  return `${taskId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80)}-${hash(taskId).slice(0, 12)}`;
}

const EXTENSIONS: Record<string, string> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/webm': 'webm',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/flac': 'flac',
};

/** The file extension for a content type (or the link's own extension), `bin` when unknown. */
export function extensionFor(contentType: string | null, url: string | null): string {
  const bare = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const known = EXTENSIONS[bare];
  if (known) return known;
  const fromUrl = url ? /\.([a-z0-9]{2,4})(?:$|[?#])/i.exec(url)?.[1]?.toLowerCase() : undefined;
  return fromUrl && Object.values(EXTENSIONS).includes(fromUrl) ? fromUrl : 'bin';
}

/** The content type for a file extension (when the server sent none, or a generic one). */
export function contentTypeForExtension(ext: string): string {
  const entry = Object.entries(EXTENSIONS).find(([, e]) => e === ext);
  return entry ? entry[0] : 'application/octet-stream';
}
