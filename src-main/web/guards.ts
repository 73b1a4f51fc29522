// The web host's request guards as pure functions. The host listens on 127.0.0.1 only, but any
// web page the user visits can still send requests there, so:
// - DNS rebinding: a foreign page that re-points its own name at 127.0.0.1 sends its own Host
//   header, so only the exact Host "127.0.0.1:PORT" is served;
// - cross-site requests carry a foreign Origin, so any Origin other than ours is refused;
// - every request must carry the per-launch secret (HttpOnly SameSite=Strict cookie, or the
//   X-Unpod-Secret header for scripts), which other local users and pages do not know.
import { timingSafeEqual } from 'node:crypto';

export const SECRET_HEADER = 'x-unpod-secret';

/** Cookies ignore ports, so the name carries it: two hosts on different ports do not clash. */
export const secretCookieName = (port: number): string => `unpod_secret_${port}`;

export function secretCookie(port: number, secret: string): string {
  return `${secretCookieName(port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export function secretsEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface GuardRequest {
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  secretHeader: string | undefined;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/** Host and Origin first (403), then the secret (401). */
export function checkRequest(req: GuardRequest, expected: { port: number; secret: string }): GuardVerdict {
  const self = `127.0.0.1:${expected.port}`;
  if (req.host !== self) return { ok: false, status: 403, reason: `Host must be ${self}` };
  if (req.origin !== undefined && req.origin !== `http://${self}`) {
    return { ok: false, status: 403, reason: 'Cross-origin requests are refused' };
  }
  const fromCookie = parseCookies(req.cookie).get(secretCookieName(expected.port));
  if (secretsEqual(fromCookie, expected.secret) || secretsEqual(req.secretHeader, expected.secret)) {
    return { ok: true };
  }
  return { ok: false, status: 401, reason: 'Missing or wrong access secret' };
}
