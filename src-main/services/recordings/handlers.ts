// The recordings channels → the recordings service. The router has already validated the input.
import type { Handlers } from '../../ipc/router.ts';
import type { RecordingsService } from './types.ts';

type RecordingChannel = Extract<keyof Handlers, `recordings.${string}`>;

export function createRecordingHandlers(recordings: RecordingsService): Pick<Handlers, RecordingChannel> {
  return {
    'recordings.open': ({ taskId }) => recordings.open(taskId),
    'recordings.state': ({ taskId }) => recordings.state(taskId),
    'recordings.peaks': ({ taskId }) => recordings.peaks(taskId),
    'recordings.markPlayed': ({ taskId }) => recordings.markPlayed(taskId),
    'recordings.setPinned': ({ taskId, pinned }) => recordings.setPinned(taskId, pinned),
    'recordings.availability': ({ taskIds }) => recordings.availability(taskIds),
    'recordings.estimateOffline': (input) => recordings.estimateOffline(input),
    'recordings.downloadOffline': (input) => recordings.downloadOffline(input),
    'recordings.cancelOffline': ({ jobId }) => recordings.cancelOffline(jobId),
    'recordings.offlineStatus': () => recordings.offlineStatus(),
    'recordings.cacheInfo': () => recordings.cacheInfo(),
    'recordings.setLimit': ({ limitBytes }) => recordings.setLimit(limitBytes),
    'recordings.clear': ({ includePinned }) => recordings.clear(includePinned),
    'recordings.saveAs': ({ taskId }) => recordings.saveAs(taskId),
  };
}
