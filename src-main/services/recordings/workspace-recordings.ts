// The recordings folder of one workspace and its index: download into it (one download per
// recording at a time), evict to the limit, clean leftovers once per run, clear. The index is
// the workspace's SQLite cache (through the store's worker); the files are
//   <folder>/files/<task>.<ext>          complete recordings (the only ones ever served)
//   <folder>/files/<task>.peaks.json     their waveforms
//   <folder>/partial/<task>.part(.json)  downloads in progress or cut off (resumed later)
import { createHash } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../ipc/errors.ts';
import type { Logger } from '../../log/index.ts';
import type { RecordingEntry, StoreClient } from '../../store/index.ts';
import { UnpodError, type UnpodClient } from '../../unpod/index.ts';
import { contentTypeForExtension, extensionFor, fileStemOf } from './cache-folder.ts';
import { chooseEvictions } from './eviction.ts';
import { readMediaInfo } from './media-info.ts';
import { downloadResumably } from './resumable-download.ts';

/** Partial downloads older than this are given up at start (their links will have expired too). */
const PARTIAL_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export interface WorkspaceRecordingsDeps {
  folder: string;
  logger: Logger;
  idleTimeoutMs: number;
  limitBytes: () => number;
  onChanged: (taskIds: string[] | null) => void;
  onProgress: (taskId: string, bytes: number, total: number | null) => void;
}

export interface DownloadContext {
  store: StoreClient;
  /** The session's client, or null (no organization chosen). */
  client: UnpodClient | null;
  /** The workspace knows it is offline: do not even try. */
  offline: boolean;
  signal?: AbortSignal;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

export const notAvailableOffline = () =>
  new AppError(
    'not_available_offline',
    'Not available offline: this recording is not on this computer, and Unpod cannot be reached to download it.',
  );

export class WorkspaceRecordings {
  readonly folder: string;
  readonly filesDir: string;
  readonly partialDir: string;
  readonly #deps: WorkspaceRecordingsDeps;
  readonly #inflight = new Map<string, Promise<RecordingEntry>>();
  /** Signed links that answered, kept to resume with (never written anywhere). */
  readonly #signed = new Map<string, string>();
  #cleaned: Promise<void> | null = null;

  constructor(deps: WorkspaceRecordingsDeps) {
    this.#deps = deps;
    this.folder = deps.folder;
    this.filesDir = path.join(deps.folder, 'files');
    this.partialDir = path.join(deps.folder, 'partial');
  }

  pathOf(entry: Pick<RecordingEntry, 'file'>): string {
    return path.join(this.folder, entry.file);
  }

  peaksPathOf(entry: Pick<RecordingEntry, 'file'>): string {
    return this.pathOf(entry).replace(/\.[a-z0-9]+$/i, '') + '.peaks.json';
  }

  /** The entry when its file is complete and in place; a complete entry whose file is gone is forgotten. */
  async completeEntry(store: StoreClient, taskId: string): Promise<RecordingEntry | null> {
    await this.cleanOnce(store);
    const entry = await store.recordings.get(taskId);
    if (entry === null || !entry.complete) return null;
    const info = await stat(this.pathOf(entry)).catch(() => null);
    if (info?.isFile() && info.size === entry.bytes) return entry;
    await store.recordings.put({ ...entry, complete: false, bytes: null, downloadedAt: null });
    this.#deps.onChanged([taskId]);
    return null;
  }

  /** The complete recording, downloading it first when it is not here. */
  async ensure(taskId: string, ctx: DownloadContext): Promise<RecordingEntry> {
    const have = await this.completeEntry(ctx.store, taskId);
    if (have) return have;
    let running = this.#inflight.get(taskId);
    if (!running) {
      running = this.#download(taskId, ctx).finally(() => this.#inflight.delete(taskId));
      this.#inflight.set(taskId, running);
    }
    return running;
  }

  async #download(taskId: string, ctx: DownloadContext): Promise<RecordingEntry> {
    const { store, client } = ctx;
    const source = await store.recordings.source(taskId);
    if (source === null)
      throw new AppError('not_found', 'This task is not in the saved list; refresh the list.');
    if (source.recordingUrl === null) throw new AppError('not_found', 'This call has no recording.');
    if (ctx.offline) throw notAvailableOffline();
    if (client === null)
      throw new AppError('no_organization', 'Choose an organization first: its recordings come with it.');
    const url = source.recordingUrl;
    const stem = fileStemOf(taskId, hash);
    const partialPath = path.join(this.partialDir, `${stem}.part`);
    let finalRel = '';
    const result = await downloadResumably({
      open: async (fromByte, validator) => {
        const opened = await client.openRecording(url, {
          fromByte,
          ifRange: validator,
          signedUrl: this.#signed.get(taskId) ?? null,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
        if (opened.signedUrl) this.#signed.set(taskId, opened.signedUrl);
        return opened.response;
      },
      partialPath,
      finalPathFor: (contentType) => {
        finalRel = path.join('files', `${stem}.${extensionFor(contentType, url)}`);
        return path.join(this.folder, finalRel);
      },
      idleTimeoutMs: this.#deps.idleTimeoutMs,
      onProgress: (bytes, total) => this.#deps.onProgress(taskId, bytes, total),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    }).catch((error: unknown) => {
      // Platform or storage unreachable (no connection): the user sees "Not available offline".
      // A slow answer (timeout) or a connection dropped mid-file says so instead.
      if (
        error instanceof UnpodError &&
        error.kind === 'network' &&
        !/ended early|dropped/.test(error.message)
      ) {
        throw notAvailableOffline();
      }
      throw error;
    });
    this.#signed.delete(taskId);
    let contentType = result.contentType?.split(';')[0]?.trim().toLowerCase() ?? null;
    if (contentType === null || !contentType.startsWith('audio/')) {
      // A generic type ("application/octet-stream", "binary/octet-stream"): tell by the bytes.
      const format = (await readMediaInfo(path.join(this.folder, finalRel))).format;
      contentType = format ? contentTypeForExtension(format) : (contentType ?? 'application/octet-stream');
    }
    const before = await store.recordings.get(taskId);
    const entry = await store.recordings.put({
      taskId,
      file: finalRel,
      bytes: result.bytes,
      contentType,
      lastPlayedAt: before?.lastPlayedAt ?? null,
      pinned: before?.pinned ?? false,
      complete: true,
      downloadedAt: Date.now(),
    });
    this.#deps.onChanged([taskId]);
    await this.evict(store, new Set([taskId]));
    return entry;
  }

  /** Brings the folder under the limit, least recently played first, never the pinned. */
  async evict(store: StoreClient, keep: ReadonlySet<string> = new Set()): Promise<string[]> {
    const gone = chooseEvictions(await store.recordings.list(), this.#deps.limitBytes(), keep);
    if (gone.length === 0) return [];
    await this.#removeFiles(gone);
    await store.recordings.delete(gone.map((e) => e.taskId));
    const ids = gone.map((e) => e.taskId);
    this.#deps.onChanged(ids);
    return ids;
  }

  async #removeFiles(entries: readonly RecordingEntry[]): Promise<void> {
    for (const e of entries) {
      await rm(this.pathOf(e), { force: true });
      await rm(this.peaksPathOf(e), { force: true });
    }
  }

  /** "Clear recordings": every file (the pinned too when asked) and the partial downloads. */
  async clear(store: StoreClient, includePinned: boolean): Promise<void> {
    const entries = await store.recordings.list();
    const gone = entries.filter((e) => includePinned || !e.pinned);
    await this.#removeFiles(gone.filter((e) => e.complete));
    await store.recordings.delete(gone.map((e) => e.taskId));
    // Kept pinned entries stay; a pinned one not downloaded yet keeps its pin.
    if (this.#inflight.size === 0) await rm(this.partialDir, { recursive: true, force: true });
    this.#deps.onChanged(null);
  }

  /** Once per run: forget entries whose file is gone; delete files no entry names and stale partials. */
  cleanOnce(store: StoreClient): Promise<void> {
    this.#cleaned ??= this.#clean(store).catch((error: unknown) => {
      this.#deps.logger.warn('cleaning the recordings folder failed', { error });
    });
    return this.#cleaned;
  }

  async #clean(store: StoreClient): Promise<void> {
    const entries = await store.recordings.list();
    const known = new Set<string>();
    const lost: RecordingEntry[] = [];
    for (const e of entries) {
      if (!e.complete) continue;
      const info = await stat(this.pathOf(e)).catch(() => null);
      if (info?.isFile() && info.size === e.bytes) {
        known.add(path.basename(e.file));
        known.add(path.basename(this.peaksPathOf(e)));
      } else lost.push(e);
    }
    for (const e of lost)
      await store.recordings.put({ ...e, complete: false, bytes: null, downloadedAt: null });
    for (const name of await readdir(this.filesDir).catch(() => [] as string[])) {
      if (!known.has(name)) await rm(path.join(this.filesDir, name), { force: true, recursive: true });
    }
    // A partial download stays (to resume) with its sidecar, unless it is older than a week;
    // anything else in partial/ (a sidecar without its file, a stray file) goes.
    const now = Date.now();
    const names = await readdir(this.partialDir).catch(() => [] as string[]);
    const keep = new Set<string>();
    for (const name of names.filter((n) => n.endsWith('.part'))) {
      const info = await stat(path.join(this.partialDir, name)).catch(() => null);
      if (info !== null && names.includes(`${name}.json`) && now - info.mtimeMs <= PARTIAL_MAX_AGE_MS) {
        keep.add(name);
        keep.add(`${name}.json`);
      }
    }
    for (const name of names) {
      if (!keep.has(name)) await rm(path.join(this.partialDir, name), { force: true, recursive: true });
    }
  }
}
