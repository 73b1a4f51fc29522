// Where the window fetches a cached recording from, one definition for main (which builds the
// URLs `recordings.open` answers), the hosts (which route them) and the CSP (media-src).
// Electron: a privileged custom scheme; the web host: a path on the page's own origin.

export const MEDIA_SCHEME = 'unpod-media';
export const MEDIA_HOST = 'recordings';
export const WEB_MEDIA_PREFIX = '/media/recordings/';

export type MediaHost = 'electron' | 'web';

/** The URL an `<audio>` element plays a task's cached recording from. */
export function recordingMediaUrl(host: MediaHost, taskId: string, o: { download?: boolean } = {}): string {
  const id = encodeURIComponent(taskId);
  const query = o.download ? '?download=1' : '';
  return host === 'electron'
    ? `${MEDIA_SCHEME}://${MEDIA_HOST}/${id}${query}`
    : `${WEB_MEDIA_PREFIX}${id}${query}`;
}

/** The task id a media URL's path names (`/<id>` on the scheme, `/media/recordings/<id>` on the web host), or null. */
export function taskIdFromMediaPath(pathname: string, prefix: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  const rest = pathname.slice(prefix.length);
  if (rest === '' || rest.includes('/')) return null;
  let id: string;
  try {
    id = decodeURIComponent(rest);
  } catch {
    return null;
  }
  // Task ids are plain tokens; anything else (separators, dots-only, controls) is refused.
  return /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}$/.test(id) && !/^\.+$/.test(id) ? id : null;
}
