export { createRecordingHandlers } from './handlers.ts';
export type { CachedRecordingFile, OfflineListInput, RecordingsService, SaveAsHost } from './types.ts';
export { createRecordingsService, type RecordingsServiceOptions } from './recordings-service.ts';
export { recordingsRootFor, webRecordingsRoot } from './cache-folder.ts';
