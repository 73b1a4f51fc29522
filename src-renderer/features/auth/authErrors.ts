// What a failed sign-in, token replacement or sign-out means for the form: a title for the
// notice, and which field (if any) the message is about. Main sends the plain-language message;
// `details.failure` (set by the auth service) says precisely what happened.
import type { IpcError } from '../../../src-main/ipc/contract.ts';

export type AuthField = 'baseUrl' | 'token' | 'profileName';

/** The auth service's `details.failure`, or null for other errors. */
export function failureOf(error: IpcError): string | null {
  const details = error.details;
  if (typeof details === 'object' && details !== null && 'failure' in details) {
    const failure = (details as { failure: unknown }).failure;
    return typeof failure === 'string' ? failure : null;
  }
  return null;
}

const titles: Record<string, string> = {
  token_rejected: 'The API token was rejected',
  token_expired: 'The API token has expired',
  access_denied: 'The API token has no access',
  unreachable: 'The server could not be reached',
  timeout: 'The server did not answer in time',
  not_unpod_server: 'This is not an Unpod server',
  server_error: 'The server had a problem',
  rate_limited: 'Too many attempts',
  no_organizations: 'No organizations for this token',
  organization_not_accessible: 'The token has no access to this organization',
  sign_in_expired: 'The sign-in has expired',
  profile_not_found: 'The profile no longer exists',
  token_missing: 'No API token is saved for this profile',
};

const codeTitles: Partial<Record<IpcError['code'], string>> = {
  keychain_unavailable: 'The system keychain is not available',
  network: 'The server could not be reached',
  unauthorized: 'The API token was rejected',
  forbidden: 'The API token has no access',
};

export function failureTitle(error: IpcError, fallback: string): string {
  const failure = failureOf(error);
  return (failure && titles[failure]) ?? codeTitles[error.code] ?? fallback;
}

/** The field a failure points at, so the form can mark it invalid and move focus there. */
export function failureField(error: IpcError): AuthField | null {
  switch (failureOf(error)) {
    case 'invalid_base_url':
    case 'unreachable':
    case 'not_unpod_server':
      return 'baseUrl';
    case 'invalid_token':
    case 'token_rejected':
    case 'token_expired':
    case 'access_denied':
    case 'organization_not_accessible':
      return 'token';
    case 'invalid_profile_name':
      return 'profileName';
    default:
      return null;
  }
}

/** Input mistakes are shown under their field only; everything else as a notice. */
export function isFieldMistake(error: IpcError): boolean {
  const failure = failureOf(error);
  return failure === 'invalid_base_url' || failure === 'invalid_token' || failure === 'invalid_profile_name';
}
