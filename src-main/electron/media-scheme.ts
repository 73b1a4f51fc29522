// Serves cached recordings to the window on unpod-media://recordings/<taskId> (registered as a
// privileged, streaming scheme together with the app scheme in app-scheme.ts). Byte ranges are
// answered by media-request.ts: net.fetch of a file:// URL would ignore Range, and seeking needs it.
import { protocol } from 'electron';
import { MEDIA_SCHEME } from '../shared/recording-media.ts';
import { answerMediaSchemeRequest, type RecordingLookup } from './media-request.ts';

export function serveRecordings(lookup: RecordingLookup): void {
  protocol.handle(MEDIA_SCHEME, (request) => answerMediaSchemeRequest(request, lookup));
}
