// Resident memory of the store as the app holds it (main thread + writer and reader threads),
// measured in a process of its own (memory-probe.ts) after a sync of N tasks and after a while
// of browsing-like reads. Goal (issue 10): ≤ 250 MiB for the whole main process with 100k tasks.
// Where it goes: each thread's V8 heap, Buffers, and SQLite's page caches (bounded per connection
// in store-worker.ts); the rest of the resident size is code, stacks and the allocator's slack.
// BENCH_MEMORY_TASKS and BENCH_BROWSE_SECONDS set the size and the browsing time.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { envInt, type BenchContext, type BenchModule } from './bench-kit.ts';

const probe = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));

async function run(ctx: BenchContext): Promise<void> {
  const count = envInt('BENCH_MEMORY_TASKS', 100_000);
  const seconds = envInt('BENCH_BROWSE_SECONDS', 60);
  ctx.note(
    `sizes: ${count.toLocaleString('en-US')} tasks written 100 per page (BENCH_MEMORY_TASKS), then ${seconds} s of lists, counts and details (BENCH_BROWSE_SECONDS)`,
  );
  const child = spawn(process.execPath, ['--expose-gc', probe, ctx.tempDir, String(count), String(seconds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    let newline;
    while ((newline = out.indexOf('\n')) !== -1) {
      const line = out.slice(0, newline);
      out = out.slice(newline + 1);
      const figures = JSON.parse(line) as Record<string, number | string>;
      if (figures.phase === 'reads') {
        ctx.note(`  ${String(figures.reads)} reads while browsing`);
        continue;
      }
      const mib = (key: string) => Number(figures[key]).toFixed(1);
      ctx.report(
        `resident memory, ${String(figures.phase)}`,
        Number(figures.rssMiB),
        `MiB   [goal ≤ 250 MiB]`,
      );
      ctx.note(
        `    V8 heaps: main ${mib('mainHeapMiB')}, writer ${mib('writerHeapMiB')}, reader ${mib('readerHeapMiB')} MiB; buffers ${mib('externalMiB')} MiB; SQLite page caches ≤ ${mib('pageCacheLimitMiB')} MiB`,
      );
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the memory probe exited with code ${code}`);
}

const bench: BenchModule = {
  name: 'memory',
  description: 'resident memory of the store (main + worker threads) after a sync and after browsing',
  run,
};
export default bench;
