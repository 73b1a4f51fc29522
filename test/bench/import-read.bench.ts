// Reading a lead file: decode + parse + map + validate (the read worker, through
// readCheckedLeads, as the preview and the journal use it) for 10k and 100k generated rows,
// beside Papa Parse's raw parse of the same text (typing off, in one string: the floor for any
// CSV reading here). Then the large file: 500k rows (~100 MB) with the process's peak memory
// growth (RSS, sampled) and the main thread's event-loop delay while the worker reads.
// Targets (from the issue): 10k ≤ 1 s; 100k ≤ 5 s; 500k / 100 MB growth ≤ 200 MB.
// BENCH_IMPORT_BIG_ROWS=N changes the large run's size (default 500,000).
import { readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Papa from 'papaparse';
import { readCheckedLeads, registerSource, releaseSource } from '../../src-main/imports/read/index.ts';
import { writeLeadFile } from '../support/lead-file-generator.ts';
import { envInt, type BenchContext, type BenchModule } from './bench-kit.ts';

const MB = 1024 * 1024;

async function readAll(path: string): Promise<{ ms: number; cpuMs: number; rows: number; ready: number }> {
  const source = registerSource({ path, name: 'bench.csv', size: statSync(path).size, temporary: false });
  const started = performance.now();
  const cpu = process.cpuUsage();
  let rows = 0;
  let ready = 0;
  try {
    for await (const batch of readCheckedLeads(source.id, { country: 'IN', windowDays: 0 })) {
      rows += batch.length;
      for (const lead of batch) if (lead.document !== null && lead.duplicate === null) ready++;
    }
  } finally {
    await releaseSource(source.id);
  }
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, rows, ready };
}

async function throughput(ctx: BenchContext, rows: number): Promise<void> {
  const path = join(ctx.tempDir, `leads-${rows}.csv`);
  const file = await writeLeadFile(path, rows);
  const mb = file.bytes / MB;
  ctx.note(
    `${rows.toLocaleString('en-US')} rows, ${mb.toFixed(1)} MB (7 columns, quoted cells, ~1% problems, ~1% duplicates)`,
  );
  const text = readFileSync(path, 'utf8');
  const papaStart = performance.now();
  const parsed = Papa.parse<string[]>(text);
  const papaMs = performance.now() - papaStart;
  const ours = await readAll(path);
  if (ours.rows !== rows || parsed.data.length < rows) throw new Error(`read ${ours.rows} of ${rows} rows`);
  ctx.report(`  decode+parse+map+validate (worker, end to end)`, ours.ms, 'ms');
  ctx.report(`  CPU time, both threads (less sensitive to a busy machine)`, ours.cpuMs, 'ms');
  ctx.report(`  rows per second`, (rows / ours.ms) * 1000, 'rows/s');
  ctx.report(`  ours`, mb / (ours.ms / 1000), 'MB/s');
  ctx.report(`  Papa Parse raw parse of the same text`, mb / (papaMs / 1000), 'MB/s');
  ctx.report(`  ours / Papa raw`, papaMs / ours.ms, '×');
  ctx.report(`  ready rows`, ours.ready);
}

/** The event-loop delay of an idle main thread for `ms`: what the machine's load alone costs. */
async function idleDelay(ms: number): Promise<{ p99: number; max: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, ms));
  delay.disable();
  return { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
}

async function large(ctx: BenchContext, rows: number): Promise<void> {
  const path = join(ctx.tempDir, `leads-${rows}.csv`);
  const file = await writeLeadFile(path, rows);
  ctx.note(`large file: ${rows.toLocaleString('en-US')} rows, ${(file.bytes / MB).toFixed(1)} MB`);
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  try {
    const result = await readAll(path);
    if (result.rows !== rows) throw new Error(`read ${result.rows} of ${rows} rows`);
    ctx.report('  decode+parse+map+validate', result.ms / 1000, 's');
    ctx.report('  CPU time, both threads', result.cpuMs / 1000, 's');
    ctx.report('  rows per second', (rows / result.ms) * 1000, 'rows/s');
  } finally {
    clearInterval(sampler);
    delay.disable();
  }
  ctx.report('  peak memory growth (process RSS, worker included)', (peak - baseline) / MB, 'MB');
  ctx.report('  main thread event-loop delay p99', delay.percentile(99) / 1e6, 'ms');
  ctx.report('  main thread event-loop delay max', delay.max / 1e6, 'ms');
  const idle = await idleDelay(3000);
  ctx.report('  the same, idle main thread, no read (3 s): p99', idle.p99, 'ms');
  ctx.report('  the same, idle main thread, no read (3 s): max', idle.max, 'ms');
}

const bench: BenchModule = {
  name: 'import-read',
  description: 'reading a lead file: decode, parse, map, validate (10k, 100k, 500k rows)',
  async run(ctx) {
    ctx.note(
      `load average at start: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} (wall times scale with it)`,
    );
    // The large file first, so its memory baseline is the process before any read.
    await large(ctx, envInt('BENCH_IMPORT_BIG_ROWS', 500_000));
    ctx.note('10,000 rows (target ≤ 1 s)');
    await throughput(ctx, 10_000);
    ctx.note('100,000 rows (target ≤ 5 s)');
    await throughput(ctx, 100_000);
  },
};
export default bench;
