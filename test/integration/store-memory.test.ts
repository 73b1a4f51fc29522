// The store's memory bounds on a real file: each connection's SQLite page cache is capped (the
// reader's larger than the writer's), and each thread reports its V8 heap, so the benchmark can
// say where the app's memory goes (npm run bench -- memory).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Task } from '../../src-main/store/index.ts';
import { StoreClient } from '../../src-main/store/worker/store-client.ts';

let dir: string;
let store: StoreClient | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'unpod-store-memory-'));
});
afterEach(async () => {
  await store?.close();
  store = null;
  rmSync(dir, { recursive: true, force: true });
});

const MiB = 2 ** 20;

it('caps each connection’s page cache and reports each thread’s heap, also after writes are indexed', async () => {
  ({ store } = await StoreClient.open(join(dir, 'cache.db')));
  const tasks: Task[] = Array.from({ length: 300 }, (_, i) => ({
    task_id: `T${i}`,
    status: 'completed',
    input: { name: `Lead ${i}`, contact_number: `+9198000${String(i).padStart(5, '0')}` },
  }));
  await store.tasks.upsertTasks(tasks, { kind: 'space', spaceToken: 'S' });
  while (store.searchBacklog > 0) await new Promise((resolve) => setTimeout(resolve, 20));

  const [writer, reader] = await Promise.all([
    store.diagnostics.memory('writer'),
    store.diagnostics.memory('reader'),
  ]);
  expect(writer.pageCacheLimit).toBe(8 * MiB);
  expect(reader.pageCacheLimit).toBe(32 * MiB);
  for (const thread of [writer, reader]) {
    expect(thread.heapUsed).toBeGreaterThan(0);
    expect(thread.heapTotal).toBeGreaterThanOrEqual(thread.heapUsed);
  }
  // The limits hold after the writer released its cache (shrink_memory once the backlog is done).
  expect((await store.diagnostics.memory('writer')).pageCacheLimit).toBe(8 * MiB);
  expect((await store.tasks.queryTasks({ scope: { kind: 'space', spaceToken: 'S' } })).total).toBe(300);
});
