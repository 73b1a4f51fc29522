// The store's worker boundary on real SQLite files: reads are answered while a write transaction
// is open, a superseded or cancelled query rejects, a worker that dies is started again and an
// event says so, and close waits for the writer and leaves no WAL behind.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache, type CacheScope, type Task } from '../../src-main/store/index.ts';
import {
  StoreClient,
  StoreWorkerRestartedError,
  type StoreEvents,
} from '../../src-main/store/worker/store-client.ts';

const SCOPE: CacheScope = { kind: 'space', spaceToken: 'SPACE' };
const lead = (i: number): Task => ({
  task_id: `T${i}`,
  status: 'completed',
  created: `2025-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00`,
  input: { name: `Lead ${i} Sharma`, contact_number: `+9198000${String(i).padStart(5, '0')}` },
  output: { duration: 30, transcript: [{ role: 'user', content: `About the renewal of policy ${i}.` }] },
});
const leads = (from: number, count: number) => Array.from({ length: count }, (_, i) => lead(from + i));

/** Records the order in which promises settle. */
function settleOrder() {
  const order: string[] = [];
  const track = <T>(name: string, promise: Promise<T>) =>
    promise.then(
      (value) => {
        order.push(name);
        return value;
      },
      (error: unknown) => {
        order.push(name);
        throw error;
      },
    );
  return { order, track };
}

const nextEvent = <E extends keyof StoreEvents>(store: StoreClient, event: E) =>
  new Promise<StoreEvents[E][0]>((resolve) =>
    store.once(event, ((arg: StoreEvents[E][0]) => resolve(arg)) as never),
  );

let dir: string;
let path: string;
let store: StoreClient;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'unpod-store-worker-'));
  path = join(dir, 'cache.db');
  store = (await StoreClient.open(path)).store;
  await store.tasks.upsertTasks(leads(0, 50), SCOPE);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the store worker', () => {
  it('answers a query while a write transaction is held open', async () => {
    const { order, track } = settleOrder();
    const write = track('write', store.diagnostics.holdWriteTransaction(1_500));
    const page = await track('query', store.tasks.queryTasks({ scope: SCOPE }));
    expect(page.total).toBe(50); // the last committed state
    expect(order).toEqual(['query']); // the write is still open
    await write;
    expect(order).toEqual(['query', 'write']);
  });

  it('a newer query in the same lane supersedes an older one still waiting', async () => {
    const busy = store.diagnostics.sleepReader(300);
    const older = store.tasks.queryTasks({ scope: SCOPE, search: 'sharma' }, { lane: 'list' });
    const newer = store.tasks.queryTasks({ scope: SCOPE, statuses: ['completed'] }, { lane: 'list' });
    const other = store.tasks.countByStatus({ scope: SCOPE }, { lane: 'counts' });
    await expect(older).rejects.toMatchObject({ name: 'AbortError' });
    expect((await newer).total).toBe(50);
    expect(await other).toEqual([{ value: 'completed', count: 50 }]);
    await busy;
  });

  it('a cancelled query rejects with the abort reason', async () => {
    const busy = store.diagnostics.sleepReader(300);
    const controller = new AbortController();
    const query = store.tasks.queryTasks({ scope: SCOPE }, { signal: controller.signal });
    controller.abort(new Error('the user left the page'));
    await expect(query).rejects.toThrow('the user left the page');
    await busy;
    const aborted = AbortSignal.abort();
    await expect(store.tasks.queryTasks({ scope: SCOPE }, { signal: aborted })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('a reader that dies is started again, the caller is told, and queries work again', async () => {
    const restarted = nextEvent(store, 'restarted');
    const before = store.diagnostics.threadId('reader');
    const pending = store.diagnostics.sleepReader(2_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.diagnostics.terminate('reader');
    await expect(pending).rejects.toBeInstanceOf(StoreWorkerRestartedError);
    expect(await restarted).toMatchObject({ role: 'reader', reason: expect.stringMatching(/reader/) });
    expect(store.diagnostics.threadId('reader')).not.toBe(before);
    expect((await store.tasks.queryTasks({ scope: SCOPE })).total).toBe(50);
  });

  it('a writer that dies is started again and writes go on', async () => {
    const restarted = nextEvent(store, 'restarted');
    await store.diagnostics.terminate('writer');
    expect(await restarted).toMatchObject({ role: 'writer' });
    expect(await store.tasks.upsertTasks(leads(50, 10), SCOPE)).toMatchObject({ inserted: 10 });
    expect((await store.tasks.queryTasks({ scope: SCOPE })).total).toBe(60);
  });

  it('a search right after a write finds what it brought, or says the index is catching up', async () => {
    await store.tasks.upsertTasks(leads(100, 2_000), SCOPE);
    let page = await store.tasks.queryTasks({ scope: SCOPE, search: 'sharma' });
    expect(page.total + (page.notYetSearchable ?? 0)).toBeGreaterThanOrEqual(2_050);
    // Once the writer has caught up (it says so through searchIndex events), everything is found.
    while (store.searchBacklog > 0 || page.notYetSearchable !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      page = await store.tasks.queryTasks({ scope: SCOPE, search: 'sharma' });
    }
    const caughtUp = await store.tasks.queryTasks({ scope: SCOPE, search: 'sharma' });
    expect(caughtUp).toMatchObject({ total: 2_050 });
    expect(caughtUp.notYetSearchable).toBeUndefined();
  });

  it('close waits for the writes it was given, checkpoints the WAL and ends both threads', async () => {
    const write = store.tasks.upsertTasks(leads(1_000, 3_000), SCOPE);
    await store.close();
    expect(await write).toMatchObject({ inserted: 3_000 });
    expect(store.diagnostics.threadId('writer')).toBeNull();
    expect(store.diagnostics.threadId('reader')).toBeNull();
    expect(existsSync(`${path}-wal`)).toBe(false);
    await expect(store.tasks.queryTasks({ scope: SCOPE })).rejects.toThrow(/closed/);
    const reopened = openCache(path, { quickCheck: true });
    expect(reopened.recovered).toBe(false);
    expect(reopened.cache.tasks.queryTasks({ scope: SCOPE, search: 'sharma' }).total).toBe(3_050);
    reopened.cache.close();
  });
});
