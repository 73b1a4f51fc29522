// Recordings: the authenticated pre-signed URL endpoint, and the private media files behind it
// (403 without a valid signature, like object storage), with HTTP Range support.
import { hashSeed } from './data/prng.ts';
import { renderRecording } from './audio-render.ts';
import { materialize, recordingFormatFor, recordingPath } from './data/tasks.ts';
import { rawReply, unpodReply, type Reply } from './envelope.ts';
import { checkSignature, contentTypeOf, signRecordingUrl } from './recordings.ts';
import { header, type ApiRequest, type SandboxContext } from './context.ts';

export const PRIVATE_MEDIA_PREFIX = '/media/private/';

/** GET /api/v1/media/pre-signed-url/?url=<recording_url> -> {data: {url}} */
export function preSignedUrl(ctx: SandboxContext, req: ApiRequest): Reply {
  const raw = req.url.searchParams.get('url')?.trim();
  if (!raw) return unpodReply(400, { message: 'url is required.' });
  let target: URL;
  try {
    target = new URL(raw, ctx.env.baseUrl);
  } catch {
    return unpodReply(206, { message: 'Invalid URL' });
  }
  if (!target.pathname.startsWith(PRIVATE_MEDIA_PREFIX)) return unpodReply(206, { message: 'Invalid URL' });
  // Signed for this server's origin whatever origin the stored URL names: a cached URL from an
  // earlier run on another port still gets a working link.
  const expires = Math.floor(ctx.now() / 1000) + ctx.recordingServer.signedUrlTtlSeconds;
  const url = signRecordingUrl(ctx.env.baseUrl, target.pathname, ctx.signingKey, expires);
  return unpodReply(200, { message: 'Pre-signed URL generated successfully', data: { url } });
}

function storageError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Reply {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>\n`;
  return rawReply(status, 'application/xml', xml, headers);
}

type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/** A single `bytes=` range; null means "serve the whole file" (absent, malformed or multi-range). */
export function parseRange(value: string | undefined, size: number): ByteRange {
  if (!value) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m) return null;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return end < start ? null : { start, end };
}

/** GET/HEAD /media/private/recordings/<task_id>.(wav|mp3)?expires=..&signature=.. */
export async function recordingFile(ctx: SandboxContext, req: ApiRequest): Promise<Reply> {
  const path = req.url.pathname;
  const check = checkSignature(ctx.signingKey, path, req.url.searchParams, ctx.now());
  if (check === 'expired') return storageError(403, 'AccessDenied', 'Request has expired');
  if (check !== 'ok') return storageError(403, 'AccessDenied', 'Access Denied');

  const taskId = req.params[0]!;
  const record = ctx.store.get(taskId);
  const live = record ? materialize(record, ctx.env) : null;
  const output = live?.task.output;
  const format =
    record && output && 'duration' in output ? recordingFormatFor(record, output.duration) : null;
  if (
    !record ||
    !live ||
    !output ||
    !('recording_url' in output) ||
    path !== recordingPath(taskId, format!.container)
  ) {
    return storageError(404, 'NoSuchKey', 'The specified key does not exist.');
  }
  // Rendered off the main thread on first request, then kept (RecordingCache).
  const wav = await ctx.recordings.getAsync(taskId, () =>
    renderRecording({
      turns: live.turns,
      durationSec: output.duration,
      seed: hashSeed('audio', ctx.world.seed, taskId),
      format: format!,
    }),
  );
  const type = contentTypeOf(format!);
  const common = {
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, max-age=3600',
    'Last-Modified': new Date(ctx.world.epochMs).toUTCString(),
  };
  const settings = ctx.recordingServer;
  // A dropped connection, while the test asks for some.
  let cutAfterBytes: number | undefined;
  if (settings.cut !== null && settings.cut.times > 0) {
    cutAfterBytes = settings.cut.afterBytes;
    settings.cut = settings.cut.times > 1 ? { ...settings.cut, times: settings.cut.times - 1 } : null;
  }
  const cut = (reply: Reply): Reply => {
    if (req.method === 'GET') {
      settings.served.requests++;
      settings.served.bytes += Math.min(reply.body.length, cutAfterBytes ?? Infinity);
    }
    return cutAfterBytes === undefined ? reply : { ...reply, cutAfterBytes };
  };
  // A storage that ignores Range answers every request with the whole file.
  if (!settings.honourRange) return cut(rawReply(200, type, wav, { ...common, 'Accept-Ranges': 'none' }));
  // If-Range: a validator that no longer matches gets the whole (changed) file.
  const ifRange = header(req, 'If-Range');
  const rangeHeader =
    ifRange !== undefined && ifRange !== common['Last-Modified'] ? undefined : header(req, 'Range');
  const range = parseRange(rangeHeader, wav.length);
  if (range === 'unsatisfiable') {
    return storageError(416, 'InvalidRange', 'The requested range is not satisfiable', {
      ...common,
      'Content-Range': `bytes */${wav.length}`,
    });
  }
  if (range) {
    return cut(
      rawReply(206, type, wav.subarray(range.start, range.end + 1), {
        ...common,
        'Content-Range': `bytes ${range.start}-${range.end}/${wav.length}`,
      }),
    );
  }
  return cut(rawReply(200, type, wav, common));
}
