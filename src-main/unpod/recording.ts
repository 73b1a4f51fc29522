// Call recordings: `recording_url` is often a private object-storage URL. Try it as is (with no
// credentials); on 401/403 ask the platform to sign it and download the signed URL. The token
// only ever goes to the API origin, in a header, through `signUrl`.
import { isHTTPError, type KyInstance } from 'ky';
import { UnpodError, redactError } from './errors.ts';
import { LocalFileError, saveResponseToFile, StalledDownloadError } from './download.ts';
import { toUnpodError, type TransportSettings } from './http.ts';

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (bytes: number, total: number | null) => void;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  contentType: string | null;
}

export interface RecordingDeps {
  /** A ky instance without Authorization or Org-Handle headers. */
  bare: KyInstance;
  /** Relative recording links resolve against the API origin. */
  baseUrl: string;
  /** Only to scrub it from errors; it is never sent from here. */
  token: string;
  settings: TransportSettings;
  signUrl: (recordingUrl: string, o?: { signal?: AbortSignal }) => Promise<string>;
}

const ACCEPT_AUDIO = 'audio/*, application/octet-stream;q=0.9, */*;q=0.5';

export function resolveRecordingUrl(recordingUrl: string, baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(recordingUrl.trim(), `${baseUrl}/`);
  } catch {
    throw new UnpodError('invalid_response', 'The recording link is not a valid web address.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UnpodError('invalid_response', 'The recording link is not a web address.');
  }
  return url.href;
}

export async function downloadRecording(
  deps: RecordingDeps,
  recordingUrl: string,
  destPath: string,
  o: DownloadOptions = {},
): Promise<DownloadResult> {
  const { bare, baseUrl, settings } = deps;
  const fetchAudio = (url: string) => bare.get(url, { signal: o.signal, headers: { Accept: ACCEPT_AUDIO } });
  const ctx = { what: 'the call recording', signal: o.signal, timeoutMs: settings.timeoutMs };
  try {
    let response: Response;
    try {
      response = await fetchAudio(resolveRecordingUrl(recordingUrl, baseUrl));
    } catch (error) {
      const refused = isHTTPError(error) && (error.response.status === 401 || error.response.status === 403);
      if (!refused) throw error;
      const signed = await deps.signUrl(recordingUrl, { signal: o.signal });
      response = await fetchAudio(resolveRecordingUrl(signed, baseUrl));
    }
    const contentType = response.headers.get('content-type');
    // A login or error page served with 200 must not be saved as a recording.
    if (contentType !== null && /^text\/html\b/i.test(contentType)) {
      await response.body?.cancel();
      throw new UnpodError('invalid_response', 'The recording link returned a web page instead of audio.', {
        details: { contentType },
      });
    }
    const bytes = await saveResponseToFile(response, destPath, {
      signal: o.signal,
      idleTimeoutMs: settings.timeoutMs,
      onProgress: o.onProgress,
    });
    return { path: destPath, bytes, contentType };
  } catch (error) {
    // Disk trouble is the caller's to report; it must not read as a network failure.
    if (error instanceof LocalFileError) throw error;
    if (error instanceof StalledDownloadError) {
      throw new UnpodError(
        'timeout',
        'The recording download stalled: no data arrived for a while. Try again.',
      );
    }
    throw redactError(toUnpodError(error, ctx), deps.token);
  }
}
