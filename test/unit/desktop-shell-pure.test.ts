// The shell's smaller decisions: the taskbar/Dock progress during syncs and imports, the start-up checks'
// messages, the data folder given by UNPOD_DESK_USER_DATA, and the notice after a renderer crash.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  runStartupChecks,
  startupProblem,
  type StartupCheckResult,
} from '../../src-main/desktop/startup-checks.ts';
import {
  combinedProgressValue,
  createSyncProgressTracker,
  importProgressValue,
  INDETERMINATE,
  NO_PROGRESS,
  progressValue,
} from '../../src-main/desktop/taskbar-progress.ts';
import type { ImportProgress } from '../../src-main/ipc/contract-imports.ts';
import { prepareUserDataDir, resolveUserDataDir } from '../../src-main/desktop/user-data-dir.ts';
import {
  recoveredMessage,
  recoveredReason,
  recoveredUrl,
  shouldReloadAfterCrash,
} from '../../src-main/shared/crash-notice.ts';
import { syncStatus } from './support/view-models.ts';

const spaceA = { kind: 'space', spaceToken: 'A' } as const;
const agentB = { kind: 'agent', agentHandle: 'b' } as const;

describe('taskbar progress', () => {
  it('no bar when no sync runs', () => {
    expect(progressValue([])).toBe(NO_PROGRESS);
    expect(progressValue([syncStatus(spaceA, { phase: 'done', pagesDone: 4, pagesTotal: 4 })])).toBe(
      NO_PROGRESS,
    );
  });

  it('the share of pages done across the running syncs', () => {
    expect(
      progressValue([
        syncStatus(spaceA, { phase: 'running', pagesDone: 1, pagesTotal: 4 }),
        syncStatus(agentB, { phase: 'running', pagesDone: 2, pagesTotal: 4 }),
        syncStatus({ kind: 'space', spaceToken: 'C' }, { phase: 'failed', pagesDone: 0, pagesTotal: 9 }),
      ]),
    ).toBe(3 / 8);
  });

  it('indeterminate while a running sync does not know its page count yet', () => {
    expect(progressValue([syncStatus(spaceA, { phase: 'running', pagesDone: 0, pagesTotal: 0 })])).toBe(
      INDETERMINATE,
    );
  });

  it('the tracker follows sync.progress events until the last sync ends', () => {
    const tracker = createSyncProgressTracker();
    expect(tracker.update(syncStatus(spaceA, { phase: 'running', pagesDone: 0, pagesTotal: 0 }))).toBe(
      INDETERMINATE,
    );
    expect(tracker.update(syncStatus(spaceA, { phase: 'running', pagesDone: 1, pagesTotal: 2 }))).toBe(0.5);
    expect(tracker.update(syncStatus(agentB, { phase: 'running', pagesDone: 0, pagesTotal: 2 }))).toBe(0.25);
    expect(tracker.running()).toBe(true);
    expect(tracker.update(syncStatus(spaceA, { phase: 'done', pagesDone: 2, pagesTotal: 2 }))).toBe(0);
    expect(tracker.update(syncStatus(agentB, { phase: 'cancelled', pagesDone: 1, pagesTotal: 2 }))).toBe(
      NO_PROGRESS,
    );
    expect(tracker.running()).toBe(false);
  });
});

describe('taskbar progress of imports', () => {
  const importProgress = (importId: string, patch: Partial<ImportProgress> = {}): ImportProgress => ({
    importId,
    state: 'running',
    sent: 0,
    total: 10,
    created: 0,
    problems: 0,
    ratePerSecond: null,
    secondsLeft: null,
    waiting: null,
    message: null,
    ...patch,
  });

  it('the share of rows sent across the running imports; a paused or ended one shows nothing', () => {
    expect(importProgressValue([])).toBe(NO_PROGRESS);
    expect(
      importProgressValue([
        importProgress('a', { sent: 3, total: 10 }),
        importProgress('b', { sent: 7, total: 30 }),
        importProgress('c', { state: 'paused', sent: 1, total: 50 }),
      ]),
    ).toBe(10 / 40);
    expect(importProgressValue([importProgress('a', { state: 'paused', sent: 3 })])).toBe(NO_PROGRESS);
    expect(importProgressValue([importProgress('a', { state: 'finished', sent: 10 })])).toBe(NO_PROGRESS);
    // Every row skipped: nothing left to send.
    expect(importProgressValue([importProgress('a', { sent: 0, total: 0 })])).toBe(1);
  });

  it('syncs and imports together: the mean of the two shares, indeterminate while either is', () => {
    expect(combinedProgressValue(NO_PROGRESS, NO_PROGRESS)).toBe(NO_PROGRESS);
    expect(combinedProgressValue(0.5, NO_PROGRESS)).toBe(0.5);
    expect(combinedProgressValue(NO_PROGRESS, 0.25)).toBe(0.25);
    expect(combinedProgressValue(0.5, 0.25)).toBe(0.375);
    expect(combinedProgressValue(INDETERMINATE, 0.25)).toBe(INDETERMINATE);
  });

  it('the tracker follows imports.progress and imports.finished beside the syncs', () => {
    const tracker = createSyncProgressTracker();
    expect(tracker.updateImport(importProgress('imp-1', { sent: 2, total: 8 }))).toBe(0.25);
    // Imports do not turn Sync now off.
    expect(tracker.running()).toBe(false);
    expect(tracker.update(syncStatus(spaceA, { phase: 'running', pagesDone: 3, pagesTotal: 4 }))).toBe(0.5);
    expect(tracker.updateImport(importProgress('imp-1', { sent: 6, total: 8 }))).toBe(0.75);
    expect(tracker.update(syncStatus(spaceA, { phase: 'done', pagesDone: 4, pagesTotal: 4 }))).toBe(0.75);
    // Paused: no bar while it does not move; running again: back.
    expect(tracker.updateImport(importProgress('imp-1', { state: 'paused', sent: 6, total: 8 }))).toBe(
      NO_PROGRESS,
    );
    expect(tracker.updateImport(importProgress('imp-1', { sent: 7, total: 8 }))).toBe(7 / 8);
    expect(tracker.importEnded('imp-1')).toBe(NO_PROGRESS);
    tracker.updateImport(importProgress('imp-2', { sent: 1, total: 8 }));
    expect(tracker.clear()).toBe(NO_PROGRESS);
    expect(tracker.update(syncStatus(spaceA, { phase: 'running', pagesDone: 1, pagesTotal: 4 }))).toBe(0.25);
  });
});

describe('start-up checks', () => {
  const ok = (id: StartupCheckResult['id']): StartupCheckResult => ({ id, ok: true, error: null });
  const failed = (id: StartupCheckResult['id'], error: string): StartupCheckResult => ({
    id,
    ok: false,
    error,
  });

  it('this Node has node:sqlite with FTS5 and keytar loads: nothing to say', async () => {
    const results = await runStartupChecks();
    expect(results).toEqual([ok('sqlite'), ok('fts5'), ok('keychain')]);
    expect(startupProblem(results)).toBeNull();
  });

  it('a missing node:sqlite is fatal and named plainly', async () => {
    const results = await runStartupChecks({
      probeSqlite: () => Promise.reject(new Error("Cannot find module 'node:sqlite'")),
      loadKeychainModule: () => Promise.resolve({}),
    });
    expect(results).toEqual([
      failed('sqlite', "Cannot find module 'node:sqlite'"),
      failed('fts5', 'not checked: node:sqlite is missing'),
      ok('keychain'),
    ]);
    const problem = startupProblem(results);
    expect(problem).toMatchObject({ severity: 'fatal', title: 'Unpod Desk cannot start' });
    expect(problem?.message).toContain(
      "The built-in database (node:sqlite) is missing, so tasks cannot be saved for offline use. (Cannot find module 'node:sqlite')",
    );
    expect(problem?.message).toContain('Install it again');
    // One line about the database, not a second one about FTS5.
    expect(problem?.message).not.toContain('FTS5');
  });

  it('SQLite without FTS5 is fatal: search would fail later', async () => {
    const results = await runStartupChecks({
      probeSqlite: () => Promise.resolve({ fts5: false, error: 'no such module: fts5' }),
      loadKeychainModule: () => Promise.resolve({}),
    });
    const problem = startupProblem(results);
    expect(problem?.severity).toBe('fatal');
    expect(problem?.message).toContain(
      'has no full-text search (FTS5), so saved tasks cannot be searched. (no such module: fts5)',
    );
  });

  it('a keychain module that does not load is a warning: the app runs, tokens last the session', async () => {
    const results = await runStartupChecks({
      probeSqlite: () => Promise.resolve({ fts5: true }),
      loadKeychainModule: () => Promise.reject(new Error('keytar.node: wrong ELF class')),
    });
    expect(results.at(-1)).toEqual(failed('keychain', 'keytar.node: wrong ELF class'));
    const problem = startupProblem(results);
    expect(problem).toMatchObject({ severity: 'warning', title: 'Part of Unpod Desk is missing' });
    expect(problem?.message).toContain('The keychain module (keytar) could not be loaded');
    expect(problem?.message).toContain('kept only until the app closes');
    expect(problem?.message).toContain('Unpod Desk will start anyway');
  });

  it('both missing: one fatal message naming both', () => {
    const problem = startupProblem([failed('sqlite', 'x'), failed('fts5', 'y'), failed('keychain', 'z')]);
    expect(problem?.severity).toBe('fatal');
    expect(problem?.message).toMatch(/node:sqlite[\s\S]*keytar/);
  });
});

describe('UNPOD_DESK_USER_DATA', () => {
  it('unset or blank: null (Electron keeps its default folder)', () => {
    expect(resolveUserDataDir(undefined, '/home/asha')).toBeNull();
    expect(resolveUserDataDir('  ', '/home/asha')).toBeNull();
  });

  it('relative: read from the working folder; absolute: normalised', () => {
    expect(resolveUserDataDir('data/desk', '/home/asha')).toBe('/home/asha/data/desk');
    expect(resolveUserDataDir('/tmp/x/../desk/', '/home/asha')).toBe('/tmp/desk');
  });

  it('a folder that does not exist yet is created (nested), readable by the user only', () => {
    const root = mkdtempSync(join(tmpdir(), 'user-data-'));
    try {
      const dir = prepareUserDataDir('a/b/c', root);
      expect(dir).toBe(join(root, 'a/b/c'));
      expect(existsSync(dir!)).toBe(true);
      expect(statSync(dir!).mode & 0o777).toBe(0o700);
      // Again: already there, no error.
      expect(prepareUserDataDir(dir!, '/')).toBe(dir);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the notice after a renderer crash', () => {
  it('the reload address carries the reason and keeps the page; the page reads it back', () => {
    const url = recoveredUrl('unpod-desk://app/index.html#/agents', 'oom');
    expect(url).toBe('unpod-desk://app/index.html?recovered=oom#/agents');
    expect(recoveredReason(new URL(url).search)).toBe('oom');
    expect(recoveredReason('?recovered=made-up')).toBeNull();
    expect(recoveredReason('')).toBeNull();
  });

  it('says what happened and that saved data is kept', () => {
    expect(recoveredMessage('crashed')).toBe(
      'The window’s page crashed, so Unpod Desk reloaded it. Your saved tasks and sign-in are kept; anything typed but not yet sent may need to be entered again.',
    );
    expect(recoveredMessage('oom')).toMatch(/^The window’s page ran out of memory/);
  });

  it('reloads unless the page died three times within a minute', () => {
    const now = 1_000_000;
    expect(shouldReloadAfterCrash([], now)).toBe(true);
    expect(shouldReloadAfterCrash([now - 5_000], now)).toBe(true);
    expect(shouldReloadAfterCrash([now - 10_000, now - 5_000], now)).toBe(false);
    expect(shouldReloadAfterCrash([now - 120_000, now - 90_000], now)).toBe(true);
  });
});
