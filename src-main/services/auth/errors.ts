// Errors of the sign-in service. Each is an AppError, so the IPC router passes its contract code
// and plain-language message to the renderer unchanged; `failure` (also in details) says more
// precisely what happened, for screens that react differently to, say, an expired token.
import { AppError } from '../../ipc/errors.ts';
import type { ErrorCode } from '../../ipc/contract.ts';

export type AuthFailure =
  | 'invalid_base_url'
  | 'invalid_token'
  | 'invalid_profile_name'
  | 'token_rejected' // 401
  | 'token_expired' // 403 "Token has expired."
  | 'access_denied' // any other 403
  | 'unreachable' // connection refused, DNS failure, TLS failure
  | 'timeout'
  | 'not_unpod_server' // answered, but not the Unpod API (HTML, 404, unexpected JSON)
  | 'server_error' // 5xx
  | 'rate_limited'
  | 'cancelled'
  | 'no_organizations'
  | 'organization_not_found' // completeSignIn with a handle that was not offered
  | 'organization_not_accessible' // replaceToken with a key of another organization
  | 'sign_in_expired' // unknown or expired pendingId
  | 'profile_not_found'
  | 'token_missing'; // no token in the profile's store (removed, or a past session)

const codeOf: Record<AuthFailure, ErrorCode> = {
  invalid_base_url: 'invalid_input',
  invalid_token: 'invalid_input',
  invalid_profile_name: 'invalid_input',
  token_rejected: 'unauthorized',
  token_expired: 'forbidden',
  access_denied: 'forbidden',
  unreachable: 'network',
  timeout: 'timeout',
  not_unpod_server: 'invalid_response',
  server_error: 'server',
  rate_limited: 'rate_limited',
  cancelled: 'cancelled',
  no_organizations: 'forbidden',
  organization_not_found: 'invalid_input',
  organization_not_accessible: 'forbidden',
  sign_in_expired: 'not_found',
  profile_not_found: 'not_found',
  token_missing: 'not_signed_in',
};

export class AuthError extends AppError {
  readonly failure: AuthFailure;

  constructor(failure: AuthFailure, message: string, details: Record<string, unknown> = {}) {
    super(codeOf[failure], message, { failure, ...details });
    this.name = 'AuthError';
    this.failure = failure;
  }
}

export function authError(
  failure: AuthFailure,
  message: string,
  details?: Record<string, unknown>,
): AuthError {
  return new AuthError(failure, message, details);
}

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError;
}
