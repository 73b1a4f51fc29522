// "Open with Unpod Desk": which command-line arguments are CSV files to import, and the one
// service function every way in (argv, second launch, macOS open-file) hands them to.
import { chmod, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvPathsFromArgv } from '../../src-main/desktop/open-with-args.ts';
import type { EventName, EventPayload } from '../../src-main/ipc/contract.ts';
import { createOpenWithHandlers, createOpenWithService } from '../../src-main/services/open-with.ts';
import { createStaging, STAGE_MAX_BYTES } from '../../src-main/services/imports/staging.ts';
import { getSource } from '../../src-main/imports/read/index.ts';

describe('CSV paths on the command line', () => {
  it('packaged app: the executable is skipped, the CSV is kept', () => {
    expect(
      csvPathsFromArgv(['/opt/Unpod Desk/unpod-desk', '/home/asha/leads/march.csv'], {
        cwd: '/home/asha',
        skip: 1,
      }),
    ).toEqual(['/home/asha/leads/march.csv']);
  });

  it('while developing (electron .): electron and the app path are skipped', () => {
    expect(
      csvPathsFromArgv(['/repo/node_modules/electron/dist/electron', '.', 'leads.csv'], {
        cwd: '/repo',
        skip: 2,
      }),
    ).toEqual(['/repo/leads.csv']);
  });

  it("Electron's and Chromium's switches, the app's own and macOS's -psn are skipped", () => {
    const argv = [
      '/Applications/Unpod Desk.app/Contents/MacOS/Unpod Desk',
      '-psn_0_1234567',
      '--no-sandbox',
      '--allow-file-access-from-files',
      '--original-process-start-time=13340000000000000',
      '--demo',
      '--user-data-dir=/tmp/x.csv',
      'Leads Q2.CSV',
      'notes.txt',
      'archive.csv.zip',
    ];
    expect(csvPathsFromArgv(argv, { cwd: '/Users/asha/Desktop', skip: 1 })).toEqual([
      '/Users/asha/Desktop/Leads Q2.CSV',
    ]);
  });

  it('a second launch: relative paths from its own folder, file:// URLs from a desktop entry, no duplicates', () => {
    const argv = [
      'unpod-desk',
      './a.csv',
      '../shared/b.csv',
      'file:///home/asha/c%20d.csv',
      '/home/asha/work/a.csv',
    ];
    expect(csvPathsFromArgv(argv, { cwd: '/home/asha/work', skip: 1 })).toEqual([
      '/home/asha/work/a.csv',
      '/home/asha/shared/b.csv',
      '/home/asha/c d.csv',
    ]);
  });

  it('a switch Chromium put before the app path does not shift which arguments are skipped', () => {
    const argv = ['/usr/lib/electron', '--original-process-start-time=1', '/repo', 'leads.csv'];
    expect(csvPathsFromArgv(argv, { cwd: '/work', skip: 2 })).toEqual(['/work/leads.csv']);
    // A CSV as the executable's only argument is never mistaken for the app path in a packaged app.
    expect(csvPathsFromArgv(['/opt/unpod-desk', '--no-sandbox', 'x.csv'], { cwd: '/w', skip: 1 })).toEqual([
      '/w/x.csv',
    ]);
  });

  it('nothing to open: an empty list', () => {
    expect(csvPathsFromArgv(['unpod-desk'], { cwd: '/', skip: 1 })).toEqual([]);
    expect(csvPathsFromArgv(['unpod-desk', '--demo', ''], { cwd: '/', skip: 1 })).toEqual([]);
  });
});

describe('offering a file to the Import page', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unpod-open-with-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Lead import's real staging over real files: what taking an offered file gives the window.
  function setup() {
    const sent: { event: EventName; payload: unknown }[] = [];
    const emit = <E extends EventName>(event: E, payload: EventPayload<E>) =>
      void sent.push({ event, payload });
    const staging = createStaging({ dataDir: join(dir, 'data') });
    const service = createOpenWithService({
      emit,
      stage: (path) => staging.stagePath(path),
      now: () => new Date('2026-12-03T10:00:00.000Z'),
    });
    return { sent, service };
  }

  async function csv(name: string, text = 'name,contact_number\nAsha Rao,+14155550100\n'): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }

  it('tells the window at once (without the path), and stages the file when the window takes it, once', async () => {
    const { sent, service } = setup();
    const path = await csv('march.csv');
    expect(service.offerImportFile(path)).toBe(true);
    expect(sent).toEqual([
      { event: 'desktop.fileOffered', payload: { name: 'march.csv', at: '2026-12-03T10:00:00.000Z' } },
    ]);
    const staged = await service.takeOffered();
    expect(staged).toMatchObject({ name: 'march.csv', size: 42 });
    // Staged as lead import stages a chosen file: its reader knows the file by the id.
    expect(getSource(staged?.sourceId ?? '')?.path).toBe(path);
    expect(await service.takeOffered()).toBeNull();
  });

  it('two files before the window looked: the last one is taken', async () => {
    const { service } = setup();
    service.offerImportFile(await csv('first.csv'));
    service.offerImportFile(await csv('second.csv'));
    expect((await service.takeOffered())?.name).toBe('second.csv');
    expect(await service.takeOffered()).toBeNull();
  });

  it('a file that cannot be staged gives the window its reason, and is not offered again', async () => {
    const { service } = setup();
    const handlers = createOpenWithHandlers(service);
    service.offerImportFile(join(dir, 'moved.csv'));
    await expect(handlers['desktop.takeOfferedFile']({})).rejects.toMatchObject({
      code: 'not_found',
      message: '“moved.csv” is no longer there: it was moved or deleted.',
    });
    expect(await service.takeOffered()).toBeNull();

    const huge = await csv('huge.csv', '');
    await truncate(huge, STAGE_MAX_BYTES + 1); // sparse: no disk used
    service.offerImportFile(huge);
    await expect(service.takeOffered()).rejects.toMatchObject({ code: 'bad_request' });

    if (process.getuid?.() !== 0) {
      const locked = await csv('locked.csv');
      await chmod(locked, 0o000);
      service.offerImportFile(locked);
      await expect(service.takeOffered()).rejects.toMatchObject({
        code: 'bad_request',
        message: '“locked.csv” cannot be read: check that you are allowed to open it.',
      });
    }
  });

  it('refuses what is not an absolute path to a CSV, and tells no one', async () => {
    const { sent, service } = setup();
    expect(service.offerImportFile('relative.csv')).toBe(false);
    expect(service.offerImportFile('/etc/passwd')).toBe(false);
    expect(sent).toEqual([]);
    expect(await service.takeOffered()).toBeNull();
  });
});
