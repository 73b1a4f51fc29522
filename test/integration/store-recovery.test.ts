// Start-up of the cache file: migrations run once, a damaged or foreign file is moved aside and
// replaced by a working cache, and problems that moving would not fix are reported instead.
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { openSync, closeSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  migrations,
  readUserVersion,
  SCHEMA_VERSION,
} from '../../src-main/store/migrations.ts';
import { openCache, type CacheScope, type Task } from '../../src-main/store/index.ts';
import { openDatabase } from '../../src-main/store/database.ts';
import { createTaskWriter } from '../../src-main/store/task-writes.ts';

const SCOPE: CacheScope = { kind: 'space', spaceToken: 'SPACE' };
const lead = (i: number): Task => ({
  task_id: `T${i}`,
  status: 'completed',
  created: `2025-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00`,
  input: { name: `Lead number ${i}`, contact_number: `+9198000${String(i).padStart(5, '0')}` },
  output: {
    duration: i,
    transcript: [
      { role: 'user', content: `Transcript line for lead ${i} ${randomBytes(40).toString('hex')}` },
    ],
  },
});

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'unpod-store-recovery-'));
  path = join(dir, 'profiles', 'main.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A cache with enough rows to span many pages, closed again. */
function filledCache(count = 2000): void {
  const { cache } = openCache(path);
  cache.tasks.upsertTasks(
    Array.from({ length: count }, (_, i) => lead(i)),
    SCOPE,
  );
  cache.close();
}

function expectWorkingFreshCache(result: ReturnType<typeof openCache>): void {
  expect(result.cache.tasks.queryTasks({ scope: SCOPE }).total).toBe(0);
  expect(result.cache.tasks.upsertTasks([lead(1)], SCOPE).inserted).toBe(1);
  expect(result.cache.tasks.queryTasks({ scope: SCOPE, search: 'lead 1' }).total).toBe(1);
  expect(result.migrationsApplied).toEqual(migrations.map((_, i) => i + 1));
}

describe('migrations', () => {
  it('are applied once, and reopening applies nothing and keeps the data', () => {
    const first = openCache(path);
    expect(first).toMatchObject({
      recovered: false,
      movedTo: null,
      migrationsApplied: migrations.map((_, i) => i + 1),
    });
    expect(readUserVersion(first.cache.database)).toBe(SCHEMA_VERSION);
    first.cache.tasks.upsertTasks([lead(1), lead(2)], SCOPE);
    first.cache.close();
    const again = openCache(path);
    expect(again).toMatchObject({ recovered: false, migrationsApplied: [] });
    expect(again.cache.tasks.queryTasks({ scope: SCOPE }).total).toBe(2);
    again.cache.close();
  });

  it('upgrade a cache of schema 1: numbers are found by their last digits, and nothing else is lost', () => {
    // A file as the previous version left it: schema 1, phone_digits holding only each number's
    // digits and its last ten.
    const oldPath = join(dir, 'old.db');
    const old = openDatabase(oldPath);
    applyMigrations(old, migrations.slice(0, 1));
    const t3 = lead(3);
    t3.output = { ...t3.output, contact_number: '+14697979987' };
    createTaskWriter(old).upsertTasks([lead(1), lead(2), t3], SCOPE);
    old.exec(`UPDATE tasks_fts SET phone_digits = '91980000000' || rowid || ' 980000000' || rowid`);
    // A document damaged on disk is still indexed by its list columns.
    old.exec(
      `UPDATE task_documents SET json = '{"broken' WHERE task_pk = (SELECT pk FROM tasks WHERE id = 'T2')`,
    );
    old.close();

    const upgraded = openCache(oldPath, { quickCheck: true });
    // Every migration after the first runs (later issues append more: the list is not fixed here).
    expect(upgraded).toMatchObject({
      recovered: false,
      migrationsApplied: Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 2),
    });
    const found = (search: string) =>
      upgraded.cache.tasks
        .queryTasks({ scope: SCOPE, search })
        .rows.map((r) => r.id)
        .sort();
    expect(found('00001')).toEqual(['T1']); // last digits of +919800000001
    expect(found('98000 00002')).toEqual(['T2']);
    expect(found('(469) 797-9987')).toEqual(['T3']); // the output's number, from the JSON
    expect(found('lead')).toEqual(['T1', 'T2', 'T3']);
    expect(found('transcript line')).toEqual(['T1', 'T3']); // T2's transcript was in the damaged JSON
    expect(upgraded.cache.database.prepare('SELECT count(*) AS n FROM tasks_fts').get()).toEqual({ n: 3 });
    // Deleting a task still takes its text out of the rebuilt index.
    upgraded.cache.tasks.deleteTasks(['T1']);
    expect(found('lead')).toEqual(['T2', 'T3']);
    upgraded.cache.close();
  });

  it('run in order, each in its own transaction, and a failing one changes nothing', () => {
    const db = new DatabaseSync(join(dir, 'm.db'));
    const steps = [
      (d: DatabaseSync) => d.exec('CREATE TABLE a (x)'),
      (d: DatabaseSync) => d.exec('CREATE TABLE b (x)'),
    ];
    expect(applyMigrations(db, steps)).toEqual([1, 2]);
    expect(applyMigrations(db, steps)).toEqual([]);
    const failing = [
      ...steps,
      (d: DatabaseSync) => {
        d.exec('CREATE TABLE c (x)');
        throw new Error('migration 3 broke');
      },
    ];
    expect(() => applyMigrations(db, failing)).toThrow('migration 3 broke');
    expect(readUserVersion(db)).toBe(2);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'c'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('sets WAL mode and foreign keys', () => {
    const { cache } = openCache(path);
    expect(cache.database.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(cache.database.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    cache.close();
  });
});

describe('a damaged cache file', () => {
  it('full of random bytes is moved aside and replaced', () => {
    mkdirSync(join(dir, 'profiles'));
    const garbage = randomBytes(64 * 1024);
    writeFileSync(path, garbage);
    const result = openCache(path);
    expect(result.recovered).toBe(true);
    expect(result.reason).toMatch(/not a database/);
    expect(result.movedTo).toMatch(/main\.db\.corrupt-\d{4}-\d{2}-\d{2}T[\d-]+Z$/);
    expect(readFileSync(result.movedTo!)).toEqual(garbage); // kept for diagnosis, untouched
    expectWorkingFreshCache(result);
    result.cache.close();
    // The new file is healthy: the next start does not recover again.
    const next = openCache(path);
    expect(next.recovered).toBe(false);
    expect(next.cache.tasks.queryTasks({ scope: SCOPE }).total).toBe(1);
    next.cache.close();
  });

  it('cut short is moved aside and replaced', () => {
    filledCache();
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const result = openCache(path);
    expect(result).toMatchObject({ recovered: true });
    expect(existsSync(result.movedTo!)).toBe(true);
    expectWorkingFreshCache(result);
    result.cache.close();
  });

  it('with garbage written over its middle is moved aside and replaced', () => {
    filledCache();
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, randomBytes(16 * 4096), 0, 16 * 4096, Math.floor(size / 3 / 4096) * 4096);
    closeSync(fd);
    const result = openCache(path);
    expect(result).toMatchObject({ recovered: true });
    expectWorkingFreshCache(result);
    result.cache.close();
  });

  it('with a damaged header is moved aside and replaced', () => {
    filledCache(10);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from('this is not sqlite'), 0, 18, 0);
    closeSync(fd);
    const result = openCache(path);
    expect(result).toMatchObject({ recovered: true });
    expectWorkingFreshCache(result);
    result.cache.close();
  });

  it('with a stale WAL file beside it does not leak that WAL into the fresh cache', () => {
    mkdirSync(join(dir, 'profiles'));
    const staleWal = randomBytes(8192);
    writeFileSync(path, randomBytes(8192));
    writeFileSync(`${path}-wal`, staleWal);
    const result = openCache(path);
    expect(result.recovered).toBe(true);
    // SQLite itself drops the unusable WAL when the damaged file is closed; if one survives, it
    // travels with the moved file. Either way the fresh cache never sees it.
    if (existsSync(`${path}-wal`)) expect(readFileSync(`${path}-wal`).equals(staleWal)).toBe(false);
    expectWorkingFreshCache(result);
    result.cache.close();
  });
});

describe('a file that is not this cache', () => {
  it('another SQLite database is moved aside', () => {
    mkdirSync(join(dir, 'profiles'));
    const other = new DatabaseSync(path);
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    other.close();
    const result = openCache(path);
    expect(result).toMatchObject({
      recovered: true,
      reason: expect.stringMatching(/not an Unpod Desk cache/),
    });
    const moved = new DatabaseSync(result.movedTo!);
    expect(moved.prepare('SELECT body FROM notes').get()).toEqual({ body: 'keep me' });
    moved.close();
    result.cache.close();
  });

  it('a cache from a newer app version is moved aside', () => {
    filledCache(3);
    const db = new DatabaseSync(path);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const result = openCache(path);
    expect(result).toMatchObject({ recovered: true, reason: expect.stringMatching(/newer version/) });
    expectWorkingFreshCache(result);
    result.cache.close();
  });
});

describe('problems moving would not fix', () => {
  it('are thrown, and nothing is moved', () => {
    mkdirSync(path, { recursive: true }); // a folder where the file should be
    expect(() => openCache(path)).toThrow();
    expect(statSync(path).isDirectory()).toBe(true);
    expect(existsSync(`${path}.corrupt`)).toBe(false);
  });
});
