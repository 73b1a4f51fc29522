// The page's Content-Security-Policy, one definition for both hosts: the Electron app scheme
// and dev server (electron/) and the web host (web/) send the same header.

export interface CspOptions {
  /**
   * The Vite dev server origin when running `electron-vite dev`: its HMR client needs an inline
   * preamble (React refresh) and a websocket. Never set in a built app.
   */
  devServerOrigin?: string;
  /** Extra sources for <audio>/<img>, e.g. the recordings scheme ("unpod-media:"). */
  mediaSources?: readonly string[];
}

/** The page's Content-Security-Policy: only our own files, no eval, no plugins, no framing. */
export function buildContentSecurityPolicy(options: CspOptions = {}): string {
  const media = ["'self'", ...(options.mediaSources ?? [])];
  const dev = options.devServerOrigin;
  const devSocket = dev ? dev.replace(/^http/, 'ws') : undefined;
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'unsafe-inline' only for the dev server's React-refresh preamble; never 'unsafe-eval'.
    ['script-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    // Vite injects <style> tags in dev; the built app links .css files only.
    ['style-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    // Vite inlines small images and fonts as data: URLs.
    ['img-src', ...media, 'data:'],
    ['media-src', ...media],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...(devSocket ? [devSocket] : [])],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['worker-src', "'self'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}
