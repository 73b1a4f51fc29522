// An import stays exactly once under the faults of a real network and a crash at each point of
// a send (IMPORT-EXACTLY-ONCE.md): afterwards the sandbox holds each lead exactly once and every
// journal row's final state matches what the sandbox holds. Real sandbox over HTTP, real SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src-main/ipc/contract-imports.ts';
import type { EventName, EventPayload } from '../../src-main/ipc/contract.ts';
import { startSandbox, type FaultRule, type Sandbox } from '../../src-main/sandbox/index.ts';
import { createAppServices, type AppServices } from '../../src-main/services/app-services.ts';
import { documentIdOf, wireDocument } from '../../src-main/services/imports/wire-document.ts';
import { StoreClient } from '../../src-main/store/index.ts';
import type { JournalRow } from '../../src-main/store/import-journal.ts';
import { createUnpodClient, type Task } from '../../src-main/unpod/index.ts';
import { countByDocumentId, inChunks, makeLeads, tasksSince, waitUntil } from '../support/imports-kit.ts';

type Emitted = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

const CLIENT_TIMEOUT_MS = 1_500;
const SEND_TIMING = {
  batchSize: 10,
  requestTimeoutMs: CLIENT_TIMEOUT_MS,
  // The latency faults below answer 1 s after the client gave up: the grace covers it.
  graceMs: 1_500,
  clockAllowanceMs: 1_000,
  reconcileRetryMs: 100,
  networkRetryMs: 50,
  progressEveryMs: 100,
};

let dataDir: string;
let sandbox: Sandbox;
let services: AppServices | null = null;
let emitted: Emitted[] = [];

function startServices(
  timing: Partial<typeof SEND_TIMING> = {},
  connectTo?: { baseUrl: string },
): AppServices {
  emitted = [];
  services = createAppServices({
    dataDir,
    emit: (event, payload) => emitted.push({ event, payload } as Emitted),
    host: 'web',
    version: '9.9.9',
    demo: {
      demoClient: { retry: { limit: 3, baseDelayMs: 10, maxDelayMs: 50 }, timeoutMs: CLIENT_TIMEOUT_MS },
      connectTo: { baseUrl: connectTo?.baseUrl ?? sandbox.baseUrl, credentials: sandbox.credentials },
    },
    sendTiming: { ...SEND_TIMING, ...timing },
    // Offline: the connection is probed soon, so coming back is noticed within a second.
    syncTiming: { probeMinMs: 200, probeMaxMs: 400 },
  });
  return services;
}

const finishedIds = () =>
  emitted.flatMap((e) => (e.event === 'imports.finished' ? [(e.payload as ImportSummary).id] : []));

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'imports-once-'));
  sandbox = await startSandbox({ seed: 7, tasksPerSpace: 20 });
});

afterEach(async () => {
  await services?.close();
  services = null;
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const launch = () => ({
  agentHandle: sandbox.credentials.agentHandle,
  spaceToken: sandbox.credentials.spaceToken,
  context: 'Renewal reminder',
  schedule: { type: 'now' as const },
});

/** Every row of the import, straight from the journal file. */
async function journalRows(app: AppServices, importId: string): Promise<JournalRow[]> {
  const store = await app.tasks.openCache();
  return (await store.journal.rows({ importId, states: [], undecidedOnly: false, offset: 0, limit: 100_000 }))
    .rows;
}

/** The sandbox holds each lead exactly once and every journal row says so, with the same task. */
async function expectExactlyOnce(app: AppServices, importId: string, leadCount: number, since: number) {
  const tasks = await tasksSince(sandbox, since);
  const counts = countByDocumentId(tasks);
  const duplicates = [...counts].filter(([, n]) => n > 1);
  expect(duplicates).toEqual([]);
  expect(counts.size).toBe(leadCount);
  const taskOf = new Map<string, Task>(
    tasks.map((t) => [String((t.input as Record<string, unknown>)['document_id']), t]),
  );
  const rows = await journalRows(app, importId);
  expect(rows).toHaveLength(leadCount);
  const wrong = rows.filter((r) => r.state !== 'created' || taskOf.get(r.documentId!)?.task_id !== r.taskId);
  expect(wrong.map((r) => [r.row, r.state, r.taskId, r.reason])).toEqual([]);
}

describe('exactly once under faults', () => {
  it('1,000 leads under server errors, 429s, resets, lost responses and late creates', async () => {
    // Small batches: more requests for the faults to land among.
    const app = startServices({ batchSize: 5 });
    await app.workspace.openDemo();
    const since = Date.now();
    const faults: FaultRule[] = [
      { kind: 'server_error', status: 503, method: 'POST', path: '/tasks/', times: 1 },
      { kind: 'lost_response', method: 'POST', path: '/tasks/', times: 1 },
      { kind: 'rate_limit', retryAfterSeconds: 1, method: 'POST', path: '/tasks/', times: 1 },
      { kind: 'reset', method: 'POST', path: '/tasks/', times: 1 },
      { kind: 'html_502', method: 'POST', path: '/tasks/', times: 1 },
      // Created 1 s after the client gave up: only the wait before reconciling prevents a resend.
      { kind: 'latency', latencyMs: CLIENT_TIMEOUT_MS + 1_000, method: 'POST', path: '/tasks/', times: 1 },
      { kind: 'malformed_json', method: 'POST', path: '/tasks/', times: 1 },
      // Reading the task list back (reconciliation) fails too; the client retries reads.
      { kind: 'server_error', status: 500, method: 'GET', path: '/tasks/', times: 1 },
    ];
    // Spread over the import: the next fault is put in place once the previous one was hit, and
    // every create takes 60 ms, so the faults land among ~200 requests instead of on the first few.
    const base: FaultRule = { kind: 'latency', latencyMs: 60, method: 'POST', path: '/tasks/' };
    sandbox.faults.add(base);
    let next = 0;
    const timer = setInterval(() => {
      if (next >= faults.length * 3 || sandbox.faults.pending() > 1) return;
      const fault = faults[next++ % faults.length]!;
      if (fault.kind === 'latency') {
        // The first latency rule in place is the one applied: this one goes before the base.
        sandbox.faults.clear();
        sandbox.faults.add(fault);
        sandbox.faults.add(base);
      } else {
        sandbox.faults.add(fault);
      }
    }, 10);
    try {
      const started = await app.importSend.startWithLeads(
        { name: 'renewals.csv', leads: inChunks(makeLeads(1000), 200) },
        { duplicates: 'skip' },
        launch(),
      );
      await waitUntil(() => finishedIds().includes(started.id), 120_000, 'the import to finish');
      clearInterval(timer);
      // Every fault was hit while the import ran (only the base latency is left).
      expect(next).toBe(faults.length * 3);
      expect(sandbox.faults.pending()).toBe(1);
      const summary = await app.importSend.get(started.id);
      expect(summary.counts).toMatchObject({ total: 1000, created: 1000, unknown: 0, planned: 0 });
      await expectExactlyOnce(app, started.id, 1000, since);
      const rows = await journalRows(app, started.id);
      // Some rows were settled by reconciliation, and some were proven absent and sent again.
      const reasons = new Map<string, number>();
      for (const r of rows)
        reasons.set(
          `${r.attempts} ${r.reason ?? ''}`,
          (reasons.get(`${r.attempts} ${r.reason ?? ''}`) ?? 0) + 1,
        );
      const seen = JSON.stringify([...reasons]);
      expect(
        rows.some((r) => r.reason?.includes('found on Unpod by its document id')),
        seen,
      ).toBe(true);
      expect(
        rows.some((r) => r.attempts > 1),
        seen,
      ).toBe(true);
    } finally {
      clearInterval(timer);
    }
  }, 180_000);
});

describe('a crash at each point of a send, then a restart', () => {
  const LEADS = 60;

  /** Writes an import of LEADS rows into the journal as a run would have, then closes the file. */
  async function journalWithImport(prepare: (store: StoreClient, importId: string) => Promise<void>) {
    const app = startServices();
    await app.workspace.openDemo();
    const store = await app.tasks.openCache();
    const path = store.path;
    await app.close();
    services = null;
    const { store: file } = await StoreClient.open(path);
    const importId = 'crash-import';
    await file.journal.create({
      id: importId,
      kind: 'file',
      orgHandle: sandbox.credentials.orgHandle,
      spaceToken: sandbox.credentials.spaceToken,
      agentHandle: sandbox.credentials.agentHandle,
      context: 'Renewal reminder',
      scheduleJson: JSON.stringify({ type: 'now' }),
      sourceName: 'crash.csv',
      settingsJson: '{}',
      createdAt: Date.now(),
    });
    await file.journal.appendRows(
      importId,
      makeLeads(LEADS).map((lead) => {
        const documentId = documentIdOf(importId, lead.row);
        return {
          row: lead.row,
          documentJson: JSON.stringify(wireDocument(lead.document!, documentId)),
          documentId,
          name: lead.document!.name,
          contactNumber: lead.document!.contact_number,
          state: 'planned' as const,
          reason: null,
        };
      }),
    );
    await file.journal.setState(importId, { state: 'running', startedAt: Date.now() });
    await prepare(file, importId);
    await file.close();
    return importId;
  }

  /** The first batch's request, sent as the crashed run would have sent it. */
  async function sendBatch(rows: JournalRow[]) {
    const client = createUnpodClient({
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      orgHandle: sandbox.credentials.orgHandle,
      timeoutMs: 10_000,
    });
    return client.createTask(sandbox.credentials.spaceToken, {
      pilot: sandbox.credentials.agentHandle,
      documents: rows.map((r) => JSON.parse(r.documentJson!) as { name: string; contact_number: string }),
      context: 'Renewal reminder',
      schedule: { type: 'now' },
    });
  }

  async function restartAndFinish(importId: string, since: number) {
    const app = startServices();
    await app.workspace.openDemo();
    // The import resumes by itself when the workspace opens.
    await waitUntil(() => finishedIds().includes(importId), 30_000, 'the resumed import to finish');
    await expectExactlyOnce(app, importId, LEADS, since);
    return journalRows(app, importId);
  }

  it('before the batch was marked sending: its rows are sent after the restart, once', async () => {
    const since = Date.now();
    const importId = await journalWithImport(async () => {});
    const rows = await restartAndFinish(importId, since);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  });

  it('after sending was committed, before the request left: reconciled as not created, then sent once', async () => {
    const since = Date.now();
    const importId = await journalWithImport(async (file, id) => {
      await file.journal.claimBatch(id, 'batch-1', 25, Date.now());
    });
    const rows = await restartAndFinish(importId, since);
    const first = rows.filter((r) => r.row < 2 + 25);
    expect(first.every((r) => r.attempts === 2)).toBe(true);
  });

  it('during the request (the server creates the tasks after the restart began): not sent again', async () => {
    const since = Date.now();
    let inFlight: Promise<unknown> = Promise.resolve();
    const importId = await journalWithImport(async (file, id) => {
      const rows = await file.journal.claimBatch(id, 'batch-1', 25, Date.now());
      // The request is on its way; the server answers (creates) 800 ms later.
      sandbox.faults.add({ kind: 'latency', latencyMs: 800, method: 'POST', path: '/tasks/', times: 1 });
      inFlight = sendBatch(rows).catch(() => undefined);
    });
    const rows = await restartAndFinish(importId, since);
    await inFlight;
    const first = rows.filter((r) => r.row < 2 + 25);
    expect(first.every((r) => r.attempts === 1 && r.state === 'created')).toBe(true);
  });

  it('after the answer, before created was committed: found by reconciliation, not sent again', async () => {
    const since = Date.now();
    const importId = await journalWithImport(async (file, id) => {
      const rows = await file.journal.claimBatch(id, 'batch-1', 25, Date.now());
      await sendBatch(rows);
    });
    const rows = await restartAndFinish(importId, since);
    const first = rows.filter((r) => r.row < 2 + 25);
    expect(first.every((r) => r.attempts === 1 && r.reason?.includes('found on Unpod'))).toBe(true);
  });
});

/** A TCP relay to the sandbox that can go away (connections refused) and come back on its port. */
async function relayTo(target: Sandbox) {
  const upstreamPort = Number(new URL(target.baseUrl).port);
  const sockets = new Set<Socket>();
  const make = () =>
    createServer((socket) => {
      const upstream = connect(upstreamPort, '127.0.0.1');
      for (const s of [socket, upstream]) {
        sockets.add(s);
        s.on('error', () => {
          socket.destroy();
          upstream.destroy();
        });
        s.on('close', () => sockets.delete(s));
      }
      socket.pipe(upstream).pipe(socket);
    });
  let server = make();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async down() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    async up() {
      server = make();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the platform unreachable for a while', () => {
  it('pauses sending while offline and resumes when it is back; every lead once', async () => {
    const relay = await relayTo(sandbox);
    try {
      sandbox.faults.add({ kind: 'latency', latencyMs: 50, method: 'POST', path: '/tasks/' });
      const app = startServices({ batchSize: 5 }, relay);
      await app.workspace.openDemo();
      const since = Date.now();
      const started = await app.importSend.startWithLeads(
        { name: 'offline.csv', leads: [makeLeads(200)] },
        { duplicates: 'skip' },
        launch(),
      );
      const progress = () =>
        emitted
          .flatMap((e) => (e.event === 'imports.progress' ? [e.payload] : []))
          .filter((p) => p.importId === started.id);
      await waitUntil(() => progress().some((p) => p.sent >= 20), 15_000, 'some rows sent');
      await relay.down();
      await waitUntil(
        () => progress().some((p) => p.waiting?.reason === 'offline'),
        15_000,
        'the import to wait',
      );
      expect(app.workspace.getState().connection.state).toBe('offline');
      const during = (await app.importSend.get(started.id)).counts.created;
      await new Promise((r) => setTimeout(r, 500));
      expect((await app.importSend.get(started.id)).counts.created).toBe(during);
      expect(during).toBeLessThan(200);

      await relay.up();
      await waitUntil(
        () => finishedIds().includes(started.id),
        30_000,
        'the import to finish after coming back',
      );
      await expectExactlyOnce(app, started.id, 200, since);
    } finally {
      await relay.close();
    }
  }, 60_000);
});

describe('clocks that differ', () => {
  it('a lost answer from a server whose clock is 5 minutes behind is still found, not sent again', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ seed: 8, tasksPerSpace: 20, clockOffsetMs: -5 * 60_000 });
    const app = startServices();
    await app.workspace.openDemo();
    const since = Date.now() - 5 * 60_000;
    sandbox.faults.add({ kind: 'lost_response', method: 'POST', path: '/tasks/', times: 1 });
    const started = await app.importSend.startWithLeads(
      { name: 'clock.csv', leads: [makeLeads(30)] },
      { duplicates: 'skip' },
      launch(),
    );
    await waitUntil(() => finishedIds().includes(started.id), 30_000, 'the import to finish');
    await expectExactlyOnce(app, started.id, 30, since);
    const rows = await journalRows(app, started.id);
    expect(rows.filter((r) => r.reason?.includes('found on Unpod by its document id'))).toHaveLength(10);
  });
});
