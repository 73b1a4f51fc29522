// Reconciliation reads the space's tasks back over HTTP and decides per row. Where the platform
// did not keep a document_id, a row is matched by number + name among the import agent's tasks
// created since it was sent; an older call to the same person, or a task another row already
// holds, is never taken for it.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import { reconcileRows } from '../../src-main/services/imports/reconcile.ts';
import type { JournalRow } from '../../src-main/store/import-journal.ts';
import { createUnpodClient, type UnpodClient } from '../../src-main/unpod/index.ts';
import { serverClock } from '../../src-main/unpod/server-clock.ts';

let sandbox: Sandbox;
let client: UnpodClient;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: 5, tasksPerSpace: 50 });
  client = createUnpodClient({
    baseUrl: sandbox.baseUrl,
    token: sandbox.credentials.token,
    orgHandle: sandbox.credentials.orgHandle,
  });
});
afterEach(() => sandbox.close());

const rowOf = (
  row: number,
  name: string,
  number: string,
  sentAt: number,
  documentId: string,
): JournalRow => ({
  importId: 'i',
  row,
  documentJson: null,
  documentId,
  name,
  contactNumber: number,
  state: 'unknown',
  batchId: 'b',
  sentAt,
  taskId: null,
  runId: null,
  reason: null,
  attempts: 1,
  reconcileTries: 0,
});

it('matches by document_id, else by number + name in the window, and never an older or known task', async () => {
  const { spaceToken, agentHandle } = sandbox.credentials;
  // An older call in the demo data: the same person, called weeks ago.
  const older = (await client.listSpaceTasks(spaceToken, { page: 1, pageSize: 50 })).tasks.at(-1)!;
  const olderName = String((older.input as Record<string, unknown>)['name']);
  const olderNumber = String((older.input as Record<string, unknown>)['contact_number']);

  const sentAt = Date.now();
  // What the lost request created: one document with its id, one the platform kept without it,
  // and the same person as the older call, again without an id.
  const created = await client.createTask(spaceToken, {
    pilot: agentHandle,
    context: 'Reconcile',
    documents: [
      { name: 'Grace Hopper', contact_number: '+447400100001', document_id: 'doc-1' },
      { name: 'Katherine Johnson', contact_number: '+447400100002' },
      { name: olderName, contact_number: olderNumber },
    ],
  });
  const rows = [
    rowOf(2, 'Grace Hopper', '+447400100001', sentAt, 'doc-1'),
    rowOf(3, 'katherine johnson ', '+447400100002', sentAt, 'doc-2'),
    rowOf(4, olderName, olderNumber, sentAt, 'doc-3'),
    // Never sent: nothing on the platform.
    rowOf(5, 'Mary Jackson', '+447400100005', sentAt, 'doc-4'),
  ];

  const known = new Set<string>();
  const result = await reconcileRows({
    rows,
    spaceToken,
    agentHandle,
    client,
    clock: serverClock(client.baseUrl),
    timing: { clockAllowanceMs: 2_000, reconcilePageSize: 2 },
    knownTaskIds: async (ids) => ids.filter((id) => known.has(id)),
  });
  expect(result.complete).toBe(true);
  if (!result.complete) return;
  expect(result.decisions).toEqual([
    { row: 2, found: true, taskId: created.taskIds[0], runId: created.runId, by: 'document_id' },
    { row: 3, found: true, taskId: created.taskIds[1], runId: created.runId, by: 'number_name' },
    // The new task of the older call's person, not the older call itself.
    { row: 4, found: true, taskId: created.taskIds[2], runId: created.runId, by: 'number_name' },
    { row: 5, found: false },
  ]);

  // Once another row of some journal holds those tasks, they are not matched again.
  known.add(created.taskIds[1]!);
  known.add(created.taskIds[2]!);
  const again = await reconcileRows({
    rows: rows.slice(1, 3),
    spaceToken,
    agentHandle,
    client,
    clock: serverClock(client.baseUrl),
    timing: { clockAllowanceMs: 2_000, reconcilePageSize: 100 },
    knownTaskIds: async (ids) => ids.filter((id) => known.has(id)),
  });
  expect(again).toMatchObject({
    complete: true,
    decisions: [
      { row: 3, found: false },
      { row: 4, found: false },
    ],
  });
});

it('a listing that fails decides nothing', async () => {
  sandbox.faults.add({ kind: 'server_error', status: 503, method: 'GET', path: '/tasks/' });
  const quick = createUnpodClient({
    baseUrl: sandbox.baseUrl,
    token: sandbox.credentials.token,
    orgHandle: sandbox.credentials.orgHandle,
    retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  const result = await reconcileRows({
    rows: [rowOf(2, 'A', '+447400100001', Date.now(), 'doc-1')],
    spaceToken: sandbox.credentials.spaceToken,
    agentHandle: sandbox.credentials.agentHandle,
    client: quick,
    clock: null,
    timing: { clockAllowanceMs: 1_000, reconcilePageSize: 100 },
    knownTaskIds: async () => [],
  });
  expect(result).toMatchObject({ complete: false });
});
