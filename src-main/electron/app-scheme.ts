// The built renderer is served from a privileged custom scheme (unpod-desk://app/) rather than
// file://: the page gets a real, narrow origin (it cannot read other local files), our handler
// sets the CSP header itself (webRequest does not reliably see file:// responses), and only
// GET requests for files inside out/renderer are answered (app-request.ts).
import { protocol } from 'electron';
import { answerAppRequest } from './app-request.ts';
import { APP_SCHEME, privilegedSchemes } from './security.ts';

/**
 * Must run before the app is ready, and only once: Electron keeps the list of the last call, so
 * every scheme is in security.ts's `privilegedSchemes()`.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged(privilegedSchemes());
}

export function serveRenderer(rendererDir: string, contentSecurityPolicy: string): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(request, { rendererDir, contentSecurityPolicy }));
}
