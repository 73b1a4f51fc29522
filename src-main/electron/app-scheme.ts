// The built renderer is served from a privileged custom scheme (unpod-desk://app/) rather than
// file://: the page gets a real, narrow origin (it cannot read other local files), our handler
// sets the CSP header itself (webRequest does not reliably see file:// responses), and only
// GET requests for files inside out/renderer are answered.
import { protocol } from 'electron';
import { readStaticFile } from '../web/static-files.ts';
import { APP_HOST, APP_SCHEME } from './security.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string, contentSecurityPolicy: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 });
    }
    const file = url.host === APP_HOST ? await readStaticFile(rendererDir, url.pathname) : null;
    if (file === null) return new Response('Not found', { status: 404 });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  });
}
