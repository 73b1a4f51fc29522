// The recordings of the open workspace: this front composes the modules that do the work:
// - workspace-recordings.ts: the workspace's folder and index (download, evict, clean, clear);
// - resumable-download.ts: one download, resumed with Range; eviction.ts: what goes first;
// - peaks.ts: the waveform, from a worker thread; bulk-download.ts: "Make available offline";
// - cache-folder.ts: where the folder is; cache-settings.ts: the size limit.
// The index lives in the workspace's task cache (the store's worker), which the tasks service
// opens; the session's client downloads (the token never leaves it).
import path from 'node:path';
import type {
  BulkDownloadStatus,
  OfflineEstimate,
  RecordingState,
  RecordingsCacheInfo,
} from '../../ipc/contract-recordings.ts';
import { AppError } from '../../ipc/errors.ts';
import type { Logger } from '../../log/index.ts';
import { recordingMediaUrl, type MediaHost } from '../../shared/recording-media.ts';
import type { RecordingEntry, StoreClient } from '../../store/index.ts';
import type { Emit } from '../emit.ts';
import type { TasksService } from '../tasks/tasks-service.ts';
import { toTaskFilter } from '../tasks/filters.ts';
import type { WorkspaceService } from '../workspace.ts';
import { startBulkDownload, type BulkDownloadJob } from './bulk-download.ts';
import { workspaceFolderName } from './cache-folder.ts';
import { readLimit, saveLimit } from './cache-settings.ts';
import { usageOf } from './eviction.ts';
import { readMediaInfo } from './media-info.ts';
import { createPeaksReader } from './peaks.ts';
import type { RecordingsService, SaveAsHost } from './types.ts';
import { notAvailableOffline, WorkspaceRecordings, type DownloadContext } from './workspace-recordings.ts';

export interface RecordingsServiceOptions {
  /** The app's data folder (the size limit is kept there). */
  dataDir: string;
  /** The recordings folder; each workspace gets a folder inside (cache-folder.ts). */
  root: string;
  host: MediaHost;
  workspace: Pick<WorkspaceService, 'activeSession' | 'getState' | 'onChanged'>;
  tasks: Pick<TasksService, 'openCache'>;
  emit: Emit;
  logger: Logger;
  /** Electron's "Save as…" dialog; the web host offers a download instead. */
  saveAs?: SaveAsHost;
  /** Recordings downloaded at once by "Make available offline" (default 4). */
  concurrency?: number;
  /** A download with no bytes for this long gives up (default 30 s). */
  idleTimeoutMs?: number;
  /** Peaks worker entry (tests). */
  peaksWorkerUrl?: URL;
}

const PROGRESS_INTERVAL_MS = 200;
/** 8 kHz 16-bit mono WAV: what an estimate assumes before any recording of the list is known. */
const DEFAULT_BYTES_PER_SECOND = 16_000;

const toState = (taskId: string, e: RecordingEntry | null): RecordingState => ({
  taskId,
  offline: e?.complete ?? false,
  pinned: e?.pinned ?? false,
  bytes: e?.complete ? e.bytes : null,
  contentType: e?.complete ? e.contentType : null,
  lastPlayedAt: e?.lastPlayedAt != null ? new Date(e.lastPlayedAt).toISOString() : null,
});

export function createRecordingsService(options: RecordingsServiceOptions): RecordingsService {
  const { workspace, tasks, emit, logger, host } = options;
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  const peaksOf = createPeaksReader(options.peaksWorkerUrl);
  let limitBytes: number | null = null;
  const limit = async () => (limitBytes ??= await readLimit(options.dataDir));
  const folders = new Map<string, WorkspaceRecordings>();
  let job: BulkDownloadJob | null = null;
  let lastJobStatus: BulkDownloadStatus | null = null;

  // At most one report per recording every PROGRESS_INTERVAL_MS, but always the last one and a
  // restart from fewer bytes (the bar must not stay ahead of the download).
  const lastProgress = new Map<string, { at: number; bytes: number }>();
  const onProgress = (taskId: string, bytes: number, total: number | null) => {
    const now = Date.now();
    const last = lastProgress.get(taskId);
    if (last && bytes !== total && bytes >= last.bytes && now - last.at < PROGRESS_INTERVAL_MS) return;
    if (bytes === total) lastProgress.delete(taskId);
    else lastProgress.set(taskId, { at: now, bytes });
    emit('recordings.downloadProgress', { taskId, bytes, total });
  };

  function current(): {
    recordings: WorkspaceRecordings;
    session: NonNullable<ReturnType<typeof workspace.activeSession>>;
  } {
    const session = workspace.activeSession();
    if (session === null)
      throw new AppError(
        'not_signed_in',
        'No workspace is open. Open the demo or sign in with an API token first.',
      );
    const name = workspaceFolderName(session.kind, session.profileId);
    let recordings = folders.get(name);
    if (!recordings) {
      recordings = new WorkspaceRecordings({
        folder: path.join(options.root, name),
        logger,
        idleTimeoutMs,
        limitBytes: () => limitBytes ?? Number.MAX_SAFE_INTEGER,
        onChanged: (taskIds) => emit('recordings.changed', { taskIds }),
        onProgress,
      });
      folders.set(name, recordings);
    }
    return { recordings, session };
  }

  async function context(
    signal?: AbortSignal,
  ): Promise<DownloadContext & { recordings: WorkspaceRecordings }> {
    await limit();
    const { recordings, session } = current();
    const store = await tasks.openCache();
    return {
      recordings,
      store,
      client: session.orgClient,
      offline: workspace.getState().connection.state === 'offline',
      ...(signal ? { signal } : {}),
    };
  }

  async function info(recordings: WorkspaceRecordings, store: StoreClient): Promise<RecordingsCacheInfo> {
    await recordings.cleanOnce(store);
    const usage = usageOf(await store.recordings.list());
    return { ...usage, limitBytes: await limit(), folder: recordings.folder };
  }

  // A workspace closed or switched: its bulk download stops (its client is gone).
  workspace.onChanged(() => {
    const session = workspace.activeSession();
    if (job && (session === null || !folders.has(workspaceFolderName(session.kind, session.profileId))))
      job.cancel();
  });

  return {
    async open(taskId) {
      const ctx = await context();
      const entry = await ctx.recordings.ensure(taskId, ctx);
      const playedAt = Date.now();
      await ctx.store.recordings.markPlayed(taskId, playedAt);
      const media = await readMediaInfo(ctx.recordings.pathOf(entry)).catch(() => null);
      const source = await ctx.store.recordings.source(taskId);
      return {
        ...toState(taskId, { ...entry, lastPlayedAt: playedAt }),
        url: recordingMediaUrl(host, taskId),
        channels: media?.channels ?? null,
        sampleRate: media?.sampleRate ?? null,
        durationSeconds: media?.durationSeconds ?? null,
        callStartedAt: source?.callStartedAt ?? null,
      };
    },

    async state(taskId) {
      const { recordings } = current();
      const store = await tasks.openCache();
      const complete = await recordings.completeEntry(store, taskId);
      return toState(taskId, complete ?? (await store.recordings.get(taskId)));
    },

    async peaks(taskId) {
      const { recordings } = current();
      const store = await tasks.openCache();
      const entry = await recordings.completeEntry(store, taskId);
      if (entry === null) throw notAvailableOffline();
      const peaks = await peaksOf(recordings.pathOf(entry), recordings.peaksPathOf(entry));
      return { taskId, ...peaks };
    },

    async markPlayed(taskId) {
      const store = await tasks.openCache();
      await store.recordings.markPlayed(taskId, Date.now());
      return null;
    },

    async setPinned(taskId, pinned) {
      const ctx = await context();
      const file = (await ctx.store.recordings.get(taskId))?.file ?? '';
      const entry = await ctx.store.recordings.setPinned(taskId, pinned, file);
      emit('recordings.changed', { taskIds: [taskId] });
      if (!pinned) {
        await ctx.recordings.evict(ctx.store);
        return toState(taskId, await ctx.store.recordings.get(taskId));
      }
      // "Keep offline" means having it: download it now if it is not here.
      const complete = await ctx.recordings.ensure(taskId, ctx);
      return toState(taskId, { ...complete, pinned: entry.pinned });
    },

    async availability(taskIds) {
      const store = await tasks.openCache();
      const entries = await store.recordings.list(taskIds);
      return {
        offline: entries.filter((e) => e.complete).map((e) => e.taskId),
        pinned: entries.filter((e) => e.pinned).map((e) => e.taskId),
      };
    },

    async estimateOffline({ scope, filters }) {
      await limit();
      const { recordings } = current();
      const store = await tasks.openCache(scope);
      const candidates = await store.recordings.candidates(toTaskFilter(scope, filters));
      const cached = await info(recordings, store);
      // Bytes per second of audio, from this list's recordings already here when there are some.
      let knownBytes = 0;
      let knownSeconds = 0;
      for (const c of candidates) {
        if (c.complete && c.bytes !== null && c.durationSeconds) {
          knownBytes += c.bytes;
          knownSeconds += c.durationSeconds;
        }
      }
      const rate = knownSeconds > 0 ? knownBytes / knownSeconds : DEFAULT_BYTES_PER_SECOND;
      const missing = candidates.filter((c) => !c.complete);
      const estimatedBytes = Math.round(missing.reduce((sum, c) => sum + (c.durationSeconds ?? 0) * rate, 0));
      const estimate: OfflineEstimate = {
        withRecording: candidates.length,
        alreadyOffline: candidates.length - missing.length,
        toDownload: missing.length,
        estimatedBytes,
        exact: missing.length === 0,
        usedBytes: cached.usedBytes,
        limitBytes: cached.limitBytes,
        fitsInLimit: cached.usedBytes + estimatedBytes <= cached.limitBytes,
      };
      return estimate;
    },

    async downloadOffline({ scope, filters }) {
      if (job !== null && job.status().phase === 'running') return job.status();
      const ctx = await context();
      const store = await tasks.openCache(scope);
      const candidates = await store.recordings.candidates(toTaskFilter(scope, filters));
      const started = startBulkDownload({
        items: candidates.map((c) => ({ taskId: c.taskId, complete: c.complete })),
        concurrency: options.concurrency ?? 4,
        progressIntervalMs: PROGRESS_INTERVAL_MS,
        download: async (taskId, signal) => {
          const entry = await ctx.recordings.ensure(taskId, { ...ctx, signal });
          return entry.bytes ?? 0;
        },
        onProgress: (status) => {
          lastJobStatus = status;
          emit('recordings.offlineProgress', status);
        },
      });
      job = started;
      void started.finished.then((status) => {
        lastJobStatus = status;
        if (job === started) job = null;
      });
      return started.status();
    },

    cancelOffline(jobId) {
      if (job === null || job.id !== jobId) {
        if (lastJobStatus?.jobId === jobId) return lastJobStatus;
        throw new AppError('not_found', 'That download is not running any more.');
      }
      job.cancel();
      return job.status();
    },

    offlineStatus: () => job?.status() ?? lastJobStatus,

    async cacheInfo() {
      await limit();
      const { recordings } = current();
      return info(recordings, await tasks.openCache());
    },

    async setLimit(bytes) {
      await saveLimit(options.dataDir, bytes);
      limitBytes = bytes;
      const { recordings } = current();
      const store = await tasks.openCache();
      await recordings.evict(store);
      return info(recordings, store);
    },

    async clear(includePinned) {
      job?.cancel();
      const { recordings } = current();
      const store = await tasks.openCache();
      await recordings.clear(store, includePinned);
      return info(recordings, store);
    },

    async saveAs(taskId) {
      const ctx = await context();
      const entry = await ctx.recordings.ensure(taskId, ctx);
      const ext = path.extname(entry.file) || '.bin';
      const suggestedName = `recording-${taskId}${ext}`;
      if (host === 'web' || !options.saveAs) {
        return {
          kind: 'download',
          url: recordingMediaUrl('web', taskId, { download: true }),
          filename: suggestedName,
        };
      }
      return options.saveAs({
        path: ctx.recordings.pathOf(entry),
        suggestedName,
        contentType: entry.contentType ?? 'application/octet-stream',
      });
    },

    async cachedFile(taskId) {
      const session = workspace.activeSession();
      if (session === null) return null;
      const { recordings } = current();
      const store = await tasks.openCache().catch(() => null);
      if (store === null) return null;
      const entry = await recordings.completeEntry(store, taskId);
      if (entry === null || entry.bytes === null) return null;
      return {
        root: recordings.folder,
        file: entry.file,
        contentType: entry.contentType ?? 'application/octet-stream',
        bytes: entry.bytes,
      };
    },

    async close() {
      job?.cancel();
      await job?.finished;
    },
  };
}
