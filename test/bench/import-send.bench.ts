// Sending leads exactly once: 10,000 leads through the journal to the local sandbox (real HTTP,
// real SQLite, the store's worker), with time, leads per second and duplicates (must be 0); then
// the batch size measured: 1,000 leads at each size with 50 ms added to every create, as a far
// platform answers, which is what the batch size is chosen by (DEFAULT_SEND_TIMING.batchSize).
// BENCH_IMPORT_SEND_LEADS=N changes the main run's size (default 10,000).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startSandbox, type Sandbox } from '../../src-main/sandbox/index.ts';
import { createAppServices } from '../../src-main/services/app-services.ts';
import { DEFAULT_SEND_TIMING } from '../../src-main/services/imports/send-timing.ts';
import { countByDocumentId, inChunks, makeLeads, tasksSince } from '../support/imports-kit.ts';
import { envInt, type BenchContext, type BenchModule } from './bench-kit.ts';

interface Run {
  ms: number;
  created: number;
  duplicates: number;
  missing: number;
  requests: number;
  loopP99Ms: number;
}

async function sendLeads(
  ctx: BenchContext,
  sandbox: Sandbox,
  leads: number,
  batchSize: number,
): Promise<Run> {
  const dataDir = join(ctx.tempDir, `send-${leads}-${batchSize}-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  const services = createAppServices({
    dataDir,
    emit: () => {},
    host: 'web',
    version: 'bench',
    demo: {
      connectTo: { baseUrl: sandbox.baseUrl, credentials: sandbox.credentials },
      demoClient: { retry: { limit: 2, baseDelayMs: 10, maxDelayMs: 50 } },
    },
    sendTiming: { batchSize, progressEveryMs: 250 },
  });
  try {
    await services.workspace.openDemo();
    const since = Date.now();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    const summary = await services.importSend.startWithLeads(
      { name: 'bench.csv', leads: inChunks(makeLeads(leads), 1_000) },
      { duplicates: 'skip' },
      {
        agentHandle: sandbox.credentials.agentHandle,
        spaceToken: sandbox.credentials.spaceToken,
        context: 'Benchmark',
        schedule: { type: 'auto' }, // queued, so the simulator does not run 10k calls meanwhile
      },
    );
    await services.importSend.whenIdle(summary.id);
    const ms = performance.now() - started;
    loop.disable();
    const done = await services.importSend.get(summary.id);
    const requests = Math.ceil(done.counts.created / batchSize);
    const counts = countByDocumentId(await tasksSince(sandbox, since));
    return {
      ms,
      created: done.counts.created,
      duplicates: [...counts.values()].filter((n) => n > 1).length,
      missing: leads - counts.size,
      requests,
      loopP99Ms: loop.percentile(99) / 1e6,
    };
  } finally {
    await services.close();
  }
}

const bench: BenchModule = {
  name: 'import-send',
  description: 'sending leads exactly once to the local sandbox; the batch size measured',
  async run(ctx) {
    const leads = envInt('BENCH_IMPORT_SEND_LEADS', 10_000);
    const main = await startSandbox({ seed: 3, tasksPerSpace: 20 });
    try {
      const size = DEFAULT_SEND_TIMING.batchSize;
      const run = await sendLeads(ctx, main, leads, size);
      ctx.report(`${leads} leads, batches of ${size}: time`, run.ms / 1000, 's');
      ctx.report('  leads per second', (run.created * 1000) / run.ms, 'leads/s');
      ctx.report('  created / duplicates / missing', `${run.created} / ${run.duplicates} / ${run.missing}`);
      ctx.report('  main thread event-loop delay p99', run.loopP99Ms, 'ms');
    } finally {
      await main.close();
    }

    ctx.note('batch size, 1,000 leads, every create answered after 50 ms:');
    for (const batchSize of [10, 25, 50, 100, 200]) {
      const sandbox = await startSandbox({ seed: 4, tasksPerSpace: 20 });
      sandbox.faults.add({ kind: 'latency', latencyMs: 50, method: 'POST', path: '/tasks/' });
      try {
        const run = await sendLeads(ctx, sandbox, 1_000, batchSize);
        ctx.report(
          `  batch ${String(batchSize).padStart(3)}: ${run.requests} requests`,
          `${((run.created * 1000) / run.ms).toFixed(0)} leads/s, ${run.duplicates} duplicates`,
        );
      } finally {
        await sandbox.close();
      }
    }
  },
};
export default bench;
