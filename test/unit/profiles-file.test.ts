import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emptyProfiles,
  loadProfiles,
  profilesFilePath,
  saveProfiles,
  type Profile,
  type ProfilesFile,
} from '../../src-main/services/auth/profiles.ts';

const profile = (id: string, extra: Partial<Profile> = {}): Profile => ({
  id,
  name: `Profile ${id}`,
  baseUrl: 'https://unpod.dev',
  orgHandle: 'acme',
  orgName: 'Acme',
  tokenHint: '…a1b2',
  secretStorage: 'keychain',
  createdAt: '2026-01-02T03:04:05.000Z',
  lastUsedAt: null,
  ...extra,
});

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'unpod-profiles-'));
  file = profilesFilePath(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('profiles file', () => {
  it('starts empty when there is no file', async () => {
    expect(await loadProfiles(file)).toEqual({ data: emptyProfiles(), problem: null });
  });

  it('round-trips profiles and leaves no temp files behind', async () => {
    const data: ProfilesFile = {
      version: 1,
      lastProfileId: 'b',
      profiles: [profile('a'), profile('b', { secretStorage: 'session' })],
    };
    await saveProfiles(file, data);
    await saveProfiles(file, data);
    expect((await loadProfiles(file)).data).toEqual(data);
    expect(await readdir(dir)).toEqual(['profiles.json']);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses to save data that does not match the schema, keeping the old file', async () => {
    await saveProfiles(file, { version: 1, lastProfileId: null, profiles: [profile('a')] });
    const bad = { version: 1, lastProfileId: null, profiles: [profile('../../etc')] } as ProfilesFile;
    await expect(saveProfiles(file, bad)).rejects.toThrow();
    expect((await loadProfiles(file)).data.profiles.map((p) => p.id)).toEqual(['a']);
  });

  it('moves a file that is not JSON aside and reports it instead of crashing', async () => {
    await writeFile(file, '{"version":1,"profiles":[{"id":');
    const now = new Date('2026-03-04T05:06:07.089Z');
    const loaded = await loadProfiles(file, () => now);
    expect(loaded.data).toEqual(emptyProfiles());
    expect(loaded.problem).not.toBeNull();
    expect(loaded.problem!.reason).toMatch(/not valid JSON/);
    expect(loaded.problem!.movedTo).toBe(`${file}.corrupt-2026-03-04T05-06-07-089Z`);
    expect(loaded.problem!.message).toContain('could not be read');
    expect(await readFile(loaded.problem!.movedTo!, 'utf8')).toBe('{"version":1,"profiles":[{"id":');
    // The next load sees no file at all, so the problem is reported once.
    expect(await loadProfiles(file)).toEqual({ data: emptyProfiles(), problem: null });
  });

  it('moves valid JSON with the wrong shape aside, naming the failing field', async () => {
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        lastProfileId: null,
        profiles: [{ ...profile('a'), secretStorage: 'file' }],
      }),
    );
    const loaded = await loadProfiles(file);
    expect(loaded.problem!.reason).toMatch(/profiles\.0\.secretStorage/);
    expect(loaded.data.profiles).toEqual([]);
    expect((await readdir(dir)).filter((n) => n.startsWith('profiles.json.corrupt-'))).toHaveLength(1);
  });

  it('rejects a profile whose server address would send the token over plain http', async () => {
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        lastProfileId: null,
        profiles: [profile('a', { baseUrl: 'http://evil.example' })],
      }),
    );
    const loaded = await loadProfiles(file);
    expect(loaded.problem!.reason).toMatch(/baseUrl/);
  });

  it('drops a lastProfileId that points to no profile', async () => {
    await writeFile(file, JSON.stringify({ version: 1, lastProfileId: 'gone', profiles: [profile('a')] }));
    const loaded = await loadProfiles(file);
    expect(loaded.problem).toBeNull();
    expect(loaded.data.lastProfileId).toBeNull();
  });
});
