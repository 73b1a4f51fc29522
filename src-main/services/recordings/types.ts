// What the recordings service offers the handlers and the hosts (the media routes ask it for a
// cached file; the Electron host's "Save as…" asks it for the file to copy).
import type {
  BulkDownloadStatus,
  OfflineEstimate,
  OpenedRecording,
  RecordingPeaks,
  RecordingState,
  RecordingsCacheInfo,
  SaveRecordingResult,
} from '../../ipc/contract-recordings.ts';
import type { TaskFilters, TaskScope } from '../../ipc/contract.ts';

/** A complete recording in the open workspace's cache, for the media routes. */
export interface CachedRecordingFile {
  /** The recordings folder of the open workspace: nothing outside it is served. */
  root: string;
  /** The file, relative to root. */
  file: string;
  contentType: string;
  bytes: number;
}

export interface OfflineListInput {
  scope: TaskScope;
  filters: TaskFilters;
}

export interface RecordingsService {
  open(taskId: string): Promise<OpenedRecording>;
  state(taskId: string): Promise<RecordingState>;
  peaks(taskId: string): Promise<RecordingPeaks>;
  markPlayed(taskId: string): Promise<null>;
  setPinned(taskId: string, pinned: boolean): Promise<RecordingState>;
  availability(taskIds: readonly string[]): Promise<{ offline: string[]; pinned: string[] }>;
  estimateOffline(input: OfflineListInput): Promise<OfflineEstimate>;
  downloadOffline(input: OfflineListInput): Promise<BulkDownloadStatus>;
  cancelOffline(jobId: string): BulkDownloadStatus;
  offlineStatus(): BulkDownloadStatus | null;
  cacheInfo(): Promise<RecordingsCacheInfo>;
  setLimit(limitBytes: number): Promise<RecordingsCacheInfo>;
  clear(includePinned: boolean): Promise<RecordingsCacheInfo>;
  saveAs(taskId: string): Promise<SaveRecordingResult>;
  /** The complete cached file of a task for the media routes, or null (not cached, or partial). */
  cachedFile(taskId: string): Promise<CachedRecordingFile | null>;
  close(): Promise<void>;
}

/** The host's part of "Save recording as…": Electron asks where with a dialog and copies. */
export type SaveAsHost = (file: {
  path: string;
  suggestedName: string;
  contentType: string;
}) => Promise<SaveRecordingResult>;
