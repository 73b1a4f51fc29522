// Sending an import: the import channels driven through the router as both hosts do, against the
// demo's real sandbox over HTTP, with the journal in a real SQLite file. What a supervisor would
// check: every lead became one call, the history and rows say what happened to each, problem rows
// are reported with the platform's reason, and the refused launches say why.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckedLead } from '../../src-main/imports/checked-lead.ts';
import type { ImportRow, ImportSummary } from '../../src-main/ipc/contract-imports.ts';
import type { EventName, EventPayload, IpcResult, TaskPage } from '../../src-main/ipc/contract.ts';
import { createRouter, type Router } from '../../src-main/ipc/router.ts';
import type { Sandbox } from '../../src-main/sandbox/index.ts';
import { createAppServices, type AppServices } from '../../src-main/services/app-services.ts';
import { leadSourcesFrom } from '../../src-main/services/imports/lead-sources.ts';
import { createUnpodClient } from '../../src-main/unpod/index.ts';
import { countByDocumentId, makeLeads, tasksSince, waitUntil } from '../support/imports-kit.ts';

type Emitted = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

let dataDir: string;
let services: AppServices;
let router: Router;
let emitted: Emitted[];
let sources: Map<string, CheckedLead[]>;
const unexpected: unknown[] = [];

async function call<T = unknown>(channel: string, input: unknown = {}): Promise<T> {
  const result = (await router.dispatch(channel, input)) as IpcResult<T>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.data;
}
const failure = async (channel: string, input: unknown = {}) => {
  const result = await router.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
};
const eventsNamed = <E extends EventName>(name: E): EventPayload<E>[] =>
  emitted.filter((e) => e.event === name).map((e) => e.payload as EventPayload<E>);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'imports-send-'));
  emitted = [];
  sources = new Map();
  services = createAppServices({
    dataDir,
    emit: (event, payload) => emitted.push({ event, payload } as Emitted),
    host: 'web',
    version: '9.9.9',
    demo: { demoClient: { retry: { limit: 2, baseDelayMs: 10, maxDelayMs: 20 }, timeoutMs: 1500 } },
    // Test sources by name; any other id is a file staged through the file-reading side.
    openLeadSource: async (sourceId, reading) => {
      const leads = sources.get(sourceId);
      if (!leads) return leadSourcesFrom(services.imports)(sourceId, reading);
      return { name: `${sourceId}.csv`, leads: [leads] };
    },
    sendTiming: {
      batchSize: 10,
      requestTimeoutMs: 1500,
      graceMs: 300,
      clockAllowanceMs: 1000,
      reconcileRetryMs: 100,
      networkRetryMs: 50,
      progressEveryMs: 50,
    },
  });
  router = createRouter(services.handlers, {
    validateOutput: true,
    onUnexpectedError: (_c, e) => unexpected.push(e),
  });
});

afterEach(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
  expect(unexpected).toEqual([]);
});

async function openDemo(): Promise<Sandbox> {
  await call('workspace.openDemo');
  return services.workspace.demoSandbox()!;
}

const launchFor = (sandbox: Sandbox, extra: Record<string, unknown> = {}) => ({
  agentHandle: sandbox.credentials.agentHandle,
  spaceToken: sandbox.credentials.spaceToken,
  context: 'Follow up on the webinar sign-up and book a demo.',
  schedule: { type: 'now' },
  ...extra,
});

async function finished(importId: string): Promise<ImportSummary> {
  await waitUntil(
    () => eventsNamed('imports.finished').some((s) => s.id === importId),
    30_000,
    'the import to finish',
  );
  return call<ImportSummary>('imports.get', { importId });
}

async function allRows(importId: string): Promise<ImportRow[]> {
  const page = await call<{ rows: ImportRow[]; total: number }>('imports.rows', { importId, limit: 500 });
  return page.rows;
}

describe('sending an import', () => {
  it('turns every lead into one call, reports problem rows, and keeps a history with each row', async () => {
    const sandbox = await openDemo();
    const since = Date.now();
    const leads = makeLeads(57);
    // A row the reading side found a problem in, and a duplicate the user chose to skip.
    leads.push({
      row: 59,
      cells: { name: 'No Number', phone: '' },
      document: null,
      problems: [
        {
          field: 'contact_number',
          column: 'phone',
          code: 'phone_missing',
          message: 'The phone number is empty.',
        },
      ],
      duplicate: null,
    });
    leads.push({ ...makeLeads(1, { firstRow: 60 })[0]!, duplicate: { kind: 'file', row: 2 } });
    sources.set('webinar', leads);

    // The task list has read the space already (so only a refresh can bring the new calls in
    // before its next re-poll, 5 s away).
    const scope = { kind: 'space', spaceToken: sandbox.credentials.spaceToken };
    await call('tasks.query', { scope });
    await services.tasks.whenIdle(scope as never);

    const started = await call<ImportSummary>('imports.start', {
      sourceId: 'webinar',
      reading: { duplicates: 'skip' },
      launch: launchFor(sandbox),
    });
    expect(started).toMatchObject({ kind: 'file', sourceName: 'webinar.csv', state: 'running' });
    expect(started.counts.total).toBe(59);

    const done = await finished(started.id);
    expect(done.state).toBe('finished');
    expect(done.counts).toMatchObject({
      total: 59,
      created: 57,
      skipped: 2,
      planned: 0,
      unknown: 0,
      rejected: 0,
    });

    // The sandbox holds each lead exactly once, and the journal's task ids are the sandbox's.
    const tasks = await tasksSince(sandbox, since);
    const counts = countByDocumentId(tasks);
    const rows = await allRows(started.id);
    const created = rows.filter((r) => r.state === 'created');
    expect(created).toHaveLength(57);
    for (const row of created) {
      expect(counts.get(row.documentId!)).toBe(1);
      const task = tasks.find((t) => (t.input as Record<string, unknown>)['document_id'] === row.documentId);
      expect(task?.task_id).toBe(row.taskId);
      expect(task?.assignee).toBe(sandbox.credentials.agentHandle);
      expect(row.attempts).toBe(1);
    }
    expect(counts.size).toBe(57);

    const skipped = rows.filter((r) => r.state === 'skipped');
    expect(skipped.map((r) => [r.row, r.reason])).toEqual([
      [59, 'The phone number is empty.'],
      [60, 'The same number as row 2; skipped as you chose.'],
    ]);

    // Progress went up to everything sent, with the problems counted.
    const progress = eventsNamed('imports.progress').filter((p) => p.importId === started.id);
    expect(progress.length).toBeGreaterThan(1);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ state: 'finished', sent: 57, total: 57, created: 57, problems: 1 });

    // History, newest first.
    const history = await call<ImportSummary[]>('imports.list', {});
    expect(history[0]).toMatchObject({ id: started.id, counts: { created: 57 } });

    // "Show these calls": the task list filtered to the import. The import told the task list
    // its calls were created (a refresh of the space), so they are there without a manual sync.
    let page: TaskPage | null = null;
    await waitUntil(
      async () => {
        page = await call<TaskPage>('tasks.query', { scope, filters: { importId: started.id }, limit: 500 });
        return page.total === 57;
      },
      3_000,
      "the import's calls in the task list",
    );
    page = page!;
    expect(new Set(page.rows.map((r) => r.id))).toEqual(new Set(created.map((r) => r.taskId)));
  });

  it('a dropped CSV file, staged and read by the file-reading side, becomes one call per valid row', async () => {
    const sandbox = await openDemo();
    const since = Date.now();
    const file = join(dataDir, 'webinar leads.csv');
    writeFileSync(
      file,
      'Name,Mobile,Company\nAda Lovelace,07400 123456,Engines\nAlan Turing,+44 7400 123457,Bletchley\nNo Phone,,Nowhere\n',
    );
    // As the Electron host stages a dropped file's path (the web host uploads it instead).
    const staged = await services.imports.stagePath(file);
    const started = await call<ImportSummary>('imports.start', {
      sourceId: staged.sourceId,
      reading: { country: 'GB' },
      launch: launchFor(sandbox),
    });
    expect(started).toMatchObject({ sourceName: 'webinar leads.csv', counts: { total: 3, skipped: 1 } });
    const done = await finished(started.id);
    expect(done.counts).toMatchObject({ created: 2, skipped: 1 });
    const tasks = await tasksSince(sandbox, since);
    expect(tasks.map((t) => (t.input as Record<string, unknown>)['contact_number']).sort()).toEqual([
      '+447400123456',
      '+447400123457',
    ]);
    const skipped = (await allRows(started.id)).find((r) => r.state === 'skipped')!;
    expect(skipped.row).toBe(4);
    expect(skipped.reason).toMatch(/\S/);
  });

  it('a lead the platform refuses is rejected with its reason; the rest of its batch is sent once', async () => {
    const sandbox = await openDemo();
    const since = Date.now();
    const leads = makeLeads(15);
    // Blank after trimming: the platform's validation refuses it (206, per document).
    leads[4] = { ...leads[4]!, document: { ...leads[4]!.document!, name: '   ' } };
    sources.set('blank', leads);
    const started = await call<ImportSummary>('imports.start', {
      sourceId: 'blank',
      launch: launchFor(sandbox),
    });
    const done = await finished(started.id);
    expect(done.counts).toMatchObject({ created: 14, rejected: 1 });
    const rows = await allRows(started.id);
    const rejected = rows.find((r) => r.state === 'rejected')!;
    expect(rejected.row).toBe(leads[4]!.row);
    expect(rejected.reason).toBe('name: This field may not be blank.');
    expect(countByDocumentId(await tasksSince(sandbox, since)).size).toBe(14);
  });

  it('refuses a draft agent, a chat agent and a time in the past, saying why, and sends nothing', async () => {
    const sandbox = await openDemo();
    sources.set('few', makeLeads(3));
    const client = createUnpodClient({
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      orgHandle: sandbox.credentials.orgHandle,
    });
    const spaceAgents = (await client.getSpace(sandbox.credentials.spaceToken)).agents ?? [];
    const draftAgent = spaceAgents.find((a) => /draft/i.test(a.name ?? ''))!;
    const chatAgent = (await client.listAgents()).find((a) => a.type === 'Chat')!;
    const draft = await failure('imports.start', {
      sourceId: 'few',
      launch: launchFor(sandbox, { agentHandle: String(draftAgent.handle) }),
    });
    expect(draft.code).toBe('bad_request');
    expect(draft.message).toContain('is a draft agent: publish it in Unpod');
    const chat = await failure('imports.start', {
      sourceId: 'few',
      launch: launchFor(sandbox, { agentHandle: chatAgent.handle }),
    });
    expect(chat.message).toContain('is a chat agent: it cannot make calls');

    const past = await failure('imports.start', {
      sourceId: 'few',
      launch: launchFor(sandbox, {
        schedule: { type: 'custom', date: '2020-01-01', time: '09:00', timeZone: 'Europe/London' },
      }),
    });
    expect(past.code).toBe('bad_request');
    expect(past.message).toContain('not in the future');
    expect(await call<ImportSummary[]>('imports.list', {})).toEqual([]);
  });

  it('New call: one lead typed by hand, checked like a file row, sent through the journal', async () => {
    const sandbox = await openDemo();
    const since = Date.now();
    const bad = await failure('calls.create', {
      lead: { name: 'Ada', contactNumber: '4.47E+11' },
      launch: launchFor(sandbox),
    });
    expect(bad).toMatchObject({ code: 'bad_request' });
    expect(bad.message).toContain('scientific notation');
    const impossible = await failure('calls.create', {
      lead: { name: 'Ada', contactNumber: '12345' },
      defaultCountry: 'GB',
      launch: launchFor(sandbox),
    });
    // The same words as a file row with that number (the file-reading side's phone check).
    expect(impossible.message).toBe('“12345” is too short for a phone number in United Kingdom.');
    const noCountry = await failure('calls.create', {
      lead: { name: 'Ada', contactNumber: '07400 123456' },
      launch: launchFor(sandbox),
    });
    expect(noCountry.message).toContain('with its country code');

    const made = await call<ImportSummary>('calls.create', {
      lead: { name: 'Ada Lovelace', contactNumber: '07400 123456', companyName: 'Analytical Engines' },
      defaultCountry: 'GB',
      launch: launchFor(sandbox),
    });
    expect(made).toMatchObject({ kind: 'single', sourceName: 'New call' });
    const done = await finished(made.id);
    expect(done.counts).toMatchObject({ total: 1, created: 1 });
    const tasks = await tasksSince(sandbox, since);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.input).toMatchObject({ name: 'Ada Lovelace', contact_number: '+447400123456' });
  });

  it('429 with Retry-After slows the import down and nothing is sent twice', async () => {
    const sandbox = await openDemo();
    const since = Date.now();
    sandbox.faults.add({
      kind: 'rate_limit',
      method: 'POST',
      path: '/tasks/',
      retryAfterSeconds: 1,
      times: 2,
    });
    sources.set('limited', makeLeads(40));
    const started = await call<ImportSummary>('imports.start', {
      sourceId: 'limited',
      launch: launchFor(sandbox),
    });
    const done = await finished(started.id);
    expect(done.counts.created).toBe(40);
    const waits = eventsNamed('imports.progress').filter((p) => p.waiting?.reason === 'rate_limited');
    expect(waits.length).toBeGreaterThan(0);
    const counts = countByDocumentId(await tasksSince(sandbox, since));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.size).toBe(40);
  });

  it('pause stops sending, resume finishes it; cancel ends an import and leaves its unsent rows unsent', async () => {
    const sandbox = await openDemo();
    const since = Date.now();
    sandbox.faults.add({ kind: 'latency', method: 'POST', path: '/tasks/', latencyMs: 150 });
    sources.set('slow', makeLeads(100));
    const started = await call<ImportSummary>('imports.start', {
      sourceId: 'slow',
      launch: launchFor(sandbox),
    });
    await waitUntil(
      () => eventsNamed('imports.progress').some((p) => p.importId === started.id && p.sent >= 10),
      10_000,
      'some rows sent',
    );
    const paused = await call<ImportSummary>('imports.pause', { importId: started.id });
    expect(paused.state).toBe('paused');
    await services.importSend.whenIdle(started.id);
    const atPause = (await call<ImportSummary>('imports.get', { importId: started.id })).counts;
    expect(atPause.created).toBeLessThan(100);
    await new Promise((r) => setTimeout(r, 400));
    expect((await call<ImportSummary>('imports.get', { importId: started.id })).counts.created).toBe(
      atPause.created,
    );

    await call('imports.resume', { importId: started.id });
    const done = await finished(started.id);
    expect(done.counts.created).toBe(100);

    sources.set('cancelled', makeLeads(100, { prefix: 'Other', firstRow: 1000 }));
    const second = await call<ImportSummary>('imports.start', {
      sourceId: 'cancelled',
      launch: launchFor(sandbox),
    });
    await waitUntil(
      () => eventsNamed('imports.progress').some((p) => p.importId === second.id && p.sent >= 10),
      10_000,
      'some rows of the second import sent',
    );
    const cancelled = await call<ImportSummary>('imports.cancel', { importId: second.id });
    expect(cancelled.state).toBe('cancelled');
    await services.importSend.whenIdle(second.id);
    const after = await call<ImportSummary>('imports.get', { importId: second.id });
    expect(after.counts.created).toBeLessThan(100);
    expect(after.counts.created + after.counts.planned).toBe(100);
    expect(eventsNamed('imports.finished').some((s) => s.id === second.id && s.state === 'cancelled')).toBe(
      true,
    );
    // Resuming a cancelled import is refused.
    expect((await failure('imports.resume', { importId: second.id })).code).toBe('bad_request');

    const counts = countByDocumentId(await tasksSince(sandbox, since));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.size).toBe(100 + after.counts.created);
  });

  it('rows reconciliation cannot decide wait for the user: not sent, or sent again, as they choose', async () => {
    const sandbox = await openDemo();
    const since = Date.now();
    // The first batch's connection breaks (nothing is created), and reading the space's tasks
    // back fails every time, so its rows can be neither confirmed nor ruled out.
    sandbox.faults.add({ kind: 'reset', method: 'POST', path: '/tasks/', times: 1 });
    sandbox.faults.add({ kind: 'server_error', status: 503, method: 'GET', path: '/tasks/' });
    sources.set('undecided', makeLeads(20));
    const started = await call<ImportSummary>('imports.start', {
      sourceId: 'undecided',
      launch: launchFor(sandbox),
    });
    const done = await finished(started.id);
    expect(done.counts).toMatchObject({ created: 10, unknown: 10, undecided: 10 });
    expect(done.message).toContain('10 rows could not be confirmed');
    const waiting = await call<{ rows: ImportRow[]; total: number }>('imports.rows', {
      importId: started.id,
      undecidedOnly: true,
    });
    expect(waiting.total).toBe(10);
    expect(waiting.rows.every((r) => r.undecided && r.reason?.includes('will be checked again'))).toBe(true);
    sandbox.faults.clear();
    // Nothing of them was sent again meanwhile.
    expect(countByDocumentId(await tasksSince(sandbox, since)).size).toBe(10);

    const firstFive = waiting.rows.slice(0, 5).map((r) => r.row);
    await call('imports.resolve', { importId: started.id, rows: firstFive, action: 'do_not_send' });
    await call('imports.resolve', { importId: started.id, action: 'send_again' });
    await waitUntil(
      async () => (await call<ImportSummary>('imports.get', { importId: started.id })).counts.created === 15,
      20_000,
      'the rows sent again',
    );
    await services.importSend.whenIdle(started.id);
    const after = await call<ImportSummary>('imports.get', { importId: started.id });
    expect(after).toMatchObject({
      state: 'finished',
      counts: { created: 15, skipped: 5, unknown: 0, undecided: 0 },
    });
    const skipped = (await allRows(started.id)).filter((r) => r.state === 'skipped');
    expect(skipped.map((r) => r.row)).toEqual(firstFive);
    expect(skipped[0]!.reason).toContain('Marked not to send by your choice');
    const counts = countByDocumentId(await tasksSince(sandbox, since));
    expect(counts.size).toBe(15);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});
