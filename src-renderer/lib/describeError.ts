// Turns an IpcError into words for a supervisor: the service's plain-language message plus a
// hint about what to do. Never shows `details` or codes as the main text.
import type { ErrorCode, IpcError } from '../../src-main/ipc/contract.ts';

const hints: Partial<Record<ErrorCode, string>> = {
  network: 'Check the connection, then try again.',
  timeout: 'Unpod took too long to answer. Try again in a moment.',
  rate_limited: 'Unpod asked us to slow down. Wait a moment, then try again.',
  server: 'Unpod had a problem on its side. Try again in a moment.',
  unauthorized: 'Your API token was not accepted. Check it in Settings.',
  forbidden: 'Your API token has expired or has no access to this. Check it in Settings.',
  not_signed_in: 'Open a workspace first.',
  invalid_response: 'Unpod sent an answer this app does not understand. Try again later.',
  keychain_unavailable: 'The system keychain is not available.',
};

const fallbackMessages: Partial<Record<ErrorCode, string>> = {
  network: 'Unpod could not be reached.',
  timeout: 'The request timed out.',
  internal: 'Something went wrong inside Unpod Desk.',
};

export interface ErrorDescription {
  message: string;
  hint: string | null;
}

export function describeError(error: IpcError): ErrorDescription {
  const message = error.message.trim() || fallbackMessages[error.code] || 'Something went wrong.';
  const hint = hints[error.code] ?? null;
  // The services' messages often say what to do already; then a hint would repeat it.
  const alreadyAdvises = /try again|check|wait|open the/i.test(message);
  return { message, hint: hint && !alreadyAdvises ? hint : null };
}
