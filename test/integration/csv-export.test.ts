// The CSV export streamed by main: to the file the user chose (Electron's save dialog, here a
// function that answers with a path), or as the web host's one-time download over real HTTP.
// Several chunks (the sandbox space holds more tasks than one chunk), progress events, cancel,
// and nothing half-written left behind.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExportProgress, ExportStarted, TaskPage } from '../../src-main/ipc/contract.ts';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import { EXPORT_CHUNK_ROWS } from '../../src-main/services/tasks/csv-exports.ts';
import { createEventHub } from '../../src-main/web/event-hub.ts';
import { startWebServer } from '../../src-main/web/server.ts';
import {
  createHarness,
  query,
  removeDir,
  spaceScope,
  syncAndWait,
  waitFor,
  type Harness,
} from './sync-helpers.ts';

const TASKS = EXPORT_CHUNK_ROWS * 2 + 321;

let sandbox: Sandbox;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ tasksPerSpace: TASKS });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(chooseExportFile?: (name: string) => Promise<string | null>): Promise<Harness> {
  const h = await createHarness(sandbox, chooseExportFile ? { chooseExportFile } : {});
  cleanups.push(async () => {
    await h.close();
    await removeDir(h.dataDir);
    expect(h.unexpected).toEqual([]);
  });
  await syncAndWait(h, spaceScope(sandbox));
  return h;
}

const progressOf = (h: Harness, id: string): ExportProgress[] =>
  h.eventsNamed('export.progress').filter((p) => p.id === id);
const lastProgress = (h: Harness, id: string) => progressOf(h, id).at(-1);

const parse = (text: string) => {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const body = text.slice(1);
  // One CSV: CRLF between rows, none after the last (as before the export was streamed).
  expect(body.endsWith('\r\n')).toBe(false);
  return Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: false }).data;
};

describe('CSV export to the file the user chose (Electron)', () => {
  it('writes every row of the view to that file, in the list’s order, with progress', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'unpod-export-'));
    cleanups.push(() => removeDir(folder));
    const asked: string[] = [];
    const h = await harness(async (name) => {
      asked.push(name);
      return join(folder, 'chosen name.csv');
    });
    const scope = spaceScope(sandbox);

    const started = await h.call<ExportStarted>('tasks.exportCsv', { scope, timeZone: 'UTC' });
    expect(started).toMatchObject({ kind: 'file', filename: 'chosen name.csv', total: TASKS });
    expect(asked).toEqual([expect.stringMatching(/^unpod-tasks-space-.*\.csv$/)]);
    if (started.kind !== 'file') return;
    await waitFor(() => lastProgress(h, started.id)?.phase === 'done', 'the export to finish');

    expect(lastProgress(h, started.id)).toMatchObject({ written: TASKS, total: TASKS, error: null });
    expect(progressOf(h, started.id).some((p) => p.phase === 'running')).toBe(true);
    // Only the finished file: the partial one was renamed.
    expect(await readdir(folder)).toEqual(['chosen name.csv']);
    const rows = parse(await readFile(join(folder, 'chosen name.csv'), 'utf8'));
    expect(rows).toHaveLength(TASKS);
    expect(new Set(rows.map((r) => r['Task id'])).size).toBe(TASKS);
    // The list's order (newest first), across chunk boundaries.
    const first = await query(h, { scope, limit: 500 });
    const around = await query(h, { scope, offset: EXPORT_CHUNK_ROWS - 250, limit: 500 });
    expect(rows.slice(0, 500).map((r) => r['Task id'])).toEqual(first.rows.map((r) => r.id));
    expect(rows.slice(EXPORT_CHUNK_ROWS - 250, EXPORT_CHUNK_ROWS + 250).map((r) => r['Task id'])).toEqual(
      around.rows.map((r) => r.id),
    );
  });

  it('exports only the filtered view; a closed dialog writes nothing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'unpod-export-'));
    cleanups.push(() => removeDir(folder));
    let answer: string | null = join(folder, 'failed.csv');
    const h = await harness(async () => answer);
    const scope = spaceScope(sandbox);
    const failed = await h.call<TaskPage>('tasks.query', { scope, filters: { statuses: ['failed'] } });
    expect(failed.total).toBeGreaterThan(0);

    const started = await h.call<ExportStarted>('tasks.exportCsv', {
      scope,
      filters: { statuses: ['failed'] },
    });
    expect(started).toMatchObject({ kind: 'file', total: failed.total });
    if (started.kind !== 'file') return;
    await waitFor(() => lastProgress(h, started.id)?.phase === 'done', 'the export to finish');
    const rows = parse(await readFile(join(folder, 'failed.csv'), 'utf8'));
    expect(rows).toHaveLength(failed.total);
    expect(rows.every((r) => r.Status === 'Failed')).toBe(true);

    answer = null;
    expect(await h.call<ExportStarted>('tasks.exportCsv', { scope })).toEqual({ kind: 'dismissed' });
    expect(await readdir(folder)).toEqual(['failed.csv']);
  });
});

describe('CSV export as the web host’s download', () => {
  it('streams a one-time download behind the web host’s guards, as an attachment', async () => {
    const h = await harness();
    const rendererDir = await mkdtemp(join(tmpdir(), 'unpod-renderer-'));
    cleanups.push(() => removeDir(rendererDir));
    const server = await startWebServer({
      port: 0,
      rendererDir,
      router: h.router,
      events: createEventHub(),
      exportDownload: (id) => h.services.tasks.takeExportDownload(id),
    });
    cleanups.push(() => server.close());
    const login = await fetch(`${server.origin}/?secret=${server.secret}`, { redirect: 'manual' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

    const asked = await fetch(`${server.origin}/ipc/tasks.exportCsv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server.origin },
      body: JSON.stringify({ scope: spaceScope(sandbox) }),
    });
    const started = ((await asked.json()) as { ok: true; data: ExportStarted }).data;
    expect(started).toMatchObject({ kind: 'download', total: TASKS });
    if (started.kind !== 'download') return;

    // Without the secret: refused, and the id stays unused.
    expect((await fetch(`${server.origin}${started.url}`)).status).toBe(401);
    const download = await fetch(`${server.origin}${started.url}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="${started.filename}"; filename*=UTF-8''${started.filename}`,
    );
    expect(download.headers.get('cache-control')).toBe('no-store');
    const rows = parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await download.arrayBuffer()));
    expect(rows).toHaveLength(TASKS);
    expect(lastProgress(h, started.id)).toMatchObject({ phase: 'done', written: TASKS });

    // One time only.
    const again = await fetch(`${server.origin}${started.url}`, { headers: { cookie } });
    expect(again.status).toBe(404);
    expect(await again.text()).toMatch(/already downloaded, cancelled or expired/);
  });

  it('cancel stops an export mid-file, and one not yet fetched', async () => {
    const h = await harness();
    const scope = spaceScope(sandbox);

    // A download whose reader stops reading after the first chunk (a slow disk, a stalled tab).
    const first = await h.call<ExportStarted>('tasks.exportCsv', { scope });
    if (first.kind !== 'download') throw new Error('expected a download');
    let received = 0;
    const stalled = new Writable({
      highWaterMark: 1,
      decodeStrings: false,
      write(chunk: unknown, _encoding, _done) {
        received += String(chunk).length; // never calls back: the stream never drains
      },
    });
    const writing = h.services.tasks
      .takeExportDownload(first.id)!
      .write(stalled, new AbortController().signal);
    await waitFor(() => received > 0, 'the first chunk');
    const cancelled = await h.call<ExportProgress>('tasks.cancelExport', { id: first.id });
    expect(cancelled.id).toBe(first.id);
    await expect(writing).rejects.toThrow();
    expect(lastProgress(h, first.id)).toMatchObject({ phase: 'cancelled' });
    expect(lastProgress(h, first.id)!.written).toBeLessThan(TASKS);

    // Cancelled before the page fetched it: its address no longer answers.
    const second = await h.call<ExportStarted>('tasks.exportCsv', { scope });
    if (second.kind !== 'download') throw new Error('expected a download');
    expect(await h.call<ExportProgress>('tasks.cancelExport', { id: second.id })).toMatchObject({
      phase: 'cancelled',
    });
    expect(h.services.tasks.takeExportDownload(second.id)).toBeNull();
    expect((await h.failure('tasks.cancelExport', { id: 'no-such-export' })).code).toBe('not_found');
  });
});

it('a file export that is cancelled leaves no file behind', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'unpod-export-'));
  cleanups.push(() => removeDir(folder));
  const h = await harness(async () => join(folder, 'big.csv'));
  // The reader is held busy, so the export is still on its first chunk when cancelled.
  const store = h.services.tasks.currentCache()!;
  const started = await h.call<ExportStarted>('tasks.exportCsv', { scope: spaceScope(sandbox) });
  if (started.kind !== 'file') throw new Error('expected a file');
  void store.diagnostics.sleepReader(300).catch(() => {});
  await h.call('tasks.cancelExport', { id: started.id });
  await waitFor(() => lastProgress(h, started.id)?.phase === 'cancelled', 'the export to stop');
  await waitFor(async () => (await readdir(folder)).length === 0, 'the partial file to be removed');
  expect(existsSync(join(folder, 'big.csv'))).toBe(false);
});
