// The open session's task cache file: opened on first use (one file per workspace:
// <profile data folder>/tasks-cache.sqlite, or <app data folder>/demo/tasks-cache.sqlite for the
// demo), checked for damage in the background, rebuilt when damaged (with a notice for the
// Tasks page), and closed when the workspace closes or changes (sign-out may delete the folder
// right after). The file is served by the store's worker threads (StoreClient), so no SQLite
// work runs on the main thread; a worker that dies is restarted and the user told.
import { join } from 'node:path';
import type { CacheNotice } from '../../ipc/contract.ts';
import { AppError } from '../../ipc/errors.ts';
import type { Logger } from '../../log/index.ts';
import { StoreClient, type OpenInfo } from '../../store/index.ts';
import type { Emit } from '../emit.ts';
import type { ActiveSession } from '../workspace.ts';
import { checkIntegrityInBackground } from './integrity-check.ts';

export const CACHE_FILE_NAME = 'tasks-cache.sqlite';

/** One open cache file of one session. */
export interface OpenCache {
  readonly sessionId: number;
  readonly path: string;
  readonly cache: StoreClient;
  /**
   * Each synced scope's last complete sync (by the store's scope key), read at open and kept
   * as the syncs record it, so a status never waits for the store.
   */
  readonly lastSynced: Map<string, string | null>;
  /**
   * Said on the Tasks page (the file was damaged and is being rebuilt, a thread was restarted,
   * the cache stopped working), or null. The latest one: every list read carries it.
   */
  notice: CacheNotice | null;
  /** Aborted when this cache closes: the syncs, timers and events working on it stop. */
  readonly closing: AbortSignal;
}

export interface CacheLifecycle {
  /** The open cache, or null. */
  current(): OpenCache | null;
  /** The session's cache, opened on first use; another session's is closed first. */
  openFor(session: Pick<ActiveSession, 'id' | 'dataDir'>): Promise<OpenCache>;
  /** Closes the open cache, if any. */
  close(): void;
  /** Closes the cache once every background check has let go of the file. */
  closeAll(): Promise<void>;
}

export interface CacheLifecycleOptions {
  /** The app's data folder; the demo's cache lives in <dataDir>/demo. */
  dataDir: string;
  logger: Logger;
  emit: Emit;
  integrityCheckDelayMs: number;
  /** A damaged cache was set aside and `fresh` replaces `old` (the lists on screen read again). */
  onRebuilt: (old: OpenCache, fresh: OpenCache) => void;
}

interface Opened extends OpenCache {
  controller: AbortController;
  /** The background integrity check of this file, while it runs (stopped on close). */
  integrityCheck: { controller: AbortController; done: Promise<unknown> } | null;
}

const recoveredNotice = (reason: string | null): CacheNotice => ({
  id: `recovered-${Date.now()}`,
  kind: 'recovered',
  message: `The saved task data could not be read (${reason ?? 'damaged'}), so it was set aside and is being downloaded again from Unpod.`,
  at: new Date().toISOString(),
});

const failedNotice = (): CacheNotice => ({
  id: `failed-${Date.now()}`,
  kind: 'unavailable',
  message: 'The saved task data stopped working. Quit and reopen Unpod Desk to read your tasks again.',
  at: new Date().toISOString(),
});

const restartedNotice = (): CacheNotice => ({
  id: `restarted-${Date.now()}`,
  kind: 'restarted',
  message:
    'The saved task data stopped answering and was restarted. Your tasks are safe; a list or sync in progress may have been read again.',
  at: new Date().toISOString(),
});

const cannotOpen = () =>
  new AppError(
    'internal',
    'Unpod Desk could not open its saved task data (the file is locked by another copy of the app, or cannot be read). Close other copies of Unpod Desk and try again.',
  );

export function createCacheLifecycle(options: CacheLifecycleOptions): CacheLifecycle {
  const { logger, emit } = options;
  let current: Opened | null = null;
  /** The cache being opened, and for which session (reads meanwhile wait for it). */
  let opening: { sessionId: number; done: Promise<Opened> } | null = null;
  /** Integrity checks whose worker has not finished, of this cache or of one closed before. */
  const checksRunning = new Set<Promise<void>>();
  /** Stores being closed (their threads checkpoint the file and exit). */
  const closesRunning = new Set<Promise<void>>();

  async function toOpened(
    sessionId: number,
    path: string,
    { store, open }: { store: StoreClient; open: OpenInfo },
  ): Promise<Opened> {
    let notice: CacheNotice | null = null;
    if (open.recovered) {
      logger.warn('the task cache was damaged and has been rebuilt', {
        reason: open.reason,
        movedTo: open.movedTo,
      });
      notice = recoveredNotice(open.reason);
    }
    const lastSynced = new Map<string, string | null>();
    try {
      for (const state of await store.syncState.list()) lastSynced.set(state.scopeKey, state.lastSyncedAt);
    } catch (error) {
      await store.close();
      throw error;
    }
    const controller = new AbortController();
    const result: Opened = {
      sessionId,
      path,
      cache: store,
      lastSynced,
      notice,
      closing: controller.signal,
      controller,
      integrityCheck: null,
    };
    store.on('restarted', ({ role, reason }) => {
      if (controller.signal.aborted) return;
      logger.warn('a task cache thread stopped and was restarted', { role, reason });
      result.notice = restartedNotice();
      emit('cache.notice', result.notice);
    });
    store.on('failed', ({ role, reason }) => {
      if (controller.signal.aborted) return;
      logger.error('a task cache thread kept stopping; the cache is closed', { role, reason });
      result.notice = failedNotice();
      emit('cache.notice', result.notice);
    });
    if (notice) emit('cache.notice', notice);
    return result;
  }

  /**
   * Opens the session's cache. The schema is checked at once (a file that is no database is
   * set aside right here); the full integrity check runs in a worker meanwhile (see
   * integrity-check.ts) and rebuilds the cache if it fails.
   */
  async function open(session: Pick<ActiveSession, 'id' | 'dataDir'>): Promise<Opened> {
    const path = join(session.dataDir ?? join(options.dataDir, 'demo'), CACHE_FILE_NAME);
    let result: Opened;
    try {
      result = await toOpened(session.id, path, await StoreClient.open(path, { quickCheck: false }));
    } catch (error) {
      logger.error('the task cache could not be opened', { error, path });
      throw cannotOpen();
    }
    if (!result.notice) {
      const timer = setTimeout(() => {
        if (result.closing.aborted) return;
        const controller = new AbortController();
        const done = checkIntegrityInBackground(path, controller.signal).then(async (check) => {
          checksRunning.delete(done);
          result.integrityCheck = null;
          if (controller.signal.aborted) return;
          if (check.status === 'corrupt') await recoverDamaged(result, check.problem);
          else if (check.status === 'unknown') logger.warn('the task cache check did not run', check);
        });
        checksRunning.add(done);
        result.integrityCheck = { controller, done };
      }, options.integrityCheckDelayMs);
      timer.unref();
    }
    return result;
  }

  /** The background check found damage: reopen with the check, which sets the file aside. */
  async function recoverDamaged(old: Opened, problem: string): Promise<void> {
    if (old.closing.aborted || current !== old) return;
    logger.warn('the task cache failed its integrity check', { problem });
    const reopening = (async () => {
      await close(old);
      return toOpened(old.sessionId, old.path, await StoreClient.open(old.path, { quickCheck: true }));
    })();
    opening = { sessionId: old.sessionId, done: reopening };
    try {
      current = await reopening;
    } catch (error) {
      logger.error('the task cache could not be reopened after its check failed', { error });
      return; // the next read tries again
    } finally {
      if (opening?.done === reopening) opening = null;
    }
    options.onRebuilt(old, current);
  }

  function close(opened: Opened): Promise<void> {
    if (opened.closing.aborted) return Promise.resolve();
    opened.controller.abort();
    opened.integrityCheck?.controller.abort();
    if (current === opened) current = null;
    const closed = opened.cache.close().catch((error: unknown) => {
      logger.warn('closing the task cache failed', { error });
    });
    closesRunning.add(closed);
    void closed.finally(() => closesRunning.delete(closed));
    return closed;
  }

  async function openFor(session: Pick<ActiveSession, 'id' | 'dataDir'>): Promise<Opened> {
    for (;;) {
      if (current && !current.closing.aborted && current.sessionId === session.id) return current;
      if (opening) {
        // One open at a time: the session's own is shared, another session's is let finish.
        const pending = opening;
        const opened = await pending.done.catch(() => null);
        if (pending.sessionId === session.id && opened !== null) return opened;
        continue;
      }
      if (current) void close(current);
      const done = open(session);
      opening = { sessionId: session.id, done };
      try {
        current = await done;
        return current;
      } finally {
        if (opening?.done === done) opening = null;
      }
    }
  }

  return {
    current: () => (current !== null && !current.closing.aborted ? current : null),
    openFor,
    close() {
      if (current) void close(current);
    },
    async closeAll() {
      // Stop the integrity check workers and wait until they have let go of the file, then
      // close the store (its writer checkpoints the WAL into the file as the last connection).
      // A read arriving meanwhile may open the cache again: the loop closes that one too.
      // Checks and stores of caches closed earlier (another profile) are waited for too.
      while (current || opening || checksRunning.size > 0 || closesRunning.size > 0) {
        if (opening) await opening.done.catch(() => null);
        const opened = current;
        opened?.integrityCheck?.controller.abort();
        await Promise.all(checksRunning);
        if (opened) await close(opened);
        await Promise.all(closesRunning);
      }
    },
  };
}
