// The user's preferences (the task list's column widths) through the contract, on a real data
// folder: kept across a restart of the app, refused when malformed, and a damaged file on disk
// costs only the preference it damaged.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Preferences } from '../../src-main/ipc/contract.ts';
import { PREFERENCES_FILE_NAME } from '../../src-main/services/preferences.ts';
import { cleanupsAfterEach, folderForRuns, startAppRun, type TestApp } from './sync-helpers.ts';

const addCleanup = cleanupsAfterEach();

async function dataFolder() {
  return folderForRuns(addCleanup, 'unpod-preferences-');
}

const get = (app: TestApp) => app.call<Preferences>('preferences.get');

describe('preferences', () => {
  it('start empty, and the widths set are there again after a restart', async () => {
    const { dataDir, keychain } = await dataFolder();
    const first = startAppRun(dataDir, keychain, addCleanup);
    expect(await get(first)).toEqual({ taskColumnWidths: {} });

    const set = await first.call<Preferences>('preferences.set', {
      taskColumnWidths: { created: 220, agent: 180 },
    });
    expect(set).toEqual({ taskColumnWidths: { created: 220, agent: 180 } });
    // A second set replaces the widths as a whole (a column reset to its own size is left out).
    await first.call('preferences.set', { taskColumnWidths: { agent: 200 } });
    await first.close();

    const second = startAppRun(dataDir, keychain, addCleanup);
    expect(await get(second)).toEqual({ taskColumnWidths: { agent: 200 } });
    // What is on disk is what was set, nothing more.
    const file = JSON.parse(await readFile(join(dataDir, PREFERENCES_FILE_NAME), 'utf8')) as unknown;
    expect(file).toEqual({ version: 1, preferences: { taskColumnWidths: { agent: 200 } } });
  });

  it('refuses widths out of range, unknown columns and unknown preferences', async () => {
    const { dataDir, keychain } = await dataFolder();
    const app = startAppRun(dataDir, keychain, addCleanup);
    for (const input of [
      { taskColumnWidths: { created: 5 } },
      { taskColumnWidths: { created: 99_999 } },
      { taskColumnWidths: { created: 120.5 } },
      { taskColumnWidths: { secret: 120 } },
      { theme: 'dark' },
    ]) {
      const error = await app.failure('preferences.set', input);
      expect(error.code, JSON.stringify(input)).toBe('invalid_input');
    }
    expect(await get(app)).toEqual({ taskColumnWidths: {} });
  });

  it('a damaged file falls back to the defaults, and the next set writes a good one', async () => {
    const { dataDir, keychain } = await dataFolder();
    const path = join(dataDir, PREFERENCES_FILE_NAME);

    await writeFile(path, '{ "version": 1, "preferences": { "taskColumnWidths": ');
    const notJson = startAppRun(dataDir, keychain, addCleanup);
    expect(await get(notJson)).toEqual({ taskColumnWidths: {} });
    await notJson.close();

    // A width no one could have set (hand-edited, or written by a later version) is dropped
    // with the widths beside it; the file still opens.
    await writeFile(
      path,
      JSON.stringify({ version: 1, preferences: { taskColumnWidths: { created: -3, agent: 150 } } }),
    );
    const badWidth = startAppRun(dataDir, keychain, addCleanup);
    expect(await get(badWidth)).toEqual({ taskColumnWidths: {} });
    expect(badWidth.logs.join('\n')).toContain('some preferences could not be read');
    await badWidth.call('preferences.set', { taskColumnWidths: { agent: 150 } });
    await badWidth.close();

    const again = startAppRun(dataDir, keychain, addCleanup);
    expect(await get(again)).toEqual({ taskColumnWidths: { agent: 150 } });
  });
});
