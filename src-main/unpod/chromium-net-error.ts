// Chromium's network failures ("net::ERR_CONNECTION_REFUSED"), which Electron's net.fetch rejects
// with, read onto the codes the client already understands from Node's fetch (ECONNREFUSED,
// ENOTFOUND, …), so a failure reads the same in both hosts: same error code (network, timeout,
// outcome_unknown), same message, same "was the request ever sent?" answer for task creation.
// Pure: no electron import; the Electron host wraps net.fetch with `withChromiumNetErrors`.
// Codes: https://source.chromium.org/chromium/chromium/src/+/main:net/base/net_error_list.h

export interface ChromiumNetFailure {
  /** As Chromium names it, without "net::": ERR_CONNECTION_REFUSED. */
  chromiumCode: string;
  /** The code the error taxonomy reads: Node's equivalent where there is one, else Chromium's. */
  code: string;
  /** timeout: Chromium gave up waiting for an answer; network: everything else. */
  kind: 'network' | 'timeout';
}

/** Chromium codes with an exact Node (undici) counterpart. */
const NODE_EQUIVALENTS: Readonly<Record<string, string>> = {
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_NAME_RESOLUTION_FAILED: 'EAI_AGAIN',
  ERR_INTERNET_DISCONNECTED: 'ENETUNREACH',
  ERR_ADDRESS_UNREACHABLE: 'EHOSTUNREACH',
  ERR_ADDRESS_INVALID: 'EADDRNOTAVAIL',
  ERR_CONNECTION_TIMED_OUT: 'UND_ERR_CONNECT_TIMEOUT',
  ERR_UNSAFE_PORT: 'ERR_BAD_PORT',
  ERR_INVALID_URL: 'ERR_INVALID_URL',
  // The connection broke after it was made: the request may have reached the server.
  ERR_CONNECTION_RESET: 'ECONNRESET',
  ERR_CONNECTION_CLOSED: 'ECONNRESET',
  ERR_CONNECTION_ABORTED: 'ECONNRESET',
  ERR_EMPTY_RESPONSE: 'ECONNRESET',
  ERR_NETWORK_CHANGED: 'ECONNRESET',
};

/** Chromium-only codes that prove the request never reached Unpod (proxies and TLS fail before). */
export function isChromiumNeverSent(code: string): boolean {
  return isProxyCode(code) || isCertificateCode(code);
}

/** The proxy (system settings, PAC file, or its sign-in) refused or failed: the request never left. */
export function isProxyCode(code: string): boolean {
  return /^ERR_(PROXY_|TUNNEL_CONNECTION_FAILED|MANDATORY_PROXY_CONFIGURATION_FAILED|PAC_)/.test(code);
}

/** The server's certificate or the TLS handshake was refused (TLS inspection without the company's root). */
export function isCertificateCode(code: string): boolean {
  return /^ERR_(CERT_|SSL_|BAD_SSL_CLIENT_AUTH_CERT|CERTIFICATE_)/.test(code);
}

const NET_ERROR = /\bnet::(ERR_[A-Z0-9_]+)\b/;

/** The Chromium failure in an error or its causes, or null when it is none. */
export function readChromiumNetError(error: unknown): ChromiumNetFailure | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const match = NET_ERROR.exec(current.message);
    if (match) return mapChromiumCode(match[1]!);
    current = current.cause;
  }
  return null;
}

export function mapChromiumCode(chromiumCode: string): ChromiumNetFailure {
  if (chromiumCode === 'ERR_TIMED_OUT') return { chromiumCode, code: chromiumCode, kind: 'timeout' };
  return { chromiumCode, code: NODE_EQUIVALENTS[chromiumCode] ?? chromiumCode, kind: 'network' };
}

/**
 * Wraps Electron's net.fetch so its failures look like Node's: a TypeError("fetch failed") whose
 * cause carries the mapped code. ky then treats them as network errors (a GET is retried as
 * before) and the client reads the code from the cause. Aborts pass through unchanged.
 */
export function withChromiumNetErrors(send: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    try {
      return await send(input, init);
    } catch (error) {
      const failure = readChromiumNetError(error);
      if (failure === null || failure.chromiumCode === 'ERR_ABORTED') throw error;
      // The original error stays reachable as the cause's cause; the cause carries the mapped code.
      const mapped = Object.assign(new Error(`net::${failure.chromiumCode}`, { cause: error }), {
        code: failure.code,
      });
      // eslint-disable-next-line preserve-caught-error -- the caught error is kept one level down, under the mapped code.
      throw new TypeError('fetch failed', { cause: mapped });
    }
  };
}
