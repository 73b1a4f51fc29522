// Stored documents deflated with the preset dictionary (document-dictionary.ts), on real SQLite
// files: they read back exactly, take less room than without it, and documents stored the older
// way (no dictionary) are still read, found by a search and compared on a re-sync.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decodeDocument,
  documentBytes,
  encodeDocument,
  encodeDocumentWithoutDictionary,
} from '../../src-main/store/document-codec.ts';
import { openCache, type CacheScope, type Task } from '../../src-main/store/index.ts';

const SCOPE: CacheScope = { kind: 'space', spaceToken: 'SPACE' };
const task = (i: number): Task => ({
  _id: `doc${i}`,
  task_id: `T${i}`,
  status: 'completed',
  execution_type: 'call',
  created: '2025-03-04T10:00:00.000000',
  input: {
    name: `Anaïs Ngọc ${i}`,
    contact_number: `+9198000${String(i).padStart(5, '0')}`,
    company_name: 'Zürich Ltd',
  },
  output: {
    call_end_reason: 'customer-ended-call',
    transcript: Array.from({ length: 8 }, (_, k) => ({
      role: k % 2 === 0 ? 'assistant' : 'user',
      content: `Line ${k} of call ${i}: the renewal of policy ${1000 + i * 13 + k} — ₹ ${i * 31}.`,
      user_id: k % 2 === 0 ? null : 'unknown',
      timestamp: '',
    })),
    post_call_data: { classification: { labels: ['Interested'] }, summary: { status: 'Call Back' } },
  },
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'unpod-store-codec-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('document codec', () => {
  it('gives back the exact text, and its UTF-8 length without inflating', () => {
    const json = JSON.stringify(task(3));
    const stored = new Uint8Array(encodeDocument(json)); // as SQLite gives a BLOB back
    expect(decodeDocument(stored)).toBe(json);
    expect(documentBytes(stored.subarray(0, 4))).toBe(Buffer.byteLength(json));
    expect(Buffer.byteLength(json)).toBeGreaterThan(json.length); // the test has non-ASCII text
    const old = new Uint8Array(encodeDocumentWithoutDictionary(json));
    expect(decodeDocument(old)).toBe(json);
    expect(documentBytes(old.subarray(0, 4))).toBe(Buffer.byteLength(json));
  });

  it('takes less room with the dictionary than without', () => {
    const docs = Array.from({ length: 50 }, (_, i) => JSON.stringify(task(i)));
    const size = (encode: (s: string) => Uint8Array) => docs.reduce((s, d) => s + encode(d).length, 0);
    expect(size(encodeDocument)).toBeLessThan(0.85 * size(encodeDocumentWithoutDictionary));
  });

  it('a damaged document reads as nothing rather than as wrong text', () => {
    const stored = Buffer.from(encodeDocument(JSON.stringify(task(1))));
    stored.fill(0xff, 6, 20);
    expect(decodeDocument(stored)).toBeNull();
  });
});

describe('documents stored before the dictionary', () => {
  it('are read, searched and left alone by a re-sync of the same tasks', () => {
    const path = join(dir, 'c.db');
    const tasks = Array.from({ length: 20 }, (_, i) => task(i));
    const first = openCache(path, { indexing: 'deferred' });
    first.cache.tasks.upsertTasks(tasks, SCOPE);
    // As an earlier version wrote them: deflated without the dictionary.
    const rewrite = first.cache.database.prepare(
      'UPDATE task_documents SET json = ? WHERE task_pk = (SELECT pk FROM tasks WHERE id = ?)',
    );
    for (const t of tasks) rewrite.run(encodeDocumentWithoutDictionary(JSON.stringify(t)), String(t.task_id));
    first.cache.close();

    const { cache } = openCache(path); // inline: indexes the backlog from the stored documents
    expect(cache.searchIndex.backlog()).toBe(0);
    expect(cache.tasks.getTask('T7')).toEqual({ status: 'found', task: tasks[7] });
    expect(cache.tasks.queryTasks({ scope: SCOPE, search: 'anaïs 7' }).rows.map((r) => r.id)).toContain('T7');
    // The same content with its keys in another order: compared through the old document.
    const reordered = tasks.map((t) => Object.fromEntries(Object.entries(t).reverse()) as Task);
    expect(cache.tasks.upsertTasks(reordered, SCOPE)).toMatchObject({ unchanged: 20, updated: 0 });
    const changed = { ...tasks[4]!, status: 'failed' };
    expect(cache.tasks.upsertTasks([changed], SCOPE).updated).toBe(1);
    expect(cache.tasks.getTask('T4')).toEqual({ status: 'found', task: changed });
    expect(cache.tasks.queryTasks({ scope: SCOPE, search: 'anaïs 4' }).rows.map((r) => r.id)).toContain('T4');
    cache.close();
  });
});
