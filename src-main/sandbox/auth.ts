// Token authentication as on the platform (DRF TokenAuthentication): `Authorization: Token <key>`.
import { unpodReply, type Reply } from './envelope.ts';
import type { OrgRecord, World } from './data/world.ts';

const WWW_AUTHENTICATE = { 'WWW-Authenticate': 'Token' };

/** Returns null when the request may proceed, else the error reply. */
export function authenticate(authorization: string | undefined, world: World): Reply | null {
  const parts = (authorization ?? '').trim().split(/\s+/);
  // Another scheme (e.g. Bearer) is ignored by TokenAuthentication: as if no credentials.
  if (!authorization || parts[0]?.toLowerCase() !== 'token') {
    return unpodReply(401, { detail: 'Authentication credentials were not provided.' }, WWW_AUTHENTICATE);
  }
  if (parts.length === 1) {
    return unpodReply(401, { detail: 'Invalid token header. No credentials provided.' }, WWW_AUTHENTICATE);
  }
  if (parts.length > 2) {
    return unpodReply(
      401,
      { detail: 'Invalid token header. Token string should not contain spaces.' },
      WWW_AUTHENTICATE,
    );
  }
  const key = parts[1];
  if (key === world.expiredToken) return unpodReply(403, { message: 'Token has expired.' });
  if (key !== world.token) return unpodReply(401, { detail: 'Invalid token.' }, WWW_AUTHENTICATE);
  return null;
}

/** The organization named by the Org-Handle header, or the error reply. */
export function requireOrg(orgHandle: string | undefined, world: World): OrgRecord | Reply {
  const handle = orgHandle?.trim();
  if (!handle) return unpodReply(400, { message: 'Org-Handle header is required.' });
  const org = world.organizations.find((o) => o.domainHandle === handle);
  // Guess: the platform's wording for an unknown handle is not documented.
  if (!org) return unpodReply(206, { message: 'Invalid Org-Handle.' });
  return org;
}
