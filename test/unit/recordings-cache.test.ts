// The recordings cache's pure parts: where the folder is on each OS, what eviction removes and
// in which order, and the unpod-media:// scheme's answers (the same range module as the web host).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMediaSchemeRequest } from '../../src-main/electron/media-request.ts';
import {
  appCacheFolder,
  extensionFor,
  fileStemOf,
  recordingsRootFor,
  workspaceFolderName,
} from '../../src-main/services/recordings/cache-folder.ts';
import { chooseEvictions, usageOf } from '../../src-main/services/recordings/eviction.ts';
import { buildContentSecurityPolicy } from '../../src-main/shared/content-security-policy.ts';
import { recordingMediaUrl, taskIdFromMediaPath } from '../../src-main/shared/recording-media.ts';
import type { RecordingEntry } from '../../src-main/store/index.ts';

describe('the recordings folder', () => {
  it('is in the OS cache folder, never a roaming or backed-up one', () => {
    expect(recordingsRootFor({ platform: 'linux', env: {}, home: '/home/ana' })).toBe(
      '/home/ana/.cache/unpod-desk/recordings',
    );
    expect(
      recordingsRootFor({ platform: 'linux', env: { XDG_CACHE_HOME: '/var/cache/ana' }, home: '/home/ana' }),
    ).toBe('/var/cache/ana/unpod-desk/recordings');
    // A relative XDG_CACHE_HOME is invalid by the spec and ignored.
    expect(appCacheFolder({ platform: 'linux', env: { XDG_CACHE_HOME: 'cache' }, home: '/home/ana' })).toBe(
      '/home/ana/.cache/unpod-desk',
    );
    expect(recordingsRootFor({ platform: 'darwin', env: {}, home: '/Users/ana' })).toBe(
      '/Users/ana/Library/Caches/dev.unpod.desk/recordings',
    );
    // %LOCALAPPDATA%, not %APPDATA% (which roams with the profile).
    expect(
      recordingsRootFor({
        platform: 'win32',
        env: { LOCALAPPDATA: 'C:\\Users\\Ana\\AppData\\Local', APPDATA: 'C:\\Users\\Ana\\AppData\\Roaming' },
        home: 'C:\\Users\\Ana',
      }),
    ).toBe('C:\\Users\\Ana\\AppData\\Local\\Unpod Desk\\Cache\\recordings');
    expect(recordingsRootFor({ platform: 'win32', env: {}, home: 'C:\\Users\\Ana' })).toBe(
      'C:\\Users\\Ana\\AppData\\Local\\Unpod Desk\\Cache\\recordings',
    );
    expect(recordingsRootFor({ platform: 'freebsd', env: {}, home: '/home/ana' })).toBe(
      '/home/ana/.cache/unpod-desk/recordings',
    );
  });

  it('has one folder per workspace, and file names that are safe on every file system', () => {
    expect(workspaceFolderName('demo', null)).toBe('demo');
    expect(workspaceFolderName('profile', 'a1b2')).toBe('profile-a1b2');
    expect(workspaceFolderName('profile', '../x')).toBe('profile-___x');
    expect(fileStemOf('T0123abc', () => 'ffff')).toBe('T0123abc');
    expect(fileStemOf('a/../b:c', () => '0123456789abcdef')).toBe('a____b_c-0123456789ab');
    expect(extensionFor('audio/mpeg', null)).toBe('mp3');
    expect(extensionFor('audio/wav; charset=x', null)).toBe('wav');
    expect(extensionFor('application/octet-stream', 'https://s3/x/rec.mp3?sig=1')).toBe('mp3');
    expect(extensionFor(null, 'https://s3/x/rec')).toBe('bin');
  });
});

const entry = (taskId: string, over: Partial<RecordingEntry> = {}): RecordingEntry => ({
  taskId,
  file: `files/${taskId}.wav`,
  bytes: 100,
  contentType: 'audio/wav',
  lastPlayedAt: null,
  pinned: false,
  complete: true,
  downloadedAt: 1,
  ...over,
});

describe('eviction', () => {
  const entries = [
    entry('played-long-ago', { lastPlayedAt: 10 }),
    entry('never-played-old', { downloadedAt: 5 }),
    entry('played-recently', { lastPlayedAt: 1000 }),
    entry('pinned-oldest', { lastPlayedAt: 1, pinned: true }),
    entry('partial', { complete: false, bytes: null }),
  ];

  it('removes nothing under the limit, and counts only complete files', () => {
    expect(usageOf(entries)).toEqual({ usedBytes: 400, count: 4, pinnedCount: 1, pinnedBytes: 100 });
    expect(chooseEvictions(entries, 400)).toEqual([]);
  });

  it('evicts the least recently played first (never played: since downloaded), never a pinned one', () => {
    expect(chooseEvictions(entries, 300).map((e) => e.taskId)).toEqual(['never-played-old']);
    expect(chooseEvictions(entries, 200).map((e) => e.taskId)).toEqual([
      'never-played-old',
      'played-long-ago',
    ]);
    // Pinned ones stay even when that leaves the cache over its limit.
    expect(chooseEvictions(entries, 0).map((e) => e.taskId)).toEqual([
      'never-played-old',
      'played-long-ago',
      'played-recently',
    ]);
  });

  it('follows the limit when it changes, and keeps the recording being opened', () => {
    expect(chooseEvictions(entries, 350)).toHaveLength(1);
    expect(chooseEvictions(entries, 150)).toHaveLength(3);
    expect(chooseEvictions(entries, 300, new Set(['never-played-old'])).map((e) => e.taskId)).toEqual([
      'played-long-ago',
    ]);
  });
});

describe('the unpod-media:// scheme', () => {
  let dir: string;
  const bytes = Buffer.from('RIFF....WAVEdata-0123456789');
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'media-scheme-'));
    await mkdir(join(dir, 'files'));
    await writeFile(join(dir, 'files', 'T1.wav'), bytes);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const lookup = async (taskId: string) =>
    taskId === 'T1'
      ? { root: dir, file: 'files/T1.wav', contentType: 'audio/wav', bytes: bytes.length }
      : null;

  it('serves the URL recordings.open gives, with byte ranges', async () => {
    const url = recordingMediaUrl('electron', 'T1');
    expect(url).toBe('unpod-media://recordings/T1');
    const whole = await answerMediaSchemeRequest(new Request(url.replace('unpod-media:', 'http:')), lookup);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await answerMediaSchemeRequest(
      new Request('http://recordings/T1', { headers: { Range: 'bytes=4-' } }),
      lookup,
    );
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-${bytes.length - 1}/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(4))).toBe(true);
  });

  it('answers 404 for another host, an unknown task or a path that is not a task id', async () => {
    for (const url of [
      'http://elsewhere/T1',
      'http://recordings/T2',
      'http://recordings/..%2Ffiles%2FT1.wav',
      'http://recordings/a/b',
    ]) {
      expect((await answerMediaSchemeRequest(new Request(url), lookup)).status, url).toBe(404);
    }
    expect(taskIdFromMediaPath('/media/recordings/..', '/media/recordings/')).toBeNull();
    expect(taskIdFromMediaPath('/media/recordings/T%2F1', '/media/recordings/')).toBeNull();
  });

  it('is named by the CSP media-src the Electron host sends', () => {
    const csp = buildContentSecurityPolicy({ mediaSources: ['unpod-media:'] });
    expect(csp).toContain("media-src 'self' unpod-media:");
  });
});
