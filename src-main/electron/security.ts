// The Electron security baseline as pure functions and plain option objects, so each rule is
// unit-tested under plain Node (this file must not import electron). electron/harden.ts wires
// them into the real window, session and ipcMain. The Content-Security-Policy, which the web
// host sends too, is in shared/content-security-policy.ts.
// Background: https://www.electronjs.org/docs/latest/tutorial/security
import { MEDIA_SCHEME } from '../shared/recording-media.ts';

/** The privileged scheme that serves the built renderer in production: unpod-desk://app/index.html */
export const APP_SCHEME = 'unpod-desk';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Every privileged scheme, for the one `protocol.registerSchemesAsPrivileged` call (a second call
 * replaces the first one's list). The app scheme: `standard` (a real origin, relative URLs),
 * `secure`, fetch, and `codeCache` (V8 keeps the compiled renderer JavaScript between launches;
 * Electron allows it only on standard schemes).
 */
export function privilegedSchemes() {
  return [
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
    // Recordings (media-scheme.ts): streamed, so <audio> can seek in a large file; not bypassCSP.
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ];
}

/** webPreferences for every window: no Node in the page, isolated and OS-sandboxed renderer. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Same app "origin": protocol and host equal. (Node's URL reports origin "null" for custom
 * schemes such as unpod-desk:, so origins are compared by their parts.)
 */
export function isSameApp(url: string, appUrl: string): boolean {
  const a = parse(url);
  const b = parse(appUrl);
  return a !== null && b !== null && a.protocol === b.protocol && a.host === b.host;
}

/**
 * will-navigate / will-redirect: the app is a single page and never navigates. In development
 * the Vite dev server reloads the page, so navigation within the dev server's origin is allowed.
 */
export function isNavigationAllowed(url: string, appUrl: string, options: { dev: boolean }): boolean {
  return options.dev && isSameApp(url, appUrl);
}

export type WindowOpenDecision = { action: 'deny'; openExternally?: string };

/**
 * setWindowOpenHandler: never open an Electron window. A plain https link (no credentials in
 * it) goes to the system browser; everything else (http, file, javascript, custom schemes) is
 * dropped.
 */
export function decideWindowOpen(url: string): WindowOpenDecision {
  const parsed = parse(url);
  if (parsed === null || parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') {
    return { action: 'deny' };
  }
  return { action: 'deny', openExternally: parsed.href };
}

/**
 * Permission requests and checks (camera, microphone, notifications, geolocation, ...): all
 * denied, with one exception: writing plain text to the clipboard from our own page, which
 * the agents screen's "Copy handle" needs (navigator.clipboard.writeText). Reading the
 * clipboard stays denied.
 */
export function decidePermission(permission: string, requestingUrl: string, appUrl: string): boolean {
  return permission === 'clipboard-sanitized-write' && isSameApp(requestingUrl, appUrl);
}

export interface IpcSenderInfo {
  /** webContents.id of the sender. */
  senderId: number;
  /** The sending frame: null when it was destroyed or navigated away before the message arrived. */
  frame: { url: string; isMainFrame: boolean } | null;
}

/**
 * Only our window's top frame, showing our app, may call the contract. Anything else (a
 * subframe, another window, a page that somehow navigated elsewhere) is refused.
 */
export function isTrustedIpcSender(
  sender: IpcSenderInfo,
  trusted: { windowId: number | null; appUrl: string },
): boolean {
  return (
    trusted.windowId !== null &&
    sender.senderId === trusted.windowId &&
    sender.frame !== null &&
    sender.frame.isMainFrame &&
    isSameApp(sender.frame.url, trusted.appUrl)
  );
}
