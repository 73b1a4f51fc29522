// What the unpod-media:// scheme answers, as a plain Request → Response function with no
// electron import, so it is unit-tested under Node: GET/HEAD of a task's complete cached
// recording, with byte ranges (host-shared/media-range.ts, the module the web host uses too).
// media-scheme.ts hands it to protocol.handle.
import { answerMediaRequest, toWebResponse, type MediaFileRef } from '../host-shared/media-range.ts';
import { MEDIA_HOST, taskIdFromMediaPath } from '../shared/recording-media.ts';

export type RecordingLookup = (taskId: string) => Promise<Omit<MediaFileRef, 'downloadName'> | null>;

export async function answerMediaSchemeRequest(request: Request, lookup: RecordingLookup): Promise<Response> {
  const url = new URL(request.url);
  const taskId = url.host === MEDIA_HOST ? taskIdFromMediaPath(url.pathname, '/') : null;
  const file = taskId === null ? null : await lookup(taskId);
  const answer = await answerMediaRequest(
    { method: request.method, range: request.headers.get('range') ?? undefined },
    file,
  );
  return toWebResponse(answer);
}
