// Lead files in the Electron app: the preload turns a File the user chose into its path
// (webUtils.getPathForFile), main stages and previews it, and the export of problem rows goes
// through main's save dialog (stubbed here to answer with a path). Skips without the binary.
import { readFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { UnpodFiles } from '../../src-main/ipc/contract-import-files.ts';
import type { UnpodApi } from '../../src-main/ipc/contract.ts';
import { electronSkipReason, expect, test } from './fixtures.ts';

type PageWindow = { unpod: UnpodApi; unpodFiles: UnpodFiles; chosen?: File };
const FIXTURES = resolve(import.meta.dirname, '../fixtures/imports');

if (electronSkipReason) console.log(`electron e2e skipped: ${electronSkipReason}`);

test.describe('Electron lead files', () => {
  test.skip(electronSkipReason !== null, `electron e2e skipped: ${electronSkipReason}`);

  test('a chosen file is staged by its path, previewed, and its problem rows saved where the dialog says', async ({
    electronApp,
    appWindow: page,
  }) => {
    const out = mkdtempSync(join(tmpdir(), 'unpod-electron-export-'));
    try {
      const target = join(out, 'fix-me.csv');
      await electronApp.evaluate(({ dialog }, path) => {
        dialog.showSaveDialog = (async () => ({
          canceled: false,
          filePath: path,
        })) as typeof dialog.showSaveDialog;
      }, target);
      // A real file input, filled by Playwright as the system file chooser would.
      await page.evaluate(() => {
        const input = document.createElement('input');
        input.type = 'file';
        input.id = 'test-chooser';
        input.setAttribute('aria-label', 'Test file chooser');
        input.addEventListener('change', () => {
          (window as unknown as PageWindow).chosen = input.files?.[0];
        });
        document.body.append(input);
      });
      await page.locator('#test-chooser').setInputFiles(join(FIXTURES, 'problems.csv'));
      const result = await page.evaluate(async () => {
        const w = window as unknown as PageWindow;
        const staged = await w.unpodFiles.stage(w.chosen!);
        if (!staged.ok) return { staged };
        const preview = await w.unpod.imports.preview({
          sourceId: staged.data.sourceId,
          settings: { country: 'IN' },
        });
        const exported = await w.unpodFiles.exportProblems({
          sourceId: staged.data.sourceId,
          settings: { country: 'IN' },
        });
        return { staged, preview, exported };
      });
      expect(result.staged).toMatchObject({ ok: true, data: { name: 'problems.csv' } });
      expect(result.preview).toMatchObject({
        ok: true,
        data: { counts: { rows: 5, ready: 1, withProblems: 4 } },
      });
      expect(result.exported).toEqual({
        ok: true,
        data: { rows: 4, fileName: 'problems - rows with problems.csv', savedTo: target, downloadUrl: null },
      });
      expect((await readFile(target, 'utf8')).split('\r\n')[0]).toBe(
        '\uFEFFRow,Name,Phone,Alternate number,Email,Reason',
      );
      await page.evaluate(() => document.getElementById('test-chooser')?.remove());
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('a File made in the page has no path on disk and is refused with a reason', async ({
    appWindow: page,
  }) => {
    const staged = await page.evaluate(() =>
      (window as unknown as PageWindow).unpodFiles.stage(new File(['Name,Phone\n'], 'made.csv')),
    );
    expect(staged).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        message: 'This item is not a file on this computer: drop or choose a CSV file.',
      },
    });
  });
});
