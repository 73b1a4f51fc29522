// Checking the server address a user types on the sign-in screen. The API token travels in a
// header on every request, so plain http is refused except to this computer (a local sandbox or
// a tunnel); everything else needs https. The result is the origin alone (scheme, host, port):
// pasted API paths, queries and fragments are dropped, so one server is always spelled one way.
// Both sides run it: the sign-in form as the user types, the auth service again on what arrives.

export const DEFAULT_BASE_URL = 'https://unpod.dev';

export type BaseUrlResult = { ok: true; baseUrl: string } | { ok: false; message: string };

const MAX_LENGTH = 2048;
const EXAMPLE = 'Enter it like https://unpod.dev.';

/**
 * True for names that always mean this computer: localhost, 127.0.0.0/8, ::1 (also as an
 * IPv4-mapped address). Expects a hostname as WHATWG URL reports it (IPv6 in brackets,
 * IPv4 in dotted decimal, lower case).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return true;
  if (host === '[::1]') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return v4.slice(1).every((part) => Number(part) <= 255);
  // ::ffff:127.x.y.z, which the URL parser writes as [::ffff:7fxx:yyzz].
  return /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}

/**
 * Validates and normalises a server address. Empty input means the default server. An address
 * without a scheme ("unpod.dev") is read as https.
 */
export function validateBaseUrl(input: string | null | undefined): BaseUrlResult {
  const raw = (input ?? '').trim();
  if (raw === '') return { ok: true, baseUrl: DEFAULT_BASE_URL };
  if (raw.length > MAX_LENGTH) return { ok: false, message: 'The server address is too long.' };
  if (/\s/.test(raw)) return { ok: false, message: `The server address must not contain spaces. ${EXAMPLE}` };

  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `"${raw}" is not a valid server address. ${EXAMPLE}` };
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      message: `The server address must start with https:// ("${url.protocol.replace(/:$/, '')}" is not supported). ${EXAMPLE}`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'The server address must not contain a user name or password.' };
  }
  if (url.hostname === '') {
    return { ok: false, message: `"${raw}" has no server name. ${EXAMPLE}` };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: `The server address must use https:// so the API token is encrypted on the way. Plain http:// is allowed only for this computer (localhost, 127.0.0.1 or ::1). Try https://${url.host}.`,
    };
  }
  return { ok: true, baseUrl: url.origin };
}
