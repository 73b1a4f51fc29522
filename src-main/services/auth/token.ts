// Checking what the user pasted as an API token, before it goes anywhere.
import { authError } from './errors.ts';

const MAX_TOKEN_LENGTH = 1024;

/**
 * Returns the token to use, or throws an `invalid_input` AuthError. Surrounding blanks are
 * dropped, and so is a leading "Token " or "Bearer " (people paste the whole header value).
 * The rest must be printable ASCII without spaces: anything else cannot travel in an HTTP
 * header and is a copy-paste accident.
 */
export function cleanToken(raw: unknown): string {
  if (typeof raw !== 'string')
    throw authError('invalid_token', 'Paste the API token from the Unpod dashboard (API Keys).');
  const token = raw.trim().replace(/^(?:token|bearer)\s+/i, '');
  if (token === '')
    throw authError('invalid_token', 'Paste the API token from the Unpod dashboard (API Keys).');
  if (token.length > MAX_TOKEN_LENGTH) {
    throw authError(
      'invalid_token',
      'That is too long to be an API token. Copy the key again from the Unpod dashboard (API Keys).',
    );
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw authError(
      'invalid_token',
      'The API token contains spaces or characters that cannot be part of a key. Copy it again from the Unpod dashboard (API Keys).',
    );
  }
  return token;
}

/** "…a1b2" for a token ending in a1b2, so the user can tell keys apart; short tokens get no hint. */
export function tokenHintOf(token: string): string {
  return token.length >= 8 ? `…${token.slice(-4)}` : '…';
}
