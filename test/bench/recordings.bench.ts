// Recordings: "Make available offline" of 100 recordings from the local sandbox (time, MB/s),
// and the waveform peaks of a 30-minute recording, WAV and MP3, in the worker thread the app
// uses (time, peak memory of the process while it runs).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BulkDownloadStatus, RecordingsCacheInfo } from '../../src-main/ipc/contract-recordings.ts';
import type { TaskPage } from '../../src-main/ipc/contract.ts';
import { createRouter } from '../../src-main/ipc/router.ts';
import { encodeMp3 } from '../../src-main/sandbox/audio-encode.ts';
import type { SpeechTurn } from '../../src-main/sandbox/data/task-types.ts';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import { encodeWav, renderSpeech } from '../../src-main/sandbox/recordings.ts';
import { createAppServices } from '../../src-main/services/app-services.ts';
import { createPeaksReader } from '../../src-main/services/recordings/peaks.ts';
import { createUnpodClient } from '../../src-main/unpod/index.ts';
import { type BenchContext, type BenchModule } from './bench-kit.ts';

const MB = 1024 * 1024;

async function bulkDownload(ctx: BenchContext, sandbox: Sandbox): Promise<void> {
  const dataDir = join(ctx.tempDir, 'app');
  await mkdir(dataDir, { recursive: true });
  const progress: BulkDownloadStatus[] = [];
  const services = createAppServices({
    dataDir,
    emit: (event, payload) => {
      if (event === 'recordings.offlineProgress') progress.push(payload as BulkDownloadStatus);
    },
    host: 'web',
    version: 'bench',
  });
  const router = createRouter(services.handlers, { validateOutput: true });
  const call = async <T>(channel: string, input: unknown = {}): Promise<T> => {
    const result = await router.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
    return result.data as T;
  };
  try {
    await services.workspace.openSession({
      kind: 'profile',
      profileId: 'bench',
      profileName: 'Bench',
      dataDir: join(dataDir, 'profiles', 'bench'),
      client: createUnpodClient({
        baseUrl: sandbox.baseUrl,
        token: sandbox.credentials.token,
        timeoutMs: 120_000,
      }),
      preferredOrgHandle: sandbox.credentials.orgHandle,
      preferredSpaceToken: sandbox.credentials.spaceToken,
    });
    const scope = { kind: 'space', spaceToken: sandbox.credentials.spaceToken };
    await call('sync.start', { scope });
    await services.tasks.whenIdle(scope as never);
    // The newest 100 calls with a recording: from the created time of the 100th.
    const rows = (
      await call<TaskPage>('tasks.query', {
        scope,
        limit: 500,
        sort: { field: 'created', direction: 'desc' },
      })
    ).rows.filter((r) => r.hasRecording);
    if (rows.length < 100) throw new Error(`only ${rows.length} recordings in the space`);
    const filters = { createdFrom: rows[99]!.createdAt };

    const run = async (): Promise<{ status: BulkDownloadStatus; ms: number }> => {
      const t0 = performance.now();
      const started = await call<BulkDownloadStatus>('recordings.downloadOffline', { scope, filters });
      for (;;) {
        const last = progress.findLast((p) => p.jobId === started.jobId);
        if (last && last.phase !== 'running') return { status: last, ms: performance.now() - t0 };
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    // The sandbox renders each recording on its first request (MP3s take seconds): a first pass
    // fills its memory, then the cache is cleared and the measured pass downloads from it.
    const warm = await run();
    ctx.note(`first pass (the sandbox renders the audio meanwhile): ${(warm.ms / 1000).toFixed(1)} s`);
    await call<RecordingsCacheInfo>('recordings.clear', { includePinned: true });
    const { status, ms } = await run();
    if (status.phase !== 'done' || status.failed > 0)
      throw new Error(`bulk download ${status.phase}: ${JSON.stringify(status.lastError)}`);
    ctx.note(
      `${status.total} recordings (WAV and MP3, mono and two-channel, 8 kHz), 4 at a time, over HTTP on 127.0.0.1`,
    );
    ctx.report('bulk download of 100 recordings: wall time', ms, 'ms');
    ctx.report('bulk download: size', status.bytes / MB, 'MB');
    ctx.report('bulk download: throughput', status.bytes / MB / (ms / 1000), 'MB/s');
  } finally {
    await services.close();
  }
}

/** Speech turns alternating for `seconds`: agent, then customer, a few seconds each. */
function longCall(seconds: number): SpeechTurn[] {
  const turns: SpeechTurn[] = [];
  for (let t = 0.5, i = 0; t < seconds - 1; i++) {
    const length = 2 + (i % 5);
    turns.push({
      role: i % 2 === 0 ? 'assistant' : 'user',
      startSec: t,
      endSec: Math.min(seconds - 0.5, t + length),
    });
    t += length + 0.6;
  }
  return turns;
}

/** A 30-minute recording, kept between bench runs (encoding the MP3 takes a minute or more). */
async function fixture(kind: 'wav' | 'mp3', seconds: number): Promise<string> {
  const dir = join(tmpdir(), 'unpod-bench-recordings');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `call-${seconds}s-v1.${kind}`);
  if (existsSync(path)) return path;
  const channels = renderSpeech(longCall(seconds), seconds, 7, 1);
  await writeFile(`${path}.tmp`, kind === 'wav' ? encodeWav(channels) : encodeMp3(channels));
  await writeFile(path, await readFile(`${path}.tmp`));
  return path;
}

async function peaks(ctx: BenchContext, kind: 'wav' | 'mp3'): Promise<void> {
  const seconds = 30 * 60;
  const t0 = performance.now();
  const audio = await fixture(kind, seconds);
  const made = performance.now() - t0;
  if (made > 1000)
    ctx.note(
      `(made the 30-minute ${kind.toUpperCase()} fixture in ${(made / 1000).toFixed(1)} s, kept for later runs)`,
    );
  const size = (await readFile(audio)).length;
  const peaksOf = createPeaksReader();
  // The worker shares the process: its memory is the process's growth while it runs.
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const start = performance.now();
  const result = await peaksOf(audio, join(ctx.tempDir, `peaks-${kind}.json`));
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  ctx.report(`peaks of a 30-minute ${kind.toUpperCase()} (${(size / MB).toFixed(1)} MB): time`, ms, 'ms');
  ctx.report(`peaks ${kind.toUpperCase()}: process memory growth at most`, (peak - base) / MB, 'MB');
  ctx.report(`peaks ${kind.toUpperCase()}: peak process memory (RSS)`, peak / MB, 'MB');
  ctx.note(
    `  ${result.lanes[0]!.max.length} min/max pairs per lane, ${result.durationSeconds.toFixed(1)} s of audio`,
  );
}

const bench: BenchModule = {
  name: 'recordings',
  description:
    'bulk download of 100 recordings from the local sandbox; waveform peaks of 30-minute WAV and MP3',
  async run(ctx) {
    // Peaks first, while the process is small (the sandbox below keeps 100 MB of audio).
    await peaks(ctx, 'wav');
    await peaks(ctx, 'mp3');
    const sandbox = await startSandbox({ tasksPerSpace: 200, recordings: { renderCacheBytes: 512 * MB } });
    try {
      await bulkDownload(ctx, sandbox);
    } finally {
      await sandbox.close();
    }
  },
};

export default bench;
