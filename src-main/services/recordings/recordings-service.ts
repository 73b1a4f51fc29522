// The recordings of the open workspace: download into the cache, serve, peaks, offline lists.
// (Being built: every call fails plainly until the parts land.)
import { AppError } from '../../ipc/errors.ts';
import type { RecordingsService } from './types.ts';

export interface RecordingsServiceOptions {
  dataDir: string;
}

export function createRecordingsService(_options: RecordingsServiceOptions): RecordingsService {
  const notYet = (): never => {
    throw new AppError('internal', 'Recordings are not available in this build yet.');
  };
  return {
    open: async () => notYet(),
    state: async () => notYet(),
    peaks: async () => notYet(),
    markPlayed: async () => notYet(),
    setPinned: async () => notYet(),
    availability: async () => notYet(),
    estimateOffline: async () => notYet(),
    downloadOffline: async () => notYet(),
    cancelOffline: () => notYet(),
    offlineStatus: () => null,
    cacheInfo: async () => notYet(),
    setLimit: async () => notYet(),
    clear: async () => notYet(),
    saveAs: async () => notYet(),
    cachedFile: async () => null,
    close: async () => {},
  };
}
