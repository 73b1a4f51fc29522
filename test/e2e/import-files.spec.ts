// The page's half of staging a lead file in the web host, in real Chromium: the web bridge's
// (window as unknown as PageWindow).unpodFiles streams a File to the host's upload route, the preview comes back over
// window.unpod, and the export of problem rows arrives as a browser download. (The Import page
// that drives this with a drop or the file chooser is tested with the page itself.)
import { readFile } from 'node:fs/promises';
import type { UnpodFiles } from '../../src-main/ipc/contract-import-files.ts';
import type { UnpodApi } from '../../src-main/ipc/contract.ts';
import { expect, openDemo, test } from './fixtures.ts';

/** What the preloads put on the page's window (src-renderer/env.d.ts; tests see the plain DOM). */
type PageWindow = { unpod: UnpodApi; unpodFiles: UnpodFiles };

test('a File from the page is staged through the upload route, previewed, and its problem rows downloaded', async ({
  app,
}) => {
  await openDemo(app);
  const preview = await app.evaluate(async () => {
    const csv =
      'Nombre;Teléfono;Correo\r\nAna López;+34 612 345 678;ana@example.es\r\nLuis;4.47E+11;luis@example.es\r\n';
    const file = new File([csv], 'leads ñ.csv', { type: 'text/csv' });
    const staged = await (window as unknown as PageWindow).unpodFiles.stage(file);
    if (!staged.ok) return { staged };
    const result = await (window as unknown as PageWindow).unpod.imports.preview({
      sourceId: staged.data.sourceId,
      settings: { country: 'ES' },
    });
    return { staged, result };
  });
  expect(preview.staged).toEqual({
    ok: true,
    data: { sourceId: expect.any(String), name: 'leads ñ.csv', size: 99 },
  });
  if (!preview.result?.ok) throw new Error(JSON.stringify(preview.result));
  expect(preview.result.data.layout).toMatchObject({
    delimiter: ';',
    headers: ['Nombre', 'Teléfono', 'Correo'],
  });
  expect(preview.result.data.counts).toMatchObject({ rows: 2, ready: 1, withProblems: 1 });
  expect(preview.result.data.firstRows[0]?.document).toEqual({
    name: 'Ana López',
    contact_number: '+34612345678',
    email: 'ana@example.es',
  });

  const sourceId = preview.staged.ok ? preview.staged.data.sourceId : '';
  const [download, exported] = await Promise.all([
    app.waitForEvent('download'),
    app.evaluate(
      (id) =>
        (window as unknown as PageWindow).unpodFiles.exportProblems({
          sourceId: id,
          settings: { country: 'ES' },
        }),
      sourceId,
    ),
  ]);
  expect(exported).toMatchObject({
    ok: true,
    data: { rows: 1, fileName: 'leads ñ - rows with problems.csv' },
  });
  expect(download.suggestedFilename()).toBe('leads ñ - rows with problems.csv');
  const text = await readFile(await download.path(), 'utf8');
  expect(text.split('\r\n').slice(0, 2)).toEqual([
    '\uFEFFRow,Nombre,Teléfono,Correo,Reason',
    '3,Luis,4.47E+11,luis@example.es,"“4.47E+11” is a number a spreadsheet turned into scientific notation, which loses its last digits: format the column as Text, type the number again, and export the file again."',
  ]);
});

test('an image dropped as a lead file says what it is and what to do', async ({ app }) => {
  await openDemo(app);
  const result = await app.evaluate(async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const staged = await (window as unknown as PageWindow).unpodFiles.stage(new File([png], 'photo.png'));
    if (!staged.ok) return null;
    return (window as unknown as PageWindow).unpod.imports.preview({
      sourceId: staged.data.sourceId,
      settings: { country: 'IN' },
    });
  });
  expect(result).toMatchObject({
    ok: true,
    data: {
      layout: null,
      problem: {
        code: 'not_csv',
        message: 'This is a PNG image, not a table: import the CSV file of the leads instead.',
      },
    },
  });
});
