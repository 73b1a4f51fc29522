// The recordings part of the IPC contract: download and cache call recordings, serve them to
// the window, waveform peaks, "Make available offline", the cache's size limit, "Save as…".
//
// How the renderer gets a playable URL: `recordings.open` (downloading the recording into the
// cache first when it is not there yet) answers `url`, which the renderer puts in its own
// `<audio src>` as is. Main builds it for the host it runs in (src-main/shared/recording-media.ts):
//   Electron: `unpod-media://recordings/<taskId>` (a privileged, streaming custom scheme the
//             CSP's media-src names);
//   web host: `/media/recordings/<taskId>` on the page's own origin (the guards' cookie is sent).
// Both answer byte ranges (seeking) from the cached file only, and only from the open workspace's
// cache: they never reach the network, so a downloaded recording plays offline. A recording not
// on this computer while offline makes `recordings.open` fail with `not_available_offline`.
// `recordings.saveAs` answers `{kind: 'download', url}` in the web host (navigate to it: the
// response is an attachment) and `{kind: 'saved' | 'cancelled'}` after Electron's save dialog.
//
// This module imports only zod; the schemas it shares with the task channels (scope, filters)
// and the channel helper are handed in by contract.ts, so there is no import cycle.
import { z } from 'zod';
import type { ErrorCode } from './contract.ts';

/** Where a recording stands on this computer. */
export const recordingStateSchema = z.object({
  taskId: z.string(),
  /** True when the whole file is in the cache (plays, seeks and shows its waveform offline). */
  offline: z.boolean(),
  /** "Keep offline": never evicted to make room. */
  pinned: z.boolean(),
  bytes: z.number().int().nonnegative().nullable(),
  contentType: z.string().nullable(),
  /** ISO time it was last opened for playing, or null. */
  lastPlayedAt: z.string().nullable(),
});
export type RecordingState = z.infer<typeof recordingStateSchema>;

/** A recording ready to play: its URL for `<audio src>` and what is known of it. */
export const openedRecordingSchema = recordingStateSchema.extend({
  url: z.string(),
  /** From the file's header (WAV/MP3), when it could be read. */
  channels: z.number().int().positive().nullable(),
  sampleRate: z.number().int().positive().nullable(),
  durationSeconds: z.number().nonnegative().nullable(),
  /**
   * When the call started (epoch ms; the platform's `output.start_time`, zoneless read as UTC):
   * the recording's 0 s. A transcript entry's wall-clock `time` minus this is where it is
   * spoken. Null when the platform did not say.
   */
  callStartedAt: z.number().nullable().default(null),
});
export type OpenedRecording = z.infer<typeof openedRecordingSchema>;

/** Peaks per second of audio: the waveform's fixed resolution. */
export const PEAKS_PER_SECOND = 50;

/**
 * The waveform: per channel (lane; two-channel recordings are agent left, customer right), the
 * minimum and maximum sample of each 1/PEAKS_PER_SECOND s, in -1…1.
 */
export const recordingPeaksSchema = z.object({
  taskId: z.string(),
  channels: z.number().int().positive(),
  sampleRate: z.number().int().positive(),
  durationSeconds: z.number().nonnegative(),
  peaksPerSecond: z.number().positive(),
  lanes: z.array(z.object({ min: z.array(z.number()), max: z.array(z.number()) })),
});
export type RecordingPeaks = z.infer<typeof recordingPeaksSchema>;

/** One recording's download progress (while `recordings.open` or a pin downloads it). */
export const recordingDownloadProgressSchema = z.object({
  taskId: z.string(),
  bytes: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
});
export type RecordingDownloadProgress = z.infer<typeof recordingDownloadProgressSchema>;

/** What "Make available offline" would download for a list, asked before starting. */
export const offlineEstimateSchema = z.object({
  /** Tasks of the list that have a recording. */
  withRecording: z.number().int().nonnegative(),
  alreadyOffline: z.number().int().nonnegative(),
  toDownload: z.number().int().nonnegative(),
  /** Bytes to download: sizes known from earlier downloads, else estimated from durations. */
  estimatedBytes: z.number().int().nonnegative(),
  /** True when every size in estimatedBytes is known (none estimated). */
  exact: z.boolean(),
  usedBytes: z.number().int().nonnegative(),
  limitBytes: z.number().int().nonnegative(),
  /** False when the download would not fit under the limit (older recordings would be evicted). */
  fitsInLimit: z.boolean(),
});
export type OfflineEstimate = z.infer<typeof offlineEstimateSchema>;

/** A bulk download ("Make available offline"): one runs at a time. */
export const bulkDownloadStatusSchema = z.object({
  jobId: z.string(),
  phase: z.enum(['running', 'done', 'cancelled', 'failed']),
  /** Recordings the job covers (the list's tasks with a recording, already offline included). */
  total: z.number().int().nonnegative(),
  /** Downloaded, or found already offline. */
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The last failure (the job goes on past single failures; offline or cancel stops it). */
  lastError: z.object({ taskId: z.string(), code: z.string(), message: z.string() }).nullable(),
});
export type BulkDownloadStatus = z.infer<typeof bulkDownloadStatusSchema>;

/** The recordings cache, for Settings. */
export const recordingsCacheInfoSchema = z.object({
  usedBytes: z.number().int().nonnegative(),
  limitBytes: z.number().int().nonnegative(),
  /** The folder on disk (the open workspace's), for the user to see. */
  folder: z.string(),
  count: z.number().int().nonnegative(),
  pinnedCount: z.number().int().nonnegative(),
  pinnedBytes: z.number().int().nonnegative(),
});
export type RecordingsCacheInfo = z.infer<typeof recordingsCacheInfoSchema>;

export const DEFAULT_RECORDINGS_LIMIT_BYTES = 2 * 1024 ** 3;
export const MIN_RECORDINGS_LIMIT_BYTES = 100 * 1024 ** 2;
export const MAX_RECORDINGS_LIMIT_BYTES = 1024 ** 4;

export const saveRecordingResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), path: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
  /** Web host: navigate to this URL; the response is the file as an attachment. */
  z.object({ kind: z.literal('download'), url: z.string(), filename: z.string() }),
]);
export type SaveRecordingResult = z.infer<typeof saveRecordingResultSchema>;

/** Error codes of the recordings channels, beyond contract.ts's (added there to errorCodes). */
export const recordingErrorCodes = [
  /** Not in the cache and the platform cannot be reached: "Not available offline". */
  'not_available_offline',
] as const;

const channel = <I extends z.ZodType, O extends z.ZodType>(def: {
  input: I;
  output: O;
  errors: readonly ErrorCode[];
}) => def;

const taskIdInput = z.string().min(1).max(200);

/** The recordings channels; contract.ts spreads them into `channels`. */
export function recordingChannels<S extends z.ZodType, F extends z.ZodType>(deps: {
  taskScope: S;
  taskFilters: F;
  /** The errors of channels that reach the platform (contract.ts's platformErrors). */
  platformErrors: readonly ErrorCode[];
}) {
  const { taskScope, taskFilters, platformErrors } = deps;
  const downloadErrors: readonly ErrorCode[] = [...platformErrors, 'not_available_offline'];
  const localErrors: readonly ErrorCode[] = ['not_signed_in', 'not_found', 'not_available_offline'];
  const listInput = z.object({ scope: taskScope, filters: taskFilters }).strict();
  return {
    /**
     * The recording of a task, ready to play: downloaded into the cache first when needed
     * (progress: `recordings.downloadProgress`). Counts as "played" for eviction.
     * not_found: no such task, or it has no recording.
     */
    'recordings.open': channel({
      input: z.object({ taskId: taskIdInput }).strict(),
      output: openedRecordingSchema,
      errors: downloadErrors,
    }),
    /** Where a task's recording stands on this computer (no download). */
    'recordings.state': channel({
      input: z.object({ taskId: taskIdInput }).strict(),
      output: recordingStateSchema,
      errors: ['not_signed_in'],
    }),
    /** The waveform of a downloaded recording (computed off the main thread, then kept). */
    'recordings.peaks': channel({
      input: z.object({ taskId: taskIdInput }).strict(),
      output: recordingPeaksSchema,
      errors: [...localErrors, 'invalid_response'],
    }),
    /** The user played it: it becomes the most recently played (evicted last). */
    'recordings.markPlayed': channel({
      input: z.object({ taskId: taskIdInput }).strict(),
      output: z.null(),
      errors: ['not_signed_in'],
    }),
    /** "Keep offline": pinning downloads the recording first if it is not here yet. */
    'recordings.setPinned': channel({
      input: z.object({ taskId: taskIdInput, pinned: z.boolean() }).strict(),
      output: recordingStateSchema,
      errors: downloadErrors,
    }),
    /** Which of these tasks' recordings are on this computer (the per-row icon). */
    'recordings.availability': channel({
      input: z.object({ taskIds: z.array(taskIdInput).max(1000) }).strict(),
      output: z.object({ offline: z.array(z.string()), pinned: z.array(z.string()) }),
      errors: ['not_signed_in'],
    }),
    /** Before "Make available offline": how many recordings, and how many bytes. */
    'recordings.estimateOffline': channel({
      input: listInput,
      output: offlineEstimateSchema,
      errors: ['not_signed_in', 'no_organization', 'not_found', 'cancelled'],
    }),
    /** "Make available offline" for a list (scope + filters as tasks.query takes them). */
    'recordings.downloadOffline': channel({
      input: listInput,
      output: bulkDownloadStatusSchema,
      errors: ['not_signed_in', 'no_organization', 'not_found', 'cancelled'],
    }),
    /** Stops the bulk download; what finished stays. */
    'recordings.cancelOffline': channel({
      input: z.object({ jobId: z.string().min(1).max(100) }).strict(),
      output: bulkDownloadStatusSchema,
      errors: ['not_found'],
    }),
    /** The running (or last) bulk download, or null. */
    'recordings.offlineStatus': channel({
      input: z.object({}).strict(),
      output: bulkDownloadStatusSchema.nullable(),
      errors: [],
    }),
    'recordings.cacheInfo': channel({
      input: z.object({}).strict(),
      output: recordingsCacheInfoSchema,
      errors: ['not_signed_in'],
    }),
    /** The cache's size limit (the least recently played go first when it is lowered). */
    'recordings.setLimit': channel({
      input: z
        .object({
          limitBytes: z
            .number()
            .int()
            .min(MIN_RECORDINGS_LIMIT_BYTES, 'The limit must be at least 100 MB.')
            .max(MAX_RECORDINGS_LIMIT_BYTES, 'The limit must be at most 1 TB.'),
        })
        .strict(),
      output: recordingsCacheInfoSchema,
      errors: ['not_signed_in'],
    }),
    /** "Clear recordings": the kept-offline ones too only when asked. */
    'recordings.clear': channel({
      input: z.object({ includePinned: z.boolean().default(false) }).strict(),
      output: recordingsCacheInfoSchema,
      errors: ['not_signed_in'],
    }),
    /** "Save recording as…" (downloads it first when needed). */
    'recordings.saveAs': channel({
      input: z.object({ taskId: taskIdInput }).strict(),
      output: saveRecordingResultSchema,
      errors: downloadErrors,
    }),
  } as const;
}

export const recordingEvents = {
  'recordings.downloadProgress': recordingDownloadProgressSchema,
  'recordings.offlineProgress': bulkDownloadStatusSchema,
  /** Recordings arrived in or left the cache: lists re-ask `recordings.availability`. */
  'recordings.changed': z.object({
    /** The tasks concerned, or null when many changed at once (a clear, an eviction sweep). */
    taskIds: z.array(z.string()).nullable(),
  }),
} as const;
