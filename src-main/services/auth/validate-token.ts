// Proving a token works with one real call (the organization list, which needs nothing but the
// token), and turning every way that call can fail into a sign-in message the user can act on.
import { UnpodError, type UnpodClient } from '../../unpod/index.ts';
import { authError } from './errors.ts';

export interface OrganizationChoice {
  name: string;
  /** The value of the Org-Handle header. */
  domainHandle: string;
  role: string | null;
}

function mentionsExpiry(error: UnpodError): boolean {
  const serverMessage =
    typeof error.details === 'object' && error.details !== null && 'message' in error.details
      ? String((error.details as { message: unknown }).message)
      : '';
  return /expired/i.test(serverMessage) || /expired/i.test(error.message);
}

/** Maps a failure of the validating call to an AuthError; anything unexpected is rethrown. */
export function signInErrorFrom(error: unknown, baseUrl: string): unknown {
  if (!(error instanceof UnpodError)) return error;
  const details = error.status === undefined ? {} : { status: error.status };
  switch (error.kind) {
    case 'unauthorized':
      return authError(
        'token_rejected',
        `${baseUrl} rejected this API token (401). Check that you copied the whole key from the Unpod dashboard (API Keys), and that it belongs to this server.`,
        details,
      );
    case 'forbidden':
      return mentionsExpiry(error)
        ? authError(
            'token_expired',
            'This API token has expired (403). Create a new key in the Unpod dashboard (API Keys) and paste the new token here.',
            details,
          )
        : authError(
            'access_denied',
            `${baseUrl} refused this API token access to your organizations (403). Check the key's permissions in the Unpod dashboard (API Keys).`,
            details,
          );
    case 'network':
      return authError(
        'unreachable',
        `Could not reach ${baseUrl}. Check the server address and your internet connection.`,
        details,
      );
    case 'timeout':
      return authError(
        'timeout',
        `${baseUrl} did not answer in time. Check the server address and your connection, then try again.`,
        details,
      );
    case 'invalid_response':
    case 'not_found':
    case 'bad_request':
    case 'business':
      return authError(
        'not_unpod_server',
        `${baseUrl} answered, but not like an Unpod server${error.status === undefined ? '' : ` (${error.status})`}. Check the server address; for Unpod's own service it is https://unpod.dev.`,
        details,
      );
    case 'server':
      return authError(
        'server_error',
        `The server at ${baseUrl} had a problem${error.status === undefined ? '' : ` (${error.status})`}. Try again in a few minutes.`,
        details,
      );
    case 'rate_limited':
      return authError('rate_limited', error.message, {
        ...details,
        ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      });
    case 'cancelled':
      return authError('cancelled', 'Signing in was cancelled.');
    default:
      return error;
  }
}

/** Lists the organizations the token can see; throws AuthError for every expected failure. */
export async function fetchOrganizations(
  client: UnpodClient,
  baseUrl: string,
  signal?: AbortSignal,
): Promise<OrganizationChoice[]> {
  let organizations;
  try {
    organizations = await client.listOrganizations(signal ? { signal } : undefined);
  } catch (error) {
    throw signInErrorFrom(error, baseUrl);
  }
  const choices = organizations
    .filter((org) => String(org.domain_handle).trim() !== '')
    .map((org) => ({
      name: String(org.name).trim() || String(org.domain_handle),
      domainHandle: String(org.domain_handle).trim(),
      role: org.role == null || org.role === '' ? null : String(org.role),
    }));
  if (choices.length === 0) {
    throw authError(
      'no_organizations',
      `This API token works, but it belongs to no organization on ${baseUrl}. Ask an admin to add you to an organization, or use a key from an account that has one.`,
    );
  }
  return choices;
}
