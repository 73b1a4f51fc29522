// The import being prepared: a file handed to main, its preview asked again for every change of
// how it is read (older answers dropped), a changed mapping, the launch options checked before
// anything is sent, and "Start calls" through imports.start over the contract's fake transport.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import type { IpcResult } from '../../src-main/ipc/contract.ts';
import type { ImportSummary } from '../../src-main/ipc/contract-imports.ts';
import { createImportDraftStore, type ImportDraftStore } from '../../src-renderer/stores/importDraft.ts';
import {
  createReadingPort,
  type ImportPreview,
  type StageFile,
  type StagedFile,
} from '../../src-renderer/stores/importReading.ts';
import { createFakeApi, flush, type FakeApi, type ParsedInput } from './support/fake-api.ts';

const SOURCE = '6f1c1f6e-8a43-4d5e-9b8a-2a6c3f0b9d11';

/** The host's file bridge, answered by the test. */
function fakeStage() {
  const calls: { file: File; answer(result: IpcResult<StagedFile>): Promise<void> }[] = [];
  const stage: StageFile = (file) =>
    new Promise((resolve) =>
      calls.push({
        file,
        answer: async (result) => {
          resolve(result);
          await flush();
        },
      }),
    );
  return { stage, calls };
}

function preview(patch: Partial<ImportPreview> = {}): ImportPreview {
  return {
    source: { sourceId: SOURCE, name: 'leads.csv', size: 11 },
    country: 'IN',
    countrySource: 'profile',
    layout: {
      encoding: 'utf-8',
      encodingSource: 'utf-8',
      delimiter: ',',
      delimiterSource: 'detected',
      headers: ['Name', 'Phone', 'Notes'],
      mapping: ['name', 'contact_number', 'ignore'],
      mappingSource: 'headers',
    },
    notices: [],
    problem: null,
    counts: { rows: 3, ready: 2, withProblems: 1, duplicates: 0, duplicatesInFile: 0, duplicatesCalled: 0 },
    firstRows: [2, 3].map((row) => ({
      row,
      document: { name: `Lead ${row}`, contact_number: '+919876543210' },
      duplicate: null,
    })),
    duplicateRows: [],
    problems: { total: 0, offset: 0, items: [], truncated: false },
    ...patch,
  };
}

const summary: ImportSummary = {
  id: 'imp-1',
  kind: 'file',
  spaceToken: 'space-a',
  agentHandle: 'agent-a',
  context: 'Renewals',
  schedule: { type: 'now' },
  sourceName: 'leads.csv',
  createdAt: 1_767_600_000_000,
  startedAt: null,
  finishedAt: null,
  state: 'running',
  message: null,
  counts: {
    total: 3,
    planned: 2,
    sending: 0,
    created: 0,
    rejected: 0,
    unknown: 0,
    notCreated: 0,
    skipped: 1,
    undecided: 0,
  },
};

let fake: FakeApi;
let files: ReturnType<typeof fakeStage>;
let draft: StoreApi<ImportDraftStore>;
let started: ImportSummary[];

beforeEach(() => {
  fake = createFakeApi();
  files = fakeStage();
  started = [];
  draft = createImportDraftStore(
    fake.api,
    createReadingPort(fake.api, {
      stage: files.stage,
      exportProblems: (input) => fake.api.imports.exportProblems(input),
    }),
    {
      onStarted: (s) => started.push(s),
    },
  );
});
afterEach(() => expect(fake.problems).toEqual([]));

/** The preview calls made so far (a changed setting waits a moment before it asks). */
async function previewCalls(count: number) {
  for (let i = 0; i < 30 && fake.pending('imports.preview').length < count; i++)
    await new Promise((r) => setTimeout(r, 20));
  const pending = fake.pending('imports.preview');
  expect(pending).toHaveLength(count);
  return pending.map((call) => call.input as ParsedInput<'imports.preview'>);
}

async function openFile(): Promise<void> {
  const file = new File(['Name,Phone\n'], 'leads.csv', { type: 'text/csv' });
  void draft.getState().chooseFile(file);
  expect(draft.getState().staging).toBe(true);
  await files.calls[0]!.answer({ ok: true, data: { sourceId: SOURCE, name: 'leads.csv', size: 11 } });
  await previewCalls(1);
  await fake.take('imports.preview').answer(preview());
}

describe('import draft store', () => {
  it('hands the file to main, then asks for its preview with the detected settings', async () => {
    const file = new File(['Name,Phone\n'], 'leads.csv', { type: 'text/csv' });
    void draft.getState().chooseFile(file);
    expect(files.calls[0]!.file).toBe(file);
    await files.calls[0]!.answer({ ok: true, data: { sourceId: SOURCE, name: 'leads.csv', size: 11 } });
    // Nothing chosen yet: main detects the encoding, delimiter and columns, and uses the profile's country.
    const [input] = await previewCalls(1);
    expect(input?.settings).toEqual({ windowDays: 30, duplicates: 'skip' });
    expect(input?.sourceId).toBe(SOURCE);
    await fake.take('imports.preview').answer(preview());
    expect(draft.getState()).toMatchObject({ staging: false, previewStatus: 'ready' });
    expect(draft.getState().preview?.counts.ready).toBe(2);
  });

  it('says why a file cannot be staged, and reads nothing', async () => {
    void draft.getState().chooseFile(new File(['x'], 'big.csv'));
    await files.calls[0]!.answer({
      ok: false,
      error: { code: 'bad_request', message: 'The file is larger than 200 MB.' },
    });
    expect(draft.getState().stageError?.message).toBe('The file is larger than 200 MB.');
    expect(draft.getState().file).toBeNull();
    expect(fake.pending()).toEqual([]);
  });

  it('adopts a file main staged (opened with the app): replaces the one shown and reads its preview', async () => {
    await openFile();
    const other = '0d7e2f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
    const adopting = draft
      .getState()
      .adoptStaged({ ok: true, data: { sourceId: other, name: 'march.csv', size: 44 } });
    // The file shown before is released, as when another file is chosen.
    await fake.take('imports.release', (input) => input.sourceId === SOURCE).answer(null);
    const [input] = await previewCalls(1);
    expect(input?.sourceId).toBe(other);
    await fake
      .take('imports.preview')
      .answer(preview({ source: { sourceId: other, name: 'march.csv', size: 44 } }));
    await adopting;
    expect(draft.getState()).toMatchObject({ staging: false, previewStatus: 'ready', stageError: null });
    expect(draft.getState().file?.name).toBe('march.csv');
  });

  it('a file main could not stage shows its reason, and nothing is read', async () => {
    await draft.getState().adoptStaged({
      ok: false,
      error: { code: 'not_found', message: '“march.csv” is no longer there: it was moved or deleted.' },
    });
    expect(draft.getState().stageError?.message).toBe(
      '“march.csv” is no longer there: it was moved or deleted.',
    );
    expect(draft.getState()).toMatchObject({ file: null, staging: false });
    expect(fake.pending()).toEqual([]);
  });

  it('sends a changed mapping and drops the answer to the older preview', async () => {
    await openFile();
    draft.getState().mapColumn(2, 'extra');
    const [first] = await previewCalls(1);
    expect(first?.settings.mapping).toEqual(['name', 'contact_number', 'extra']);
    draft.getState().setReading({ delimiter: ';', duplicates: 'keep', country: 'US' });
    const [, second] = await previewCalls(2);
    expect(second?.settings).toMatchObject({
      delimiter: ';',
      duplicates: 'keep',
      country: 'US',
      mapping: ['name', 'contact_number', 'extra'],
    });
    const older = fake.take('imports.preview', (input) => input.settings.delimiter === undefined);
    const newer = fake.take('imports.preview', (input) => input.settings.delimiter === ';');
    // The newer answer first, then the older: the counts stay those of the newer settings.
    await newer.answer(preview({ counts: { ...preview().counts, ready: 3, withProblems: 0 } }));
    await older.answer(preview());
    expect(draft.getState().preview?.counts.ready).toBe(3);
  });

  it('checks the launch options by field before anything is sent', async () => {
    await openFile();
    const now = Date.UTC(2026, 11, 3, 12, 0);
    draft.getState().setLaunch({ schedule: { kind: 'custom', local: '2020-01-01T09:00' } });
    expect(await draft.getState().start(now, 'UTC')).toBeNull();
    expect(draft.getState().launchErrors).toEqual({
      agentHandle: 'Choose the agent that makes the calls.',
      spaceToken: 'Choose the space the calls go into.',
      context: 'Write what the calls are about (the shared context).',
      schedule: 'Choose a time in the future.',
    });
    expect(fake.pending()).toEqual([]);
    // Changing a field clears its own message only.
    draft.getState().setLaunch({ agentHandle: 'agent-a' });
    expect(Object.keys(draft.getState().launchErrors)).toEqual(['spaceToken', 'context', 'schedule']);
  });

  it('starts the calls with the reading settings and launch options, then clears the draft', async () => {
    await openFile();
    draft.getState().mapColumn(2, 'extra');
    await previewCalls(1);
    await fake.take('imports.preview').answer(preview());
    draft.getState().setLaunch({
      agentHandle: 'agent-a',
      spaceToken: 'space-a',
      context: '  Renewals  ',
      schedule: { kind: 'custom', local: '2099-05-06T09:30' },
    });
    const result = draft.getState().start(Date.UTC(2026, 11, 3), 'Asia/Kolkata');
    expect(draft.getState().starting).toBe(true);
    const call = fake.take('imports.start');
    expect(call.input).toEqual({
      sourceId: SOURCE,
      reading: {
        mapping: ['name', 'contact_number', 'extra'],
        windowDays: 30,
        duplicates: 'skip',
      },
      launch: {
        agentHandle: 'agent-a',
        spaceToken: 'space-a',
        context: 'Renewals',
        schedule: { type: 'custom', date: '2099-05-06', time: '09:30', timeZone: 'Asia/Kolkata' },
      },
    });
    await call.answer(summary);
    expect(await result).toEqual(summary);
    expect(started).toEqual([summary]);
    expect(draft.getState().file).toBeNull();
    // The rows are in the journal: main may drop its copy of the file.
    expect(fake.take('imports.release').input).toEqual({ sourceId: SOURCE });
    // The agent and space stay chosen for the next file.
    expect(draft.getState().launch).toMatchObject({
      agentHandle: 'agent-a',
      spaceToken: 'space-a',
      context: '',
    });
  });

  it('keeps everything when main refuses the start, and says why beside the field', async () => {
    await openFile();
    draft.getState().setLaunch({ agentHandle: 'agent-a', spaceToken: 'space-a', context: 'Renewals' });
    let result = draft.getState().start(Date.now(), 'UTC');
    const draftAgent = '"Qualifier v2" is a draft agent: publish it in Unpod before it can take calls.';
    await fake.take('imports.start').fail({ code: 'bad_request', message: draftAgent });
    expect(await result).toBeNull();
    expect(draft.getState().launchErrors).toEqual({ agentHandle: draftAgent });
    expect(draft.getState().startError).toBeNull();

    result = draft.getState().start(Date.now(), 'UTC');
    await fake.take('imports.start').fail({ code: 'network', message: 'Unpod could not be reached.' });
    expect(await result).toBeNull();
    expect(draft.getState().startError?.message).toBe('Unpod could not be reached.');
    expect(draft.getState().file?.sourceId).toBe(SOURCE);
    expect(started).toEqual([]);
  });
});

describe('import draft store, between files and workspaces', () => {
  it('lets main drop the previous file when another is chosen', async () => {
    await openFile();
    void draft.getState().chooseFile(new File(['x'], 'other.csv'));
    expect(fake.take('imports.release').input).toEqual({ sourceId: SOURCE });
    expect(draft.getState().preview).toBeNull();
  });

  it('forgets the file, the agent and the space when the organization changes', async () => {
    await openFile();
    draft.getState().setLaunch({ agentHandle: 'agent-a', spaceToken: 'space-a', context: 'Renewals' });
    draft.getState().reset();
    expect(draft.getState().file).toBeNull();
    expect(draft.getState().launch).toEqual({
      agentHandle: '',
      spaceToken: '',
      context: '',
      schedule: { kind: 'now' },
    });
    expect(fake.take('imports.release').input).toEqual({ sourceId: SOURCE });
  });
});
