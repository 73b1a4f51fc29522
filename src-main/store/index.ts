// The offline task cache: one SQLite file per profile (node:sqlite, no native module), holding
// every task the supervisor has seen so it stays readable offline. Must not import electron.
export { openCache, openCacheReader } from './open-cache.ts';
export type {
  CacheReader,
  OpenCacheOptions,
  OpenCacheResult,
  TaskCache,
  TasksRepository,
} from './open-cache.ts';
export { scopeKey } from './scope.ts';
export type { IndexingMode, SearchIndexStatus } from './search-index.ts';
export type { CacheScope } from './scope.ts';
export type { TaskFilter } from './task-filter.ts';
export type { UpsertCounts, TaskWriter } from './task-writes.ts';
export { MAX_PAGE_SIZE, NON_FINAL_STATUSES } from './task-queries.ts';
export type {
  FacetCount,
  GetTaskResult,
  NonFinalTask,
  OverviewOptions,
  SnippetColumn,
  SortDirection,
  SortField,
  TaskListRow,
  TaskMatch,
  TaskOverview,
  TaskPage,
  TaskQuery,
  TaskReader,
} from './task-queries.ts';
export type { RecordingCandidate, RecordingEntry, RecordingSource } from './recording-index.ts';
export type { SyncState, SyncStateRepository, SyncStateUpdate } from './sync-state.ts';
export { HIGHLIGHT_END, HIGHLIGHT_START, buildFtsQuery, splitHighlights } from './fts-query.ts';
export { taskCsvColumns, toCsv } from './csv-export.ts';
export type { CsvColumn, CsvOptions, TaskCsvContext } from './csv-export.ts';
export { parsePlatformTime } from './platform-time.ts';
export { taskIdOf } from './task-record.ts';
export type { Task } from './task-shape.ts';
export { StoreClient, StoreClosedError, StoreWorkerRestartedError } from './worker/store-client.ts';
export type { CallOptions, StoreEvents } from './worker/store-client.ts';
export type { CsvChunkOptions, OpenInfo } from './worker/protocol.ts';
