// Recording download over real HTTP: the raw storage URL is refused (403), the client asks the
// platform to sign it and downloads the signed URL, writing the file only when complete. The
// token goes to the API only: never into a URL, never to the recording host.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import {
  LocalFileError,
  createUnpodClient,
  fetchAllTasks,
  type RequestLogEntry,
  type UnpodClient,
} from '../../src-main/unpod/index.ts';

let sandbox: Sandbox;
let client: UnpodClient;
let requests: RequestLogEntry[] = [];
let dir: string;
let recordingUrl: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 2, tasksPerSpace: 60 });
  client = createUnpodClient({
    baseUrl: sandbox.baseUrl,
    token: sandbox.credentials.token,
    retry: { limit: 1, baseDelayMs: 5, maxDelayMs: 50 },
    onRequest: (r) => requests.push(r),
  }).withOrg(sandbox.credentials.orgHandle);
  const tasks = await fetchAllTasks((page, pageSize, signal) =>
    client.listSpaceTasks(sandbox.credentials.spaceToken, { page, pageSize }, { signal }),
  );
  const withRecording = tasks.find((t) => t.output?.recording_url);
  if (!withRecording) throw new Error('the sandbox data has no task with a recording');
  recordingUrl = withRecording.output!.recording_url!;
  dir = await mkdtemp(path.join(tmpdir(), 'unpod-recording-'));
  requests = [];
});
afterEach(() => {
  sandbox.faults.clear();
  requests = [];
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

/** RIFF/WAVE header with a RIFF size that matches the file. */
function expectWav(bytes: Buffer): void {
  expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
  expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
  expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('fmt ');
}

describe('downloadRecording', () => {
  it('raw URL 403 → pre-signed URL → complete WAV on disk', async () => {
    const dest = path.join(dir, 'call.wav');
    const progress: Array<[number, number | null]> = [];
    const result = await client.downloadRecording(recordingUrl, dest, {
      onProgress: (b, t) => progress.push([b, t]),
    });

    const bytes = await readFile(dest);
    expect(result).toEqual({ path: dest, bytes: bytes.length, contentType: 'audio/wav' });
    expectWav(bytes);
    expect(progress.at(-1)).toEqual([bytes.length, bytes.length]);

    // Exactly: raw try (no token), signing call (token in header), signed download (no token).
    expect(requests.map((r) => [new URL(r.url).pathname, r.withToken])).toEqual([
      [new URL(recordingUrl).pathname, false],
      ['/api/v1/media/pre-signed-url/', true],
      [new URL(recordingUrl).pathname, false],
    ]);
    expect(new URL(requests[1]!.url).searchParams.get('url')).toBe(recordingUrl);
    for (const r of requests) expect(r.url).not.toContain(sandbox.credentials.token);

    // The same bytes as the signed URL serves.
    const signed = await client.getSignedRecordingUrl(recordingUrl);
    const direct = Buffer.from(await (await fetch(signed)).arrayBuffer());
    expect(bytes.equals(direct)).toBe(true);
    expect(await readdir(dir)).toEqual(['call.wav']);
  });

  it('a readable URL is downloaded directly, without asking for a signature', async () => {
    const signed = await client.getSignedRecordingUrl(recordingUrl);
    requests = [];
    const dest = path.join(dir, 'direct.wav');
    await client.downloadRecording(signed, dest);
    expectWav(await readFile(dest));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.withToken).toBe(false);
  });

  it('a missing recording is not_found and leaves no file behind', async () => {
    const sub = await mkdtemp(path.join(dir, 'missing-'));
    const missing = new URL('/media/private/recordings/TNOSUCHTASK.wav', sandbox.baseUrl).href;
    const error = await client.downloadRecording(missing, path.join(sub, 'x.wav')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(await readdir(sub)).toEqual([]);
  });

  it('cancelling mid-download is cancelled and leaves no partial file', async () => {
    const sub = await mkdtemp(path.join(dir, 'cancel-'));
    const controller = new AbortController();
    const error = await client
      .downloadRecording(recordingUrl, path.join(sub, 'x.wav'), {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'cancelled' });
    expect(await readdir(sub)).toEqual([]);
  });

  it('an expired token fails the signing step as forbidden, naming the expiry', async () => {
    const expired = createUnpodClient({
      baseUrl: sandbox.baseUrl,
      token: sandbox.credentials.expiredToken,
      retry: { limit: 0 },
    });
    const sub = await mkdtemp(path.join(dir, 'expired-'));
    const error = await expired
      .downloadRecording(recordingUrl, path.join(sub, 'x.wav'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'forbidden' });
    expect((error as Error).message).toMatch(/expired/);
    expect(await readdir(sub)).toEqual([]);
  });

  it('a destination that cannot be written is a local file error, not a network one', async () => {
    const blocker = path.join(dir, 'not-a-directory');
    await writeFile(blocker, 'x');
    const error = await client
      .downloadRecording(recordingUrl, path.join(blocker, 'x.wav'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalFileError);
    expect((error as LocalFileError).code).toMatch(/^E/);
  });
});
