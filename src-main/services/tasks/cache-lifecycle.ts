// The open session's task cache file: opened on first use (one file per workspace:
// <profile data folder>/tasks-cache.sqlite, or <app data folder>/demo/tasks-cache.sqlite for the
// demo), checked for damage in the background, rebuilt when damaged (with a notice for the
// Tasks page), and closed when the workspace closes or changes (sign-out may delete the folder
// right after).
import { join } from 'node:path';
import type { CacheNotice } from '../../ipc/contract.ts';
import { AppError } from '../../ipc/errors.ts';
import type { Logger } from '../../log/index.ts';
import { openCache, type OpenCacheResult, type TaskCache } from '../../store/index.ts';
import type { Emit } from '../emit.ts';
import type { ActiveSession } from '../workspace.ts';
import { checkIntegrityInBackground } from './integrity-check.ts';

export const CACHE_FILE_NAME = 'tasks-cache.sqlite';

/** One open cache file of one session. */
export interface OpenCache {
  readonly sessionId: number;
  readonly path: string;
  readonly cache: TaskCache;
  /** Said on the Tasks page (the file was damaged and is being rebuilt), or null. */
  readonly notice: CacheNotice | null;
  /** Aborted when this cache closes: the syncs, timers and events working on it stop. */
  readonly closing: AbortSignal;
}

export interface CacheLifecycle {
  /** The open cache, or null. */
  current(): OpenCache | null;
  /** The session's cache, opened on first use; another session's is closed first. */
  openFor(session: Pick<ActiveSession, 'id' | 'dataDir'>): OpenCache;
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

const cannotOpen = () =>
  new AppError(
    'internal',
    'Unpod Desk could not open its saved task data (the file is locked by another copy of the app, or cannot be read). Close other copies of Unpod Desk and try again.',
  );

export function createCacheLifecycle(options: CacheLifecycleOptions): CacheLifecycle {
  const { logger, emit } = options;
  let current: Opened | null = null;
  /** Integrity checks whose worker has not finished, of this cache or of one closed before. */
  const checksRunning = new Set<Promise<void>>();

  function toOpened(sessionId: number, path: string, opened: OpenCacheResult): Opened {
    let notice: CacheNotice | null = null;
    if (opened.recovered) {
      logger.warn('the task cache was damaged and has been rebuilt', {
        reason: opened.reason,
        movedTo: opened.movedTo,
      });
      notice = recoveredNotice(opened.reason);
    }
    const controller = new AbortController();
    const result: Opened = {
      sessionId,
      path,
      cache: opened.cache,
      notice,
      closing: controller.signal,
      controller,
      integrityCheck: null,
    };
    if (notice) emit('cache.notice', notice);
    return result;
  }

  /**
   * Opens the session's cache. The schema is checked at once (a file that is no database is
   * set aside right here); the full integrity check runs in a worker meanwhile (see
   * integrity-check.ts) and rebuilds the cache if it fails.
   */
  function open(session: Pick<ActiveSession, 'id' | 'dataDir'>): Opened {
    const path = join(session.dataDir ?? join(options.dataDir, 'demo'), CACHE_FILE_NAME);
    let opened: OpenCacheResult;
    try {
      opened = openCache(path, { quickCheck: false });
    } catch (error) {
      logger.error('the task cache could not be opened', { error, path });
      throw cannotOpen();
    }
    const result = toOpened(session.id, path, opened);
    if (!opened.recovered) {
      const timer = setTimeout(() => {
        if (result.closing.aborted) return;
        const controller = new AbortController();
        const done = checkIntegrityInBackground(path, controller.signal).then((check) => {
          checksRunning.delete(done);
          result.integrityCheck = null;
          if (controller.signal.aborted) return;
          if (check.status === 'corrupt') recoverDamaged(result, check.problem);
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
  function recoverDamaged(old: Opened, problem: string): void {
    if (old.closing.aborted || current !== old) return;
    logger.warn('the task cache failed its integrity check', { problem });
    close(old);
    let opened: OpenCacheResult;
    try {
      opened = openCache(old.path);
    } catch (error) {
      logger.error('the task cache could not be reopened after its check failed', { error });
      return; // the next read tries again
    }
    current = toOpened(old.sessionId, old.path, opened);
    options.onRebuilt(old, current);
  }

  function close(opened: Opened): void {
    if (opened.closing.aborted) return;
    opened.controller.abort();
    opened.integrityCheck?.controller.abort();
    opened.cache.close();
    if (current === opened) current = null;
  }

  return {
    current: () => (current !== null && !current.closing.aborted ? current : null),
    openFor(session) {
      if (current && current.sessionId === session.id) return current;
      if (current) close(current);
      current = open(session);
      return current;
    },
    close() {
      if (current) close(current);
    },
    async closeAll() {
      // The worker holds its own connection to the file: stop it and wait until it has let go
      // before closing ours, so ours is the last one and SQLite folds the WAL into the file.
      // (A read arriving meanwhile may open the cache again: the loop closes that one too.)
      // Checks of caches closed earlier (another profile) were stopped then, and may still be
      // letting go: they are waited for too.
      while (current || checksRunning.size > 0) {
        const opened = current;
        opened?.integrityCheck?.controller.abort();
        await Promise.all(checksRunning);
        if (opened) close(opened);
      }
    },
  };
}
