// Which bridge the page talks to main through. The Electron preload defines window.unpod; the
// web host's page has none and installs the HTTP bridge. A page in Electron without
// window.unpod means the preload failed: the web bridge would only post to the app scheme and
// report "The web host answered 405", so the page says plainly that it cannot start instead.
export type BridgeChoice = 'preload' | 'web' | 'missing-preload';

export function chooseBridge(page: {
  hasPreloadApi: boolean;
  protocol: string;
  userAgent: string;
}): BridgeChoice {
  if (page.hasPreloadApi) return 'preload';
  // The built app's own scheme, or Electron's user agent (the dev server is plain http).
  const inElectron = page.protocol === 'unpod-desk:' || /\bElectron\//.test(page.userAgent);
  return inElectron ? 'missing-preload' : 'web';
}

export const MISSING_PRELOAD_MESSAGE =
  'This window could not connect to the rest of Unpod Desk (its preload script did not load), so nothing can be shown or saved. Quit Unpod Desk and start it again. If this keeps happening, install it again; the log (in the logs folder of its data folder) says what failed.';
