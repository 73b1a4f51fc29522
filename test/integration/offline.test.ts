// Offline: when the platform goes away every read keeps working from the cache and the
// connection says offline; when it comes back (same address) the app notices by itself and
// refreshes. And a damaged cache file at start is set aside, rebuilt from the server, and the
// user is told.
import { closeSync, existsSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SyncStatus, TaskDetail } from '../../src-main/ipc/contract.ts';
import type { Sandbox } from '../../src-main/sandbox/index.ts';
import { CACHE_FILE_NAME } from '../../src-main/services/tasks/index.ts';
import {
  cleanupsAfterEach,
  createHarness,
  exportCsv,
  query,
  removeDir,
  sandboxStarter,
  spaceScope,
  syncAndWait,
  waitFor,
  type Harness,
} from './sync-helpers.ts';

const addCleanup = cleanupsAfterEach();

/** Bytes in the cache's write-ahead log (0 when it is absent). */
const walBytes = (path: string): number => (existsSync(path + '-wal') ? statSync(path + '-wal').size : 0);

/** A leaf page in the middle of the tasks table's b-tree (SQLite's dbstat table lists pages). */
function tasksLeafPage(path: string): { pageno: number; pgsize: number } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const leaves = z
      .array(z.object({ pageno: z.number(), pgsize: z.number() }))
      .parse(
        db.prepare("SELECT pageno, pgsize FROM dbstat WHERE name = 'tasks' AND pagetype = 'leaf'").all(),
      );
    const leaf = leaves[Math.floor(leaves.length / 2)];
    if (!leaf) throw new Error('the synced cache has no leaf page in its tasks table');
    return leaf;
  } finally {
    db.close();
  }
}
const sandboxOn = sandboxStarter(addCleanup);

async function harnessFor(sandbox: Sandbox, dataDir?: string): Promise<Harness> {
  const h = await createHarness(sandbox, { dataDir });
  addCleanup(async () => {
    await h.close();
    expect(h.unexpected).toEqual([]);
  });
  return h;
}

const connectionState = (h: Harness) => h.services.workspace.getState().connection.state;

describe('offline', () => {
  it('keeps every read working from the cache, says offline, and recovers by itself', async () => {
    const sandbox = await sandboxOn();
    const port = Number(new URL(sandbox.baseUrl).port);
    const h = await harnessFor(sandbox);
    addCleanup(() => removeDir(h.dataDir));
    const scope = spaceScope(sandbox);
    const synced = await syncAndWait(h, scope);
    const online = await query(h, { scope, facets: true, limit: 20 });
    expect(online.total).toBe(synced.total);

    // The platform goes away. The next re-poll fails, which flips the connection to offline.
    await sandbox.close();
    await waitFor(() => connectionState(h) === 'offline', 'the connection to go offline');
    const offlineEvent = h.eventsNamed('connection.changed').at(-1)!;
    expect(offlineEvent.state).toBe('offline');
    expect(offlineEvent.lastOnlineAt).not.toBeNull();

    // Lists, counts, search, detail, overview and export all still answer, from the cache.
    const offline = await query(h, { scope, facets: true, limit: 20 });
    expect(offline.total).toBe(online.total);
    expect(offline.rows).toEqual(online.rows);
    expect(offline.facets).toEqual(online.facets);
    expect(offline.lastSyncedAt).toBe(synced.lastSyncedAt);
    const name = online.rows.find((r) => r.name)!.name!;
    const searched = await query(h, { scope, filters: { search: name } });
    expect(searched.rows.some((r) => r.name === name)).toBe(true);
    const detail = await h.call<{ status: string; task: TaskDetail }>('tasks.get', {
      id: online.rows[0]!.id,
    });
    expect(detail.task.id).toBe(online.rows[0]!.id);
    expect((await h.call<{ total: number }>('tasks.overview', { scope })).total).toBe(online.total);
    expect((await exportCsv(h, { scope })).rows).toBe(online.total);

    // A sync asked for while offline fails with a network error and leaves the data alone.
    const failed = await syncAndWait(h, scope);
    expect(failed.phase).toBe('failed');
    expect(failed.error?.code).toBe('network');
    expect((await query(h, { scope })).total).toBe(online.total);

    // The platform comes back on the same address: the probe notices, the list is refreshed.
    const refreshesBefore = h.eventsNamed('sync.progress').filter((p) => p.phase === 'done').length;
    await sandboxOn(port); // closed by the cleanups
    await waitFor(() => connectionState(h) === 'online', 'the connection to come back online');
    await waitFor(
      () => h.eventsNamed('sync.progress').filter((p) => p.phase === 'done').length > refreshesBefore,
      'a refresh after reconnecting',
    );
    const after = await h.call<SyncStatus>('sync.status', { scope });
    expect(Date.parse(after.lastSyncedAt!)).toBeGreaterThan(Date.parse(synced.lastSyncedAt!));
  });
});

/**
 * A synced space, the app closed, and the path of its cache file: ready to be damaged. Closing
 * folds the WAL into the file, so the damage cannot be hidden by a newer copy in the WAL.
 */
async function syncedAndClosed() {
  const sandbox = await sandboxOn();
  const first = await harnessFor(sandbox);
  addCleanup(() => removeDir(first.dataDir));
  const scope = spaceScope(sandbox);
  const synced = await syncAndWait(first, scope);
  await first.close();
  const path = join(first.profileDir, CACHE_FILE_NAME);
  expect(walBytes(path)).toBe(0);
  return { sandbox, first, scope, synced, path };
}

describe('a damaged cache file', () => {
  it('is moved aside at start, the user is told, and the data is rebuilt from the server', async () => {
    const { sandbox, first, scope, synced, path } = await syncedAndClosed();

    // Garbage over the whole file (as a disk error or a stray program would leave it).
    writeFileSync(path, Buffer.alloc(64 * 1024, 0x5a));

    const h = await harnessFor(sandbox, first.dataDir);
    const page = await query(h, { scope });
    expect(page.notice).toMatchObject({ kind: 'recovered' });
    expect(page.notice!.message).toMatch(/set aside/);
    expect(h.eventsNamed('cache.notice')).toHaveLength(1);
    const aside = readdirSync(h.profileDir).filter((f) => f.startsWith(`${CACHE_FILE_NAME}.corrupt-`));
    expect(aside.length).toBeGreaterThan(0);

    // The first read found nothing saved and, being online, started the rebuild.
    expect(page.total).toBe(0);
    expect(page.sync.phase).toBe('running');
    const rebuilt = await h.services.tasks.whenIdle(scope);
    expect(rebuilt).toMatchObject({ phase: 'done', mode: 'full', inserted: synced.total });
    expect((await query(h, { scope })).total).toBe(synced.total);
  });

  it('damage deeper in the file is found by the background check; the cache is rebuilt', async () => {
    const { sandbox, first, scope, synced, path } = await syncedAndClosed();

    // One leaf page of the tasks table overwritten: the file still opens (its schema is
    // intact), only a full check finds the damage. The page is looked up rather than guessed
    // (the middle of the file may hold an overflow page, whose content no check can judge).
    const { pageno, pgsize } = tasksLeafPage(path);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pgsize, 0xa5), 0, pgsize, (pageno - 1) * pgsize);
    closeSync(fd);

    const h = await harnessFor(sandbox, first.dataDir);
    await h.call<SyncStatus>('sync.status', { scope }); // opens the cache; the check starts
    await waitFor(() => h.eventsNamed('cache.notice').length > 0, 'the background check to report').catch(
      (error: unknown) => {
        throw new Error(`${String(error)}; the app logged:\n${h.logs.join('\n')}`);
      },
    );
    expect(h.eventsNamed('cache.notice')[0]).toMatchObject({ kind: 'recovered' });
    expect(h.eventsNamed('tasks.changed').map((c) => c.scope)).toContainEqual(scope);

    const page = await query(h, { scope });
    expect(page.notice?.kind).toBe('recovered');
    const rebuilt = await h.services.tasks.whenIdle(scope);
    expect(rebuilt).toMatchObject({ phase: 'done', mode: 'full', inserted: synced.total });
    expect((await query(h, { scope })).total).toBe(synced.total);
    expect(readdirSync(h.profileDir).some((f) => f.startsWith(`${CACHE_FILE_NAME}.corrupt-`))).toBe(true);
  });
});
