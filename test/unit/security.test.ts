import { describe, expect, it } from 'vitest';
import {
  APP_URL,
  decidePermission,
  decideWindowOpen,
  isNavigationAllowed,
  isSameApp,
  isTrustedIpcSender,
  secureWebPreferences,
} from '../../src-main/electron/security.ts';
import { buildContentSecurityPolicy } from '../../src-main/shared/content-security-policy.ts';

/** "a b; c d" → Map { a → [b], c → [d] } */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('secure window options', () => {
  it('isolates and sandboxes the renderer, with no Node and no webview', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });
});

describe('Content-Security-Policy', () => {
  const csp = directives(buildContentSecurityPolicy());

  it('allows only our own scripts, with no eval and no inline code', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(buildContentSecurityPolicy()).not.toContain('unsafe-eval');
    expect(buildContentSecurityPolicy()).not.toContain('unsafe-inline');
  });

  it('forbids plugins, base rewriting, framing and form posts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('takes images and media from the app itself and from the recordings scheme when given', () => {
    expect(csp.get('media-src')).toEqual(["'self'"]);
    const withMedia = directives(buildContentSecurityPolicy({ mediaSources: ['unpod-media:'] }));
    expect(withMedia.get('media-src')).toEqual(["'self'", 'unpod-media:']);
    expect(withMedia.get('img-src')).toContain('unpod-media:');
    expect(withMedia.get('img-src')).not.toContain('*');
  });

  it('lets the dev server inline its preamble and open its websocket, still without eval', () => {
    const dev = buildContentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(directives(dev).get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives(dev).get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev).not.toContain('unsafe-eval');
  });
});

describe('navigation guard (will-navigate / will-redirect)', () => {
  it('denies every navigation in a built app, even to its own pages', () => {
    for (const url of [
      APP_URL,
      'unpod-desk://app/other.html',
      'https://unpod.dev/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      expect(isNavigationAllowed(url, APP_URL, { dev: false })).toBe(false);
    }
  });

  it('in development allows only the dev server itself (its reloads)', () => {
    const dev = 'http://localhost:5173/';
    expect(isNavigationAllowed('http://localhost:5173/index.html', dev, { dev: true })).toBe(true);
    expect(isNavigationAllowed('http://localhost:5174/', dev, { dev: true })).toBe(false);
    expect(isNavigationAllowed('http://localhost.evil.com:5173/', dev, { dev: true })).toBe(false);
    expect(isNavigationAllowed('https://unpod.dev/', dev, { dev: true })).toBe(false);
    expect(isNavigationAllowed('not a url', dev, { dev: true })).toBe(false);
  });

  it('compares custom-scheme origins by scheme and host', () => {
    expect(isSameApp('unpod-desk://app/assets/x.js', APP_URL)).toBe(true);
    expect(isSameApp('unpod-desk://other/index.html', APP_URL)).toBe(false);
    expect(isSameApp('unpod-deskx://app/index.html', APP_URL)).toBe(false);
  });
});

describe('window.open handler', () => {
  it('sends https links to the system browser and opens no window', () => {
    expect(decideWindowOpen('https://unpod.dev/docs?a=1#b')).toEqual({
      action: 'deny',
      openExternally: 'https://unpod.dev/docs?a=1#b',
    });
  });

  it('drops every other kind of link', () => {
    for (const url of [
      'http://unpod.dev/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'unpod-desk://app/index.html',
      'data:text/html,<script>1</script>',
      'https://user:pass@unpod.dev/',
      'nonsense',
      '',
    ]) {
      expect(decideWindowOpen(url)).toEqual({ action: 'deny' });
    }
  });
});

describe('permissions', () => {
  it('denies every device, sensor and notification permission, even to our own page', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'midi',
      'unknown',
    ]) {
      expect(decidePermission(permission, APP_URL, APP_URL)).toBe(false);
    }
  });

  it('lets only our own page write text to the clipboard ("Copy handle")', () => {
    expect(
      decidePermission('clipboard-sanitized-write', 'unpod-desk://app/index.html#/agents', APP_URL),
    ).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'https://evil.example/', APP_URL)).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', '', APP_URL)).toBe(false);
  });
});

describe('IPC sender check', () => {
  const trusted = { windowId: 7, appUrl: APP_URL };
  const mainFrame = { url: 'unpod-desk://app/index.html#/agents', isMainFrame: true };

  it('accepts the main frame of our window showing our app', () => {
    expect(isTrustedIpcSender({ senderId: 7, frame: mainFrame }, trusted)).toBe(true);
  });

  it('refuses subframes, other windows, foreign pages and destroyed frames', () => {
    expect(isTrustedIpcSender({ senderId: 7, frame: { ...mainFrame, isMainFrame: false } }, trusted)).toBe(
      false,
    );
    expect(isTrustedIpcSender({ senderId: 8, frame: mainFrame }, trusted)).toBe(false);
    expect(
      isTrustedIpcSender(
        { senderId: 7, frame: { url: 'https://evil.example/', isMainFrame: true } },
        trusted,
      ),
    ).toBe(false);
    expect(
      isTrustedIpcSender({ senderId: 7, frame: { url: 'file:///tmp/x.html', isMainFrame: true } }, trusted),
    ).toBe(false);
    expect(isTrustedIpcSender({ senderId: 7, frame: null }, trusted)).toBe(false);
  });

  it('refuses everything while the window does not exist', () => {
    expect(isTrustedIpcSender({ senderId: 7, frame: mainFrame }, { windowId: null, appUrl: APP_URL })).toBe(
      false,
    );
  });

  it('in development trusts the dev server origin only', () => {
    const dev = { windowId: 1, appUrl: 'http://localhost:5173' };
    expect(
      isTrustedIpcSender({ senderId: 1, frame: { url: 'http://localhost:5173/', isMainFrame: true } }, dev),
    ).toBe(true);
    expect(
      isTrustedIpcSender({ senderId: 1, frame: { url: 'http://127.0.0.1:5173/', isMainFrame: true } }, dev),
    ).toBe(false);
  });
});
