// The built renderer is served from a privileged custom scheme (unpod-desk://app/) rather than
// file://: the page gets a real, narrow origin (it cannot read other local files), our handler
// sets the CSP header itself (webRequest does not reliably see file:// responses), and only
// GET requests for files inside out/renderer are answered (app-request.ts).
import { protocol } from 'electron';
import { answerAppRequest } from './app-request.ts';
import { MEDIA_SCHEME } from '../shared/recording-media.ts';
import { APP_SCHEME } from './security.ts';

/**
 * Must run before the app is ready. Every privileged scheme goes in this one call (a later call
 * replaces an earlier one): the app scheme, and the recordings scheme (media-scheme.ts), which
 * streams (`stream`, so <audio> can seek in a large file) but does not bypass the CSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ]);
}

export function serveRenderer(rendererDir: string, contentSecurityPolicy: string): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(request, { rendererDir, contentSecurityPolicy }));
}
