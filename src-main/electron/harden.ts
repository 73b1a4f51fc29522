// Wires the pure rules of security.ts into Electron: the session (permissions, dev-server CSP)
// and every web contents ever created (navigation, new windows, webviews).
import { app, shell, type Session } from 'electron';
import { buildContentSecurityPolicy } from '../shared/content-security-policy.ts';
import { MEDIA_SCHEME } from '../shared/recording-media.ts';
import { decidePermission, decideWindowOpen, isNavigationAllowed } from './security.ts';

export function hardenSession(ses: Session, options: { appUrl: string; devServerUrl?: string }): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(decidePermission(permission, details.requestingUrl, options.appUrl)),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin, options.appUrl),
  );
  ses.setDevicePermissionHandler(() => false);

  // The app scheme sets its own CSP header; the dev server's responses get it here.
  if (options.devServerUrl) {
    const origin = new URL(options.devServerUrl).origin;
    const csp = buildContentSecurityPolicy({ devServerOrigin: origin, mediaSources: [`${MEDIA_SCHEME}:`] });
    ses.webRequest.onHeadersReceived({ urls: [`${origin}/*`] }, (details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }
}

/** Applies the navigation and window rules to every web contents, including ones made later. */
export function hardenAllWebContents(options: { appUrl: string; dev: boolean }): void {
  app.on('web-contents-created', (_event, contents) => {
    const guard = (event: { url: string; preventDefault(): void }) => {
      if (!isNavigationAllowed(event.url, options.appUrl, { dev: options.dev })) event.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) event.preventDefault();
    });
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(url);
      if (decision.openExternally) void shell.openExternal(decision.openExternally);
      return { action: 'deny' };
    });
  });
}
