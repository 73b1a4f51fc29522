// The imports store over a fake transport built from the contract: the import being sent and its
// progress, the notice when one ends, pause / resume / cancel, retrying failed rows, deciding
// about undecided rows, "New call", and a workspace change in the middle of it all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportProgress, ImportSummary } from '../../src-main/ipc/contract-imports.ts';
import { createConnectionStore } from '../../src-renderer/stores/connection.ts';
import {
  createImportsStore,
  followImports,
  importsWorkspaceKey,
  type ImportsStore,
} from '../../src-renderer/stores/imports.ts';
import { createListStores } from '../../src-renderer/stores/lists.ts';
import { createNavigationStore } from '../../src-renderer/stores/navigation.ts';
import { createWorkspaceStore } from '../../src-renderer/stores/workspace.ts';
import type { StoreApi } from 'zustand/vanilla';
import { createFakeApi, flush, type FakeApi } from './support/fake-api.ts';
import { memoryAddress, workspaceState } from './support/view-models.ts';

let fake: FakeApi;
let imports: StoreApi<ImportsStore>;

beforeEach(() => {
  fake = createFakeApi();
  imports = createImportsStore(fake.api);
});
afterEach(() => expect(fake.problems).toEqual([]));

function summary(id: string, patch: Partial<ImportSummary> = {}): ImportSummary {
  return {
    id,
    kind: 'file',
    spaceToken: 'space-a',
    agentHandle: 'agent-a',
    context: 'Renewals',
    schedule: { type: 'now' },
    sourceName: `${id}.csv`,
    createdAt: 1_767_600_000_000,
    startedAt: 1_767_600_000_000,
    finishedAt: null,
    state: 'running',
    message: null,
    counts: {
      total: 10,
      planned: 10,
      sending: 0,
      created: 0,
      rejected: 0,
      unknown: 0,
      notCreated: 0,
      skipped: 0,
      undecided: 0,
    },
    ...patch,
  };
}

function progress(importId: string, patch: Partial<ImportProgress> = {}): ImportProgress {
  return {
    importId,
    state: 'running',
    sent: 4,
    total: 10,
    created: 4,
    problems: 0,
    ratePerSecond: 2,
    secondsLeft: 3,
    waiting: null,
    message: null,
    ...patch,
  };
}

const finished = (id: string) =>
  summary(id, {
    state: 'finished',
    finishedAt: 1_767_600_060_000,
    counts: { ...summary(id).counts, planned: 0, created: 9, rejected: 1 },
  });

describe('imports store', () => {
  it('follows the unfinished import the history names (one resumed after a restart)', async () => {
    void imports.getState().loadHistory();
    expect(imports.getState().historyStatus).toBe('loading');
    await fake.take('imports.list').answer([summary('new', { state: 'paused' }), finished('old')]);
    expect(imports.getState().history.map((s) => s.id)).toEqual(['new', 'old']);
    expect(imports.getState().current?.id).toBe('new');
  });

  it('shows the progress of the import it follows, and the notice once it ends', async () => {
    const key = { current: () => 'demo:', subscribe: () => () => {} };
    const stop = followImports(imports, fake.api, key);
    await fake.take('imports.list').answer([]);
    imports.getState().follow(summary('a'));
    expect(imports.getState().history.map((s) => s.id)).toEqual(['a']);
    await fake.emit('imports.progress', progress('a', { sent: 4 }));
    expect(imports.getState().progress?.sent).toBe(4);
    await fake.emit('imports.progress', progress('a', { state: 'paused', sent: 5 }));
    expect(imports.getState().progress?.sent).toBe(5);
    expect(imports.getState().current?.state).toBe('paused');

    await fake.emit('imports.finished', finished('a'));
    expect(imports.getState().current).toBeNull();
    expect(imports.getState().progress).toBeNull();
    expect(imports.getState().ended?.counts.created).toBe(9);
    expect(imports.getState().history[0]?.state).toBe('finished');
    imports.getState().dismissEnded();
    expect(imports.getState().ended).toBeNull();
    stop();
    expect(fake.listenerCount('imports.progress')).toBe(0);
  });

  it('ignores another import’s progress while following one, and picks up one it did not start', async () => {
    imports.getState().follow(summary('a'));
    imports.getState().applyProgress(progress('b', { sent: 7 }));
    expect(imports.getState().current?.id).toBe('a');
    expect(imports.getState().progress).toBeNull();

    const other = createImportsStore(fake.api);
    other.getState().applyProgress(progress('c'));
    // Unknown to this window: it reads the history to learn its name and counts.
    await fake.take('imports.list').answer([summary('c')]);
    expect(other.getState().current?.id).toBe('c');
  });

  it('pauses, resumes and cancels with the summary main answers', async () => {
    imports.getState().follow(summary('a'));
    void imports.getState().pause('a');
    expect(imports.getState().busy).toEqual({ action: 'pause', importId: 'a' });
    const pause = fake.take('imports.pause');
    expect(pause.input).toEqual({ importId: 'a' });
    await pause.answer(summary('a', { state: 'paused' }));
    expect(imports.getState().busy).toBeNull();
    expect(imports.getState().current?.state).toBe('paused');

    void imports.getState().resume('a');
    await fake.take('imports.resume').answer(summary('a'));
    expect(imports.getState().current?.state).toBe('running');

    void imports.getState().cancel('a');
    await fake.take('imports.cancel').answer(summary('a', { state: 'cancelled' }));
    expect(imports.getState().current).toBeNull();
    expect(imports.getState().history[0]?.state).toBe('cancelled');
  });

  it('says why an action failed and keeps the import as it was', async () => {
    imports.getState().follow(summary('a'));
    void imports.getState().pause('a');
    await fake.take('imports.pause').fail({ code: 'not_found', message: 'No such import.' });
    expect(imports.getState().actionError).toEqual({
      action: 'pause',
      error: { code: 'not_found', message: 'No such import.' },
    });
    expect(imports.getState().current?.state).toBe('running');
  });

  it('sends the failed rows again and follows the import while it runs', async () => {
    void imports.getState().loadHistory();
    await fake.take('imports.list').answer([finished('a')]);
    expect(imports.getState().current).toBeNull();
    void imports.getState().retryFailed('a');
    const retry = fake.take('imports.retryFailed');
    expect(retry.input).toEqual({ importId: 'a' });
    await retry.answer(summary('a'));
    expect(imports.getState().current?.id).toBe('a');
  });

  it('lists an import’s rows and re-reads them after a choice about undecided rows', async () => {
    const rows = [
      {
        row: 2,
        state: 'unknown' as const,
        name: 'Asha',
        contactNumber: '+919876543210',
        documentId: 'doc-2',
        taskId: null,
        runId: null,
        reason: 'No task with this number was found; the listing was cut short.',
        attempts: 1,
        sentAt: 1_767_600_000_000,
        undecided: true,
      },
    ];
    void imports.getState().showRows('a', true);
    const read = fake.take('imports.rows');
    expect(read.input).toMatchObject({ importId: 'a', undecidedOnly: true, offset: 0 });
    await read.answer({ rows, total: 1 });
    expect(imports.getState().rows).toMatchObject({ importId: 'a', status: 'ready', total: 1 });

    void imports.getState().resolve('a', 'do_not_send', [2]);
    const resolve = fake.take('imports.resolve');
    expect(resolve.input).toEqual({ importId: 'a', action: 'do_not_send', rows: [2] });
    await resolve.answer(finished('a'));
    // The rows on screen are read again, so the choice shows.
    await fake
      .take('imports.rows')
      .answer({ rows: [{ ...rows[0]!, state: 'skipped', undecided: false }], total: 1 });
    expect(imports.getState().rows?.rows[0]?.state).toBe('skipped');
    imports.getState().hideRows();
    expect(imports.getState().rows).toBeNull();
  });

  it('creates a New call through calls.create and lists it', async () => {
    const created = imports.getState().createCall({
      lead: { name: 'Asha', contactNumber: '98765 43210' },
      defaultCountry: 'IN',
      launch: {
        agentHandle: 'agent-a',
        spaceToken: 'space-a',
        context: 'Renewal',
        schedule: { type: 'now' },
      },
    });
    const call = fake.take('calls.create');
    expect(call.input.lead).toEqual({ name: 'Asha', contactNumber: '98765 43210' });
    await call.answer(summary('single', { kind: 'single', sourceName: 'New call' }));
    expect((await created).ok).toBe(true);
    expect(imports.getState().history[0]?.sourceName).toBe('New call');
  });

  it('forgets another workspace’s imports, and drops its late answers', async () => {
    const navigation = createNavigationStore(memoryAddress());
    const workspace = createWorkspaceStore(fake.api, {
      connection: createConnectionStore(),
      lists: createListStores(fake.api),
      navigation,
    });
    fake.autoAnswer('workspace.rememberPage', () => null);
    workspace.getState().apply(workspaceState({ kind: 'demo' }));
    const stop = followImports(imports, fake.api, importsWorkspaceKey(workspace));
    await fake.take('imports.list').answer([summary('a')]);
    expect(imports.getState().current?.id).toBe('a');

    void imports.getState().pause('a');
    const late = fake.take('imports.pause');
    workspace.getState().apply(workspaceState({ kind: 'profile', profileId: 'p1', profileName: 'Work' }));
    expect(imports.getState().current).toBeNull();
    expect(imports.getState().history).toEqual([]);
    await late.answer(summary('a', { state: 'paused' }));
    expect(imports.getState().history).toEqual([]);
    await fake.take('imports.list').answer([]);
    expect(imports.getState().historyStatus).toBe('ready');

    // Back on the welcome screen: no history is asked for.
    workspace.getState().apply(workspaceState({ kind: 'none', organization: null, space: null }));
    await flush();
    expect(fake.pending('imports.list')).toEqual([]);
    stop();
  });
});
