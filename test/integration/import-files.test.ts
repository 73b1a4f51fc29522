// Lead files through the router as both hosts bind it (staging, preview, export of problem rows,
// the default country per profile, duplicates of calls in the cached demo space), and the web
// host's upload and download routes over real HTTP, behind its guards.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview, ProblemExport, StagedFile } from '../../src-main/ipc/contract-import-files.ts';
import type { IpcResult, TaskPage, TaskScope, WorkspaceState } from '../../src-main/ipc/contract.ts';
import { createRouter, type Router } from '../../src-main/ipc/router.ts';
import { createSilentLogger } from '../../src-main/log/index.ts';
import { createAppServices, type AppServices } from '../../src-main/services/app-services.ts';
import { NOT_LOADED_NOTICE } from '../../src-main/services/imports/imports-service.ts';
import { createStaging, UploadTooLargeError } from '../../src-main/services/imports/staging.ts';
import { startWebApp, type WebApp } from '../../src-main/web/app.ts';
import { writeLeadFile } from '../support/lead-file-generator.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/imports');

let dataDir: string;
let services: AppServices;
let router: Router;
let saved: string | null;
const unexpected: unknown[] = [];

function start(host: 'electron' | 'web') {
  services = createAppServices({
    dataDir,
    emit: () => {},
    host,
    version: '9.9.9',
    ...(host === 'electron' ? { saveFile: async () => saved } : {}),
  });
  router = createRouter(services.handlers, {
    validateOutput: true,
    onUnexpectedError: (_c, e) => unexpected.push(e),
  });
}

async function call<T>(channel: string, input: unknown = {}): Promise<T> {
  const result = (await router.dispatch(channel, input)) as IpcResult<T>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.data;
}
async function failure(channel: string, input: unknown = {}) {
  const result = await router.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'unpod-import-'));
  saved = null;
  unexpected.length = 0;
});

afterEach(async () => {
  await services.close();
  await rm(dataDir, { recursive: true, force: true });
  expect(unexpected).toEqual([]);
});

describe('staging a path (Electron)', () => {
  it('checks the path: gone, a folder, or a file to stage', async () => {
    start('electron');
    expect(await failure('imports.stagePath', { path: join(dataDir, 'missing.csv') })).toEqual({
      code: 'not_found',
      message: '“missing.csv” is no longer there: it was moved or deleted.',
    });
    expect(await failure('imports.stagePath', { path: dataDir })).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/is a folder or a device, not a file: choose a CSV file\.$/),
    });
    const staged = await call<StagedFile>('imports.stagePath', { path: join(FIXTURES, 'basic.csv') });
    expect(staged).toEqual({ sourceId: expect.any(String), name: 'basic.csv', size: expect.any(Number) });
    expect(staged.size).toBeGreaterThan(0);
  });

  it('the web host refuses a path: its page uploads the file', async () => {
    start('web');
    expect(await failure('imports.stagePath', { path: join(FIXTURES, 'basic.csv') })).toEqual({
      code: 'bad_request',
      message: 'In the browser, files are uploaded: drop or choose the file again.',
    });
  });
});

describe('the preview', () => {
  it('shows the layout, the counts, the first rows as they will be sent and the problem rows, paged', async () => {
    start('electron');
    const { sourceId } = await call<StagedFile>('imports.stagePath', {
      path: join(FIXTURES, 'problems.csv'),
    });
    const preview = await call<ImportPreview>('imports.preview', {
      sourceId,
      settings: { country: 'IN' },
      problemsLimit: 2,
    });
    expect(preview.layout?.headers).toEqual(['Name', 'Phone', 'Alternate number', 'Email']);
    expect(preview.counts).toEqual({
      rows: 5,
      ready: 1,
      withProblems: 4,
      duplicates: 0,
      duplicatesInFile: 0,
      duplicatesCalled: 0,
    });
    expect(preview.firstRows).toEqual([
      { row: 6, document: { name: 'Kiran', contact_number: '+919876543210' }, duplicate: null },
    ]);
    expect(preview.problems.total).toBe(4);
    expect(preview.problems.items.map((p) => [p.row, p.problems.map((x) => x.message)])).toEqual([
      [2, ['“asha@example” is not an email address (expected name@example.com).']],
      [3, ['No name in “Name”.']],
    ]);
    const next = await call<ImportPreview>('imports.preview', {
      sourceId,
      settings: { country: 'IN' },
      problemsOffset: 2,
      problemsLimit: 2,
    });
    expect(next.problems.items.map((p) => p.row)).toEqual([4, 5]);
  });

  it('takes a changed mapping, delimiter and encoding', async () => {
    start('electron');
    const { sourceId } = await call<StagedFile>('imports.stagePath', {
      path: join(FIXTURES, 'duplicate-headers.csv'),
    });
    const first = await call<ImportPreview>('imports.preview', { sourceId, settings: { country: 'IN' } });
    expect(first.problem?.code).toBe('duplicate_headers');
    expect(first.counts.rows).toBe(0);
    const fixed = await call<ImportPreview>('imports.preview', {
      sourceId,
      settings: { country: 'IN', mapping: ['name', 'contact_number', 'ignore', 'extra'] },
    });
    expect(fixed.problem).toBeNull();
    expect(fixed.layout?.mappingSource).toBe('user');
    expect(fixed.firstRows[0]?.document).toEqual({
      name: 'Asha',
      contact_number: '+919876543210',
      extra: { Email: 'asha@example.com' },
    });
    const latin = await call<StagedFile>('imports.stagePath', { path: join(FIXTURES, 'windows-1252.csv') });
    const asLatin = await call<ImportPreview>('imports.preview', {
      sourceId: latin.sourceId,
      settings: { country: 'FR' },
    });
    expect(asLatin.notices).toHaveLength(1);
    expect(asLatin.firstRows[0]?.document.name).toBe('Hélène Dupré');
  });

  it('says what a file that is not a CSV is, and a forgotten file is not found', async () => {
    start('electron');
    const { sourceId } = await call<StagedFile>('imports.stagePath', { path: join(FIXTURES, 'leads.xlsx') });
    const preview = await call<ImportPreview>('imports.preview', { sourceId, settings: { country: 'IN' } });
    expect(preview.layout).toBeNull();
    expect(preview.problem?.message).toMatch(/^This is an Excel workbook: save it as CSV/);
    expect(await call('imports.release', { sourceId })).toBeNull();
    expect((await failure('imports.preview', { sourceId, settings: { country: 'IN' } })).code).toBe(
      'not_found',
    );
  });

  it('remembers the country per profile (here the demo workspace), else guesses from the system', async () => {
    start('electron');
    const { sourceId } = await call<StagedFile>('imports.stagePath', { path: join(FIXTURES, 'tab.tsv') });
    const before = await call<ImportPreview>('imports.preview', { sourceId });
    expect(before.countrySource).toBe('system');
    await call<WorkspaceState>('workspace.openDemo');
    const guessed = await call<ImportPreview>('imports.preview', { sourceId });
    expect(guessed.countrySource).toBe('system');
    const chosen = await call<ImportPreview>('imports.preview', { sourceId, settings: { country: 'IN' } });
    expect([chosen.country, chosen.countrySource]).toEqual(['IN', 'user']);
    const remembered = await call<ImportPreview>('imports.preview', { sourceId });
    expect([remembered.country, remembered.countrySource]).toEqual(['IN', 'profile']);
    expect(remembered.firstRows[0]?.document.contact_number).toBe('+919876543210');
    expect(JSON.parse(await readFile(join(dataDir, 'demo', 'import-settings.json'), 'utf8'))).toEqual({
      version: 1,
      country: 'IN',
    });
  });

  it('a newer preview of the same file cancels the one still reading', async () => {
    start('electron');
    const file = join(dataDir, 'many.csv');
    await writeLeadFile(file, 20_000);
    const { sourceId } = await call<StagedFile>('imports.stagePath', { path: file });
    const [older, newer] = await Promise.all([
      router.dispatch('imports.preview', { sourceId, settings: { country: 'IN' } }),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        router.dispatch('imports.preview', { sourceId, settings: { country: 'IN', duplicates: 'keep' } }),
      ),
    ]);
    expect(older).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'A newer preview of this file replaced this one.' },
    });
    expect(newer.ok && (newer.data as ImportPreview).counts.rows).toBe(20_000);
  });

  it('marks leads called in the open space within the window, skipped unless kept', async () => {
    start('electron');
    const state = await call<WorkspaceState>('workspace.openDemo');
    const scope: TaskScope = { kind: 'space', spaceToken: state.space!.token };
    const early = await call<StagedFile>('imports.stagePath', { path: join(FIXTURES, 'tab.tsv') });
    const unloaded = await call<ImportPreview>('imports.preview', {
      sourceId: early.sourceId,
      settings: { country: 'IN' },
    });
    expect(unloaded.notices).toEqual([NOT_LOADED_NOTICE]);
    await call('sync.start', { scope, mode: 'full' });
    await services.tasks.whenIdle(scope);
    const page = await call<TaskPage>('tasks.query', { scope, limit: 50 });
    const called = page.rows.find((r) => r.contactNumber !== null && r.contactNumber.startsWith('+'));
    expect(called).toBeDefined();
    const file = join(dataDir, 'called.csv');
    await writeFile(file, `Name,Phone\nAlready called,${called!.contactNumber}\nNew lead,+91 98123 45678\n`);
    const { sourceId } = await call<StagedFile>('imports.stagePath', { path: file });
    const skip = await call<ImportPreview>('imports.preview', {
      sourceId,
      settings: { country: 'US', windowDays: 365 },
    });
    expect(skip.counts).toMatchObject({ rows: 2, ready: 1, duplicates: 1, duplicatesCalled: 1 });
    expect(skip.notices).toEqual([]);
    expect(skip.firstRows[0]?.duplicate).toMatchObject({ kind: 'cache', taskId: called!.id });
    expect(skip.duplicateRows).toEqual([
      {
        row: 2,
        document: { name: 'Already called', contact_number: called!.contactNumber },
        duplicate: { kind: 'cache', taskId: called!.id, created: expect.any(String) },
      },
    ]);
    const keep = await call<ImportPreview>('imports.preview', {
      sourceId,
      settings: { country: 'US', windowDays: 365, duplicates: 'keep' },
    });
    expect(keep.counts.ready).toBe(2);
    const noWindow = await call<ImportPreview>('imports.preview', {
      sourceId,
      settings: { country: 'US', windowDays: 0 },
    });
    expect(noWindow.counts.duplicates).toBe(0);
  });
});

describe('exporting the rows with problems', () => {
  it('Electron: written where the save dialog says, formula-safe, with the row and a reason', async () => {
    start('electron');
    saved = join(dataDir, 'fix-me.csv');
    const { sourceId } = await call<StagedFile>('imports.stagePath', {
      path: join(FIXTURES, 'formulas.csv'),
    });
    const done = await call<ProblemExport>('imports.exportProblems', {
      sourceId,
      settings: { country: 'IN' },
    });
    expect(done).toEqual({
      rows: 1,
      fileName: 'formulas - rows with problems.csv',
      savedTo: saved,
      downloadUrl: null,
    });
    const text = await readFile(saved, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(Papa.parse<string[]>(text.slice(1).trimEnd(), { newline: '\r\n' }).data).toEqual([
      ['Row', 'Name', 'Phone', 'Notes', 'Reason'],
      [
        '3',
        'Ravi',
        'abc',
        "'-2+3",
        '“abc” is not a phone number: it holds characters other than digits, spaces and + ( ) - . /',
      ],
    ]);
    saved = null; // the user cancels the dialog
    expect(
      await call<ProblemExport>('imports.exportProblems', { sourceId, settings: { country: 'IN' } }),
    ).toMatchObject({
      rows: 0,
      savedTo: null,
    });
  });

  it('neutralises formulas in the exported cells', async () => {
    start('electron');
    saved = join(dataDir, 'fix-me.csv');
    const file = join(dataDir, 'evil.csv');
    await writeFile(file, 'Name,Phone\n=HYPERLINK("http://evil.example"),12\n');
    const { sourceId } = await call<StagedFile>('imports.stagePath', { path: file });
    await call<ProblemExport>('imports.exportProblems', { sourceId, settings: { country: 'IN' } });
    const rows = Papa.parse<string[]>((await readFile(saved, 'utf8')).slice(1).trimEnd(), {
      newline: '\r\n',
    }).data;
    expect(rows[1]?.slice(0, 3)).toEqual(['2', '\'=HYPERLINK("http://evil.example")', '12']);
  });
});

describe('the web host', () => {
  let app: WebApp;
  let rendererDir: string;

  beforeEach(async () => {
    rendererDir = join(dataDir, 'renderer');
    await mkdir(rendererDir, { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    app = await startWebApp({ dataDir: join(dataDir, 'web'), rendererDir, logger: createSilentLogger() });
    services = app.services;
  });
  afterEach(async () => {
    await app.close();
  });

  function send(
    path: string,
    options: {
      method?: string;
      headers?: Record<string, string>;
      body?: Buffer | string;
      secret?: boolean;
    } = {},
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${app.origin}${path}`,
        {
          method: options.method ?? 'POST',
          headers: {
            ...(options.secret === false ? {} : { 'X-Unpod-Secret': app.secret }),
            ...options.headers,
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }
  const upload = (body: Buffer | string, name = 'leads.csv', extra: Record<string, string> = {}) =>
    send('/imports/upload', {
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-File-Name': encodeURIComponent(name),
        ...extra,
      },
      body,
    });
  const ipc = async <T>(channel: string, input: unknown) => {
    const res = await send(`/ipc/${channel}`, {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return JSON.parse(res.body) as IpcResult<T>;
  };

  it('stages an upload into a temporary file, previews it, and removes it on release', async () => {
    const bytes = await readFile(join(FIXTURES, 'utf16le-bom.csv'));
    const res = await upload(bytes, 'Unicode leads ü.csv');
    expect(res.status).toBe(200);
    const staged = JSON.parse(res.body) as IpcResult<StagedFile>;
    if (!staged.ok) throw new Error(staged.error.message);
    expect(staged.data).toMatchObject({ name: 'Unicode leads ü.csv', size: bytes.length });
    const stagingDir = join(dataDir, 'web', 'import-staging');
    expect(await readdir(stagingDir)).toHaveLength(1);
    const preview = await ipc<ImportPreview>('imports.preview', {
      sourceId: staged.data.sourceId,
      settings: { country: 'IN' },
    });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.data.counts.ready).toBe(2);
    expect(preview.data.firstRows[1]?.document.name).toBe('आशा राव');
    await ipc('imports.release', { sourceId: staged.data.sourceId });
    expect(await readdir(stagingDir)).toHaveLength(0);
  });

  it('guards the upload like the rest of the host: secret, origin, content type, size', async () => {
    expect(
      (
        await send('/imports/upload', {
          secret: false,
          headers: { 'Content-Type': 'application/octet-stream' },
          body: 'x',
        })
      ).status,
    ).toBe(401);
    expect((await upload('x', 'a.csv', { Origin: 'http://evil.example' })).status).toBe(403);
    expect(
      (await send('/imports/upload', { headers: { 'Content-Type': 'multipart/form-data' }, body: 'x' }))
        .status,
    ).toBe(415);
    expect((await send('/imports/upload', { method: 'GET' })).status).toBe(405);
    const tooBig = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${app.origin}/imports/upload`, {
        method: 'POST',
        headers: {
          'X-Unpod-Secret': app.secret,
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(300 * 1024 * 1024),
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('Name,Phone\n');
    });
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body)).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        message:
          'This file (300 MB) is larger than the 256 MB a lead file may have: split it into smaller files and import them one after the other.',
      },
    });
  });

  it('offers the export of problem rows as a one-time download', async () => {
    const staged = JSON.parse(
      (await upload(await readFile(join(FIXTURES, 'scientific.csv')), 'sci.csv')).body,
    ) as IpcResult<StagedFile>;
    if (!staged.ok) throw new Error(staged.error.message);
    const exported = await ipc<ProblemExport>('imports.exportProblems', {
      sourceId: staged.data.sourceId,
      settings: { country: 'IN' },
    });
    if (!exported.ok) throw new Error(exported.error.message);
    expect(exported.data).toMatchObject({ rows: 2, fileName: 'sci - rows with problems.csv', savedTo: null });
    const url = exported.data.downloadUrl!;
    const first = await send(url, { method: 'GET' });
    expect(first.status).toBe(200);
    expect(first.headers['content-disposition']).toBe(
      'attachment; filename="sci - rows with problems.csv"; filename*=UTF-8\'\'sci%20-%20rows%20with%20problems.csv',
    );
    expect(first.body.split('\r\n')[0]).toBe('\uFEFFRow,Name,Phone,Reason');
    expect(first.body).toContain('4.47E+11');
    expect((await send(url, { method: 'GET' })).status).toBe(404);
    expect((await send(url, { method: 'GET', secret: false })).status).toBe(401);
  });
});

describe('staging an upload', () => {
  it('stops a body past the limit without a declared size, and leaves no file behind', async () => {
    const staging = createStaging({ dataDir, uploadLimit: 1000 });
    const body = Readable.from([Buffer.alloc(600, 0x41), Buffer.alloc(600, 0x41)]);
    await expect(staging.stageUpload(body, 'big.csv', null)).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(await readdir(staging.dir)).toEqual([]);
    await staging.close();
    expect(existsSync(staging.dir)).toBe(false);
    services = createAppServices({ dataDir, emit: () => {}, host: 'web', version: '9.9.9' });
  });
});
