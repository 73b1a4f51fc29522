// The offline task cache of the open workspace: reads, sync, re-polling and offline recovery.
export {
  CACHE_FILE_NAME,
  createTasksService,
  DEFAULT_SYNC_TIMING,
  type QueryInput,
  type SyncTiming,
  type TasksService,
  type TasksServiceOptions,
} from './tasks-service.ts';
export { createTaskHandlers } from './handlers.ts';
export {
  runFullSync,
  runRefresh,
  type FetchPage,
  type SyncCounts,
  type SyncOutcome,
  type SyncProgress,
  type SyncTarget,
  type SyncTimings,
} from './sync-runner.ts';
export { toTaskDetail, toTaskRow } from './views.ts';
