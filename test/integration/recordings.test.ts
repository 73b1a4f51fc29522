// Recordings through the app's channels against the sandbox over real HTTP: download into the
// cache (resumed with Range after a dropped connection, started again where the storage ignores
// Range, signed again when the signed link expired, refused when it answers a web page), served
// with byte ranges by the web host's module, offline plays from the cache and a recording not
// downloaded says "Not available offline"; the limit evicts the least recently played, never a
// pinned one; "Make available offline" for a list.
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  BulkDownloadStatus,
  OfflineEstimate,
  OpenedRecording,
  RecordingPeaks,
  RecordingsCacheInfo,
  RecordingState,
} from '../../src-main/ipc/contract-recordings.ts';
import type { TaskDetail, TaskPage } from '../../src-main/ipc/contract.ts';
import { parsePlatformTime } from '../../src-main/shared/platform-time.ts';
import { answerMediaRequest, toWebResponse } from '../../src-main/host-shared/media-range.ts';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import { createUnpodClient } from '../../src-main/unpod/index.ts';
import {
  cleanupsAfterEach,
  removeDir,
  spaceScope,
  startTestApp,
  syncAndWait,
  waitFor,
  type Harness,
} from './sync-helpers.ts';

const addCleanup = cleanupsAfterEach();
const EPOCH = Date.UTC(2026, 0, 15, 12);

async function setUp(
  options: Parameters<typeof startSandbox>[0] = {},
): Promise<{ sandbox: Sandbox; h: Harness }> {
  const sandbox = await startSandbox({ epochMs: EPOCH, tasksPerSpace: 40, ...options });
  addCleanup(() => sandbox.close());
  // The sandbox renders a recording on its first request (MP3 encoding takes seconds on a busy
  // machine), so the client waits longer for the first byte than the sync tests' 3 s.
  const dataDir = await mkdtemp(join(tmpdir(), 'unpod-recordings-'));
  const app = startTestApp(dataDir);
  await app.services.workspace.openSession({
    kind: 'profile',
    profileId: 'p1',
    profileName: 'Recordings test',
    dataDir: join(dataDir, 'profiles', 'p1'),
    client: createUnpodClient({
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.token,
      timeoutMs: 30_000,
      retry: { limit: 1, baseDelayMs: 10, maxDelayMs: 20 },
    }),
    preferredOrgHandle: sandbox.credentials.orgHandle,
    preferredSpaceToken: sandbox.credentials.spaceToken,
  });
  const h: Harness = { ...app, dataDir, profileDir: join(dataDir, 'profiles', 'p1') };
  addCleanup(async () => {
    await h.close();
    await removeDir(h.dataDir);
    expect(h.unexpected).toEqual([]);
  });
  await syncAndWait(h, spaceScope(sandbox));
  return { sandbox, h };
}

/** Tasks of the main space that have a recording, longest first. */
async function withRecordings(h: Harness, sandbox: Sandbox): Promise<TaskPage['rows']> {
  const page = await h.call<TaskPage>('tasks.query', {
    scope: spaceScope(sandbox),
    sort: { field: 'duration', direction: 'desc' },
    limit: 100,
  });
  return page.rows.filter((r) => r.hasRecording);
}

/** What the web host would answer for the cached recording (the same module as both hosts). */
async function served(h: Harness, taskId: string, range?: string) {
  const file = await h.services.recordings.cachedFile(taskId);
  const answer = await answerMediaRequest({ method: 'GET', range }, file);
  return { answer, body: Buffer.from(await toWebResponse(answer).arrayBuffer()) };
}

async function sandboxBytes(sandbox: Sandbox, h: Harness, taskId: string): Promise<Buffer> {
  const source = await h.services.tasks.currentCache()!.recordings.source(taskId);
  const signed = await fetch(
    `${sandbox.baseUrl}/api/v1/media/pre-signed-url/?url=${encodeURIComponent(source!.recordingUrl!)}`,
    { headers: { Authorization: `Token ${sandbox.credentials.token}` } },
  );
  const { data } = (await signed.json()) as { data: { url: string } };
  return Buffer.from(await (await fetch(data.url)).arrayBuffer());
}

describe('recordings', () => {
  it('downloads a recording into the cache, plays it by URL with ranges, and knows it is offline', async () => {
    const { sandbox, h } = await setUp();
    const [row] = await withRecordings(h, sandbox);
    const before = await h.call<RecordingState>('recordings.state', { taskId: row!.id });
    expect(before.offline).toBe(false);

    const opened = await h.call<OpenedRecording>('recordings.open', { taskId: row!.id });
    expect(opened).toMatchObject({ taskId: row!.id, offline: true });
    expect(opened.contentType).toMatch(/^audio\/(wav|mpeg)$/);
    expect(opened.url).toBe(`/media/recordings/${row!.id}`);
    expect(opened.durationSeconds).toBeCloseTo(row!.durationSeconds!, 1);
    // The call's start is the recording's 0 s: the transcript's wall-clock times line up with it.
    const detail = await h.call<{ status: 'found'; task: TaskDetail }>('tasks.get', { id: row!.id });
    expect(opened.callStartedAt).not.toBeNull();
    const stamped = detail.task.transcript.filter((u) => u.time !== null && u.time !== '');
    for (const u of stamped) {
      const at = (parsePlatformTime(u.time!)! - opened.callStartedAt!) / 1000;
      expect(at).toBeGreaterThanOrEqual(0);
      expect(at).toBeLessThanOrEqual(opened.durationSeconds! + 1);
    }
    // And the audio has speech where the transcript says someone speaks (timestamps are whole
    // seconds; the speech starts within the second after).
    const peaks = await h.call<RecordingPeaks>('recordings.peaks', { taskId: row!.id });
    const spoken = stamped.filter((u) => u.role !== 'system');
    expect(spoken.length).toBeGreaterThan(3);
    for (const u of spoken) {
      const at = (parsePlatformTime(u.time!)! - opened.callStartedAt!) / 1000;
      const from = Math.floor(at * peaks.peaksPerSecond);
      const window = peaks.lanes.flatMap((l) => l.max.slice(from, from + 2 * peaks.peaksPerSecond));
      expect(Math.max(...window), `speech at ${at} s`).toBeGreaterThan(0.05);
    }
    const original = await sandboxBytes(sandbox, h, row!.id);
    expect(opened.bytes).toBe(original.length);

    const whole = await served(h, row!.id);
    expect(whole.answer.status).toBe(200);
    expect(whole.body.equals(original)).toBe(true);
    const tail = await served(h, row!.id, `bytes=${original.length - 100}-`);
    expect(tail.answer.status).toBe(206);
    expect(tail.body.equals(original.subarray(original.length - 100))).toBe(true);

    const availability = await h.call<{ offline: string[] }>('recordings.availability', {
      taskIds: [row!.id, 'TNOTATASK'],
    });
    expect(availability.offline).toEqual([row!.id]);
    expect(h.eventsNamed('recordings.changed').some((e) => e.taskIds?.includes(row!.id))).toBe(true);
    const progress = h.eventsNamed('recordings.downloadProgress').filter((p) => p.taskId === row!.id);
    expect(progress.at(-1)).toEqual({ taskId: row!.id, bytes: original.length, total: original.length });
  });

  it('reads WAV and MP3, mono and two-channel: a waveform lane per channel, as long as the call', async () => {
    const { sandbox, h } = await setUp();
    const rows = await withRecordings(h, sandbox);
    const seen = new Set<string>();
    // Shortest first: MP3 is only used for calls of a minute or less.
    for (const row of rows.reverse()) {
      if (seen.size === 4) break;
      const opened = await h.call<OpenedRecording>('recordings.open', { taskId: row.id });
      const peaks = await h.call<RecordingPeaks>('recordings.peaks', { taskId: row.id });
      expect(peaks.lanes).toHaveLength(opened.channels!);
      expect(peaks.sampleRate).toBe(8000);
      // MP3 adds the encoder's delay and up to a frame of padding (0.14 s each at 8 kHz).
      expect(Math.abs(peaks.durationSeconds - row.durationSeconds!)).toBeLessThan(0.4);
      expect(peaks.lanes[0]!.max.length).toBe(Math.ceil(peaks.durationSeconds * peaks.peaksPerSecond));
      // Speech, not silence: the loudest peak is well above the line hiss.
      expect(Math.max(...peaks.lanes.flatMap((l) => l.max))).toBeGreaterThan(0.1);
      seen.add(`${opened.contentType} ${opened.channels}`);
    }
    expect([...seen].sort()).toEqual(['audio/mpeg 1', 'audio/mpeg 2', 'audio/wav 1', 'audio/wav 2']);
  });

  it('resumes a dropped download with Range from where it stopped', async () => {
    const { sandbox, h } = await setUp();
    const [row] = await withRecordings(h, sandbox);
    const original = await sandboxBytes(sandbox, h, row!.id);
    const servedBefore = sandbox.recordingServer.served.bytes;
    sandbox.recordingServer.cut = { afterBytes: 20_000, times: 1 };
    const first = await h.failure('recordings.open', { taskId: row!.id });
    expect(first.message).toMatch(/dropped|ended early/);
    // Nothing partial is ever served.
    expect((await served(h, row!.id)).answer.status).toBe(404);

    const opened = await h.call<OpenedRecording>('recordings.open', { taskId: row!.id });
    expect(opened.bytes).toBe(original.length);
    expect((await served(h, row!.id)).body.equals(original)).toBe(true);
    // The second attempt asked only for the rest: the storage sent each byte once.
    expect(sandbox.recordingServer.served.bytes - servedBefore).toBe(original.length);
    const reports = h.eventsNamed('recordings.downloadProgress').filter((p) => p.taskId === row!.id);
    expect(reports.every((p) => p.total === original.length)).toBe(true);
  });

  it('starts again from the beginning where the storage does not honour Range', async () => {
    const { sandbox, h } = await setUp({ recordings: { honourRange: false } });
    const [row] = await withRecordings(h, sandbox);
    const original = await sandboxBytes(sandbox, h, row!.id);
    const servedBefore = sandbox.recordingServer.served.bytes;
    sandbox.recordingServer.cut = { afterBytes: 20_000, times: 1 };
    await h.failure('recordings.open', { taskId: row!.id });
    const opened = await h.call<OpenedRecording>('recordings.open', { taskId: row!.id });
    expect(opened.bytes).toBe(original.length);
    expect((await served(h, row!.id)).body.equals(original)).toBe(true);
    // The second attempt fetched the whole file again.
    expect(sandbox.recordingServer.served.bytes - servedBefore).toBe(20_000 + original.length);
  });

  it('asks for a new signed link when the one it kept has expired', async () => {
    const { sandbox, h } = await setUp({ recordings: { signedUrlTtlSeconds: 1 } });
    const [row] = await withRecordings(h, sandbox);
    const original = await sandboxBytes(sandbox, h, row!.id);
    sandbox.recordingServer.cut = { afterBytes: 10_000, times: 1 };
    await h.failure('recordings.open', { taskId: row!.id });
    await new Promise((r) => setTimeout(r, 2100)); // the kept signed link expires
    const opened = await h.call<OpenedRecording>('recordings.open', { taskId: row!.id });
    expect(opened.bytes).toBe(original.length);
    expect((await served(h, row!.id)).body.equals(original)).toBe(true);
  });

  it('refuses a web page instead of audio, and keeps nothing of it', async () => {
    const { sandbox, h } = await setUp();
    const [row] = await withRecordings(h, sandbox);
    sandbox.faults.add({ kind: 'html_page', path: '/media/private/', times: 2 });
    const error = await h.failure('recordings.open', { taskId: row!.id });
    expect(error.code).toBe('invalid_response');
    expect(error.message).toMatch(/web page instead of audio/);
    expect((await h.call<RecordingState>('recordings.state', { taskId: row!.id })).offline).toBe(false);
    const folder = (await h.call<RecordingsCacheInfo>('recordings.cacheInfo')).folder;
    expect(await readdir(join(folder, 'files')).catch(() => [])).toEqual([]);
  });

  it('plays and seeks a downloaded recording offline; one not downloaded is "Not available offline"', async () => {
    const { sandbox, h } = await setUp();
    const [kept, other] = await withRecordings(h, sandbox);
    await h.call('recordings.open', { taskId: kept!.id });
    const original = await served(h, kept!.id);
    await sandbox.close();

    const error = await h.failure('recordings.open', { taskId: other!.id });
    expect(error.code).toBe('not_available_offline');
    expect(error.message).toMatch(/^Not available offline/);
    const opened = await h.call<OpenedRecording>('recordings.open', { taskId: kept!.id });
    expect(opened.offline).toBe(true);
    const seek = await served(h, kept!.id, 'bytes=30000-');
    expect(seek.answer.status).toBe(206);
    expect(seek.body.equals(original.body.subarray(30000))).toBe(true);
    const peaks = await h.call<RecordingPeaks>('recordings.peaks', { taskId: kept!.id });
    expect(peaks.lanes).toHaveLength(opened.channels!);
    expect((await h.failure('recordings.peaks', { taskId: other!.id })).code).toBe('not_available_offline');
  });

  it('keeps to the limit: least recently played go first, pinned ones stay', async () => {
    const { sandbox, h } = await setUp();
    const rows = (await withRecordings(h, sandbox)).slice(0, 4);
    const sizes = new Map<string, number>();
    for (const row of rows) {
      const opened = await h.call<OpenedRecording>('recordings.open', { taskId: row.id });
      sizes.set(row.id, opened.bytes!);
      await new Promise((r) => setTimeout(r, 5)); // distinct "last played" times
    }
    const [a, b, c, d] = rows.map((r) => r.id) as [string, string, string, string];
    // a is pinned; b is played again (now the most recent); c is the least recently played unpinned.
    await h.call('recordings.setPinned', { taskId: a, pinned: true });
    await h.call('recordings.markPlayed', { taskId: b });
    const info = await h.call<RecordingsCacheInfo>('recordings.cacheInfo');
    expect(info).toMatchObject({ count: 4, pinnedCount: 1 });
    // Users cannot go under 100 MB (the channel refuses it); the service takes any limit, so the
    // test holds the cache to its four files less about one.
    await h.services.recordings.setLimit(info.usedBytes - sizes.get(c)! + 1);
    const available = await h.call<{ offline: string[]; pinned: string[] }>('recordings.availability', {
      taskIds: [a, b, c, d],
    });
    expect(available.offline.sort()).toEqual([a, b, d].sort());
    expect(available.pinned).toEqual([a]);
    const tooSmall = await h.failure('recordings.setLimit', { limitBytes: 1000 });
    expect(tooSmall.code).toBe('invalid_input');
    expect(tooSmall.message).toMatch(/at least 100 MB/);

    const cleared = await h.call<RecordingsCacheInfo>('recordings.clear', {});
    expect(cleared).toMatchObject({ count: 1, pinnedCount: 1 });
    const onDisk = await readdir(join(cleared.folder, 'files'));
    expect(onDisk.filter((f) => !f.endsWith('.json'))).toHaveLength(1);
    expect(
      (
        await stat(
          join(
            cleared.folder,
            'files',
            onDisk.find((f) => f.startsWith(a))!,
          ),
        )
      ).size,
    ).toBe(sizes.get(a));
  });

  it('makes a list available offline: estimate, bulk download with progress, then all offline', async () => {
    const { sandbox, h } = await setUp();
    const scope = spaceScope(sandbox);
    const filters = { statuses: ['completed'] };
    const estimate = await h.call<OfflineEstimate>('recordings.estimateOffline', { scope, filters });
    expect(estimate.withRecording).toBeGreaterThan(3);
    expect(estimate).toMatchObject({ alreadyOffline: 0, exact: false, fitsInLimit: true });
    expect(estimate.toDownload).toBe(estimate.withRecording);
    expect(estimate.estimatedBytes).toBeGreaterThan(0);

    const started = await h.call<BulkDownloadStatus>('recordings.downloadOffline', { scope, filters });
    expect(started.phase).toBe('running');
    await waitFor(
      () =>
        h
          .eventsNamed('recordings.offlineProgress')
          .some((s) => s.jobId === started.jobId && s.phase !== 'running'),
      'the bulk download to finish',
      90_000, // the sandbox encodes its MP3s on first request
    );
    const last = h.eventsNamed('recordings.offlineProgress').at(-1)!;
    expect(last.lastError?.message ?? null).toBeNull();
    expect(last).toMatchObject({
      phase: 'done',
      total: estimate.withRecording,
      done: estimate.withRecording,
      failed: 0,
    });
    const again = await h.call<OfflineEstimate>('recordings.estimateOffline', { scope, filters });
    expect(again).toMatchObject({ alreadyOffline: estimate.withRecording, toDownload: 0, exact: true });
    // Before anything of the list is here, the estimate assumes 8 kHz mono WAV (16 kB/s) for every
    // call; the list mixes in two-channel WAV (twice that) and MP3 (a fifth): the right magnitude.
    expect(last.bytes / estimate.estimatedBytes).toBeGreaterThan(0.5);
    expect(last.bytes / estimate.estimatedBytes).toBeLessThan(2);
  });

  it('cleans leftovers at start: stray and stale files go, a lost file is no longer offline, a recent partial stays', async () => {
    const { sandbox, h } = await setUp();
    const [kept, lost] = await withRecordings(h, sandbox);
    await h.call('recordings.open', { taskId: kept!.id });
    await h.call('recordings.open', { taskId: lost!.id });
    const folder = (await h.call<RecordingsCacheInfo>('recordings.cacheInfo')).folder;
    const lostFile = (await readdir(join(folder, 'files'))).find(
      (f) => f.startsWith(lost!.id) && !f.endsWith('.json'),
    )!;
    await h.close();

    // Between runs: a file disappears, a stray one appears, a partial is a month old, one is recent.
    await rm(join(folder, 'files', lostFile));
    await writeFile(join(folder, 'files', 'stray.wav'), 'not in the index');
    await mkdir(join(folder, 'partial'), { recursive: true });
    const old = join(folder, 'partial', 'Told.part');
    await writeFile(old, 'x');
    await writeFile(`${old}.json`, JSON.stringify({ validator: null, total: 10 }));
    const monthAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    await utimes(old, monthAgo, monthAgo);
    const recent = join(folder, 'partial', 'Trecent.part');
    await writeFile(recent, 'x');
    await writeFile(`${recent}.json`, JSON.stringify({ validator: null, total: 10 }));
    await writeFile(join(folder, 'partial', 'orphan.part'), 'no sidecar');

    const again = startTestApp(h.dataDir);
    addCleanup(() => again.close());
    await again.services.workspace.openSession({
      kind: 'profile',
      profileId: 'p1',
      profileName: 'Recordings test',
      dataDir: h.profileDir,
      client: createUnpodClient({ baseUrl: sandbox.baseUrl, token: sandbox.credentials.token }),
      preferredOrgHandle: sandbox.credentials.orgHandle,
      preferredSpaceToken: sandbox.credentials.spaceToken,
    });
    const info = await again.call<RecordingsCacheInfo>('recordings.cacheInfo');
    expect(info.count).toBe(1);
    const available = await again.call<{ offline: string[] }>('recordings.availability', {
      taskIds: [kept!.id, lost!.id],
    });
    expect(available.offline).toEqual([kept!.id]);
    expect((await readdir(join(folder, 'files'))).filter((f) => !f.endsWith('.json'))).toEqual(
      (await readdir(join(folder, 'files'))).filter((f) => f.startsWith(kept!.id) && !f.endsWith('.json')),
    );
    expect((await readdir(join(folder, 'partial'))).sort()).toEqual(['Trecent.part', 'Trecent.part.json']);
    // The lost one downloads again when played.
    expect((await again.call<OpenedRecording>('recordings.open', { taskId: lost!.id })).offline).toBe(true);
  });

  it('cancels a bulk download; what finished stays', async () => {
    const { sandbox, h } = await setUp();
    const scope = spaceScope(sandbox);
    sandbox.faults.add({ kind: 'latency', latencyMs: 300, path: '/media/private/' });
    const started = await h.call<BulkDownloadStatus>('recordings.downloadOffline', { scope, filters: {} });
    const cancelled = await h.call<BulkDownloadStatus>('recordings.cancelOffline', { jobId: started.jobId });
    expect(cancelled.phase).toBe('cancelled');
    await waitFor(
      () =>
        h
          .eventsNamed('recordings.offlineProgress')
          .some((s) => s.jobId === started.jobId && s.finishedAt !== null),
      'the cancelled job to end',
    );
    const status = await h.call<BulkDownloadStatus>('recordings.offlineStatus');
    expect(status).toMatchObject({ phase: 'cancelled' });
    expect(status.done).toBeLessThan(status.total);
  });
});
