// Response bodies in the platform's shape. The platform renders every API response through
// one JSON renderer (UnpodJSONRenderer in its server code); renderUnpod mirrors it so status
// codes, `status_code`, `message`, `data` and `errors` come out exactly as the platform's do:
//   - status >= 401: the payload as is; a DRF `detail` becomes `message` plus `status_code`
//     (401 "Authentication credentials were not provided." has both; 404 {"message": ...} not).
//   - below 401 (200, 206, 400): {count?, status_code, message, data, errors?}; when not a
//     success, `data` is {} (plus any leftover keys) and `errors` only if the view gave one.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };
export type JsonObject = { [key: string]: Json | undefined };

/** What a handler returns; the server writes it (or, for a lost response, does not). */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Send only this many bytes of the body, then drop the connection (recording faults). */
  cutAfterBytes?: number;
}

export function renderUnpod(status: number, payload: JsonObject): JsonObject {
  const data: JsonObject = { ...payload };
  if (status >= 401) {
    const out: JsonObject = {};
    if ('detail' in data) {
      out['message'] = data['detail'];
      out['status_code'] = status;
      delete data['detail'];
    }
    return { ...out, ...data };
  }
  const out: JsonObject = {};
  if ('count' in data) {
    out['count'] = data['count'];
    delete data['count'];
  }
  let message: Json | undefined = 'Success';
  if ('message' in data) {
    message = data['message'];
    delete data['message'];
  }
  out['status_code'] = status;
  out['message'] = message;
  const success = (status >= 200 && status <= 202) || status === 204 || status === 302;
  let inner: Json | undefined = {};
  if ('data' in data) {
    inner = data['data'];
    delete data['data'];
    out['data'] = inner;
  } else {
    out['data'] = Object.keys(data).length > 0 ? { ...data } : {};
  }
  if (!success) {
    out['data'] = {};
    if ('error' in data) {
      out['message'] = data['error'];
      delete data['error'];
    }
    if (out['message'] === 'Success') out['message'] = 'Error';
    if (isNonEmpty(inner)) out['data'] = inner;
    const leftover = Object.keys(data).length > 0;
    if (leftover && isPlainObject(out['data'])) out['data'] = { ...out['data'], ...data };
  }
  if ('errors' in data) out['errors'] = data['errors'];
  return out;
}

function isPlainObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNonEmpty(v: Json | undefined): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return typeof v === 'string' ? v.length > 0 : false;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  const buf = Buffer.from(JSON.stringify(body));
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: buf };
}

/** A platform API response: the payload rendered as the platform's renderer does. */
export function unpodReply(status: number, payload: JsonObject, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, renderUnpod(status, payload), headers);
}

export function rawReply(
  status: number,
  contentType: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: { 'Content-Type': contentType, ...headers },
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  };
}
