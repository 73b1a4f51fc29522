// "Open with Unpod Desk": which command-line arguments are CSV files to import, and the one
// service function every way in (argv, second launch, macOS open-file) hands them to.
import { describe, expect, it } from 'vitest';
import { csvPathsFromArgv } from '../../src-main/desktop/open-with-args.ts';
import type { EventName, EventPayload } from '../../src-main/ipc/contract.ts';
import { createOpenWithService } from '../../src-main/services/open-with.ts';

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
  function setup() {
    const sent: { event: EventName; payload: unknown }[] = [];
    const emit = <E extends EventName>(event: E, payload: EventPayload<E>) =>
      void sent.push({ event, payload });
    const service = createOpenWithService({ emit, now: () => new Date('2026-12-03T10:00:00.000Z') });
    return { sent, service };
  }

  it('tells the window at once, and keeps the file until the window takes it (once)', () => {
    const { sent, service } = setup();
    expect(service.offerImportFile('/home/asha/leads/march.csv')).toBe(true);
    const offered = { path: '/home/asha/leads/march.csv', name: 'march.csv', at: '2026-12-03T10:00:00.000Z' };
    expect(sent).toEqual([{ event: 'desktop.fileOffered', payload: offered }]);
    expect(service.takeOffered()).toEqual(offered);
    expect(service.takeOffered()).toBeNull();
  });

  it('two files before the window looked: the last one is taken', () => {
    const { service } = setup();
    service.offerImportFile('/a/first.csv');
    service.offerImportFile('/a/second.csv');
    expect(service.takeOffered()?.name).toBe('second.csv');
  });

  it('refuses what is not an absolute path to a CSV, and tells no one', () => {
    const { sent, service } = setup();
    expect(service.offerImportFile('relative.csv')).toBe(false);
    expect(service.offerImportFile('/etc/passwd')).toBe(false);
    expect(sent).toEqual([]);
    expect(service.takeOffered()).toBeNull();
  });
});
