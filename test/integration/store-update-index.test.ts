// Updates of tasks already in the full-text index, on real SQLite files: a change outside the
// searchable text (status, cost) leaves the index as it is, so the task stays findable at once
// even when indexing is deferred; a change in the text replaces the old text with the new.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache, type CacheScope, type Task } from '../../src-main/store/index.ts';

const SCOPE: CacheScope = { kind: 'space', spaceToken: 'SPACE' };
const call = (i: number, word = 'renewal'): Task => ({
  task_id: `T${i}`,
  status: 'completed',
  created: `2025-02-${String(i + 1).padStart(2, '0')}T10:00:00`,
  input: { name: `Kavya Menon ${i}`, contact_number: `+9198765${String(i).padStart(5, '0')}` },
  output: {
    cost: 0.1,
    transcript: [
      { role: 'assistant', content: `Calling about the ${word} of policy ${i}.` },
      { role: 'user', content: 'Please call back tomorrow.' },
    ],
  },
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'unpod-store-update-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ids = (page: { rows: { id: string }[] }) => page.rows.map((r) => r.id).sort();

describe('updating indexed tasks', () => {
  it('a status or cost change keeps the task searchable at once, even with deferred indexing', () => {
    const { cache } = openCache(join(dir, 'c.db'), { indexing: 'deferred' });
    cache.tasks.upsertTasks([call(1), call(2)], SCOPE);
    expect(cache.searchIndex.catchUp(100)).toBe(0);
    const changed = { ...call(1), status: 'failed', output: { ...call(1).output, cost: 0.4 } };
    expect(cache.tasks.upsertTasks([changed], SCOPE).updated).toBe(1);
    expect(cache.searchIndex.backlog()).toBe(0);
    const page = cache.tasks.queryTasks({ scope: SCOPE, search: 'renewal' });
    expect(page.notYetSearchable ?? 0).toBe(0);
    expect(ids(page)).toEqual(['T1', 'T2']);
    expect(
      cache.tasks.queryTasks({ scope: SCOPE, statuses: ['failed'], search: 'kavya' }).rows,
    ).toMatchObject([{ id: 'T1', status: 'failed' }]);
    cache.close();
  });

  for (const indexing of ['inline', 'deferred'] as const) {
    it(`a change in the text replaces the old text (${indexing} indexing)`, () => {
      const { cache } = openCache(join(dir, `${indexing}.db`), { indexing });
      cache.tasks.upsertTasks([call(1), call(2)], SCOPE);
      cache.searchIndex.catchUp(100);
      // First a status change (the index is kept), then the transcript and the number change.
      cache.tasks.upsertTasks([{ ...call(1), status: 'failed' }], SCOPE);
      const rewritten = {
        ...call(1, 'warranty'),
        status: 'failed',
        input: { name: 'Kavya Menon 1', contact_number: '+14697979987' },
      };
      expect(cache.tasks.upsertTasks([rewritten], SCOPE).updated).toBe(1);
      cache.searchIndex.catchUp(100);
      expect(ids(cache.tasks.queryTasks({ scope: SCOPE, search: 'renewal' }))).toEqual(['T2']);
      expect(ids(cache.tasks.queryTasks({ scope: SCOPE, search: 'warranty' }))).toEqual(['T1']);
      expect(ids(cache.tasks.queryTasks({ scope: SCOPE, search: '797-9987' }))).toEqual(['T1']);
      expect(ids(cache.tasks.queryTasks({ scope: SCOPE, search: '98765 00001' }))).toEqual([]);
      expect(ids(cache.tasks.queryTasks({ scope: SCOPE, search: 'kavya' }))).toEqual(['T1', 'T2']);
      // Deleting it afterwards removes exactly the text it has now.
      expect(cache.tasks.deleteTasks(['T1'])).toBe(1);
      expect(ids(cache.tasks.queryTasks({ scope: SCOPE, search: 'kavya' }))).toEqual(['T2']);
      cache.close();
    });
  }
});
