// Opening a recording's bytes for a resumable download (the recordings cache). Like
// recording.ts: the stored link first, with no credentials; on 401/403 the platform signs it.
// A signed link the caller kept from an earlier attempt is tried first, and signed again when
// the storage refuses it (it expired). A `fromByte` asks for the rest of a partial file with
// Range (and If-Range, so a changed file comes back whole); the caller looks at the status:
// 206 continues the partial file, 200 starts it again, 416 means the partial is unusable.
import { isHTTPError, type KyInstance } from 'ky';
import { UnpodError, redactError } from './errors.ts';
import { toUnpodError, type TransportSettings } from './http.ts';
import { resolveRecordingUrl } from './recording.ts';

export interface OpenRecordingOptions {
  signal?: AbortSignal;
  /** Bytes already on disk: ask for the rest. */
  fromByte?: number;
  /** The partial file's validator (ETag or Last-Modified), sent as If-Range. */
  ifRange?: string | null;
  /** A signed link from an earlier attempt; signed again if it is refused (expired). */
  signedUrl?: string | null;
}

export interface OpenedRecordingResponse {
  response: Response;
  /** The signed link that answered (keep it for a resume), or null: the stored link did. */
  signedUrl: string | null;
}

export interface RecordingFetchDeps {
  bare: KyInstance;
  baseUrl: string;
  token: string;
  settings: TransportSettings;
  signUrl: (recordingUrl: string, o?: { signal?: AbortSignal }) => Promise<string>;
}

const ACCEPT_AUDIO = 'audio/*, application/octet-stream;q=0.9, */*;q=0.5';

const refused = (error: unknown) =>
  isHTTPError(error) && (error.response.status === 401 || error.response.status === 403);

export async function openRecordingResponse(
  deps: RecordingFetchDeps,
  recordingUrl: string,
  o: OpenRecordingOptions = {},
): Promise<OpenedRecordingResponse> {
  const headers: Record<string, string> = { Accept: ACCEPT_AUDIO };
  if (o.fromByte !== undefined && o.fromByte > 0) {
    headers['Range'] = `bytes=${o.fromByte}-`;
    if (o.ifRange) headers['If-Range'] = o.ifRange;
  }
  const get = async (url: string): Promise<Response> => {
    try {
      return await deps.bare.get(resolveRecordingUrl(url, deps.baseUrl), { signal: o.signal, headers });
    } catch (error) {
      // 416: the partial file is longer than the recording now is; the caller starts again.
      if (isHTTPError(error) && error.response.status === 416) return error.response;
      throw error;
    }
  };
  const ctx = { what: 'the call recording', signal: o.signal, timeoutMs: deps.settings.timeoutMs };
  try {
    if (o.signedUrl) {
      try {
        return { response: await get(o.signedUrl), signedUrl: o.signedUrl };
      } catch (error) {
        if (!refused(error)) throw error;
      }
    } else {
      try {
        return { response: await get(recordingUrl), signedUrl: null };
      } catch (error) {
        if (!refused(error)) throw error;
      }
    }
    const signed = await deps.signUrl(recordingUrl, { signal: o.signal });
    return { response: await get(signed), signedUrl: signed };
  } catch (error) {
    if (error instanceof UnpodError) throw redactError(error, deps.token);
    throw redactError(toUnpodError(error, ctx), deps.token);
  }
}
