// `npm run bench [-- name…]`: runs every test/bench/*.bench.ts module (or those whose name
// matches an argument), one after the other, and prints their figures. Nothing is asserted.
// A bench module default-exports a BenchModule (see bench-kit.ts).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatNumber, machineInfo, type BenchContext, type BenchModule } from './bench-kit.ts';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).map((a) => a.toLowerCase());

function isBenchModule(value: unknown): value is BenchModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BenchModule).name === 'string' &&
    typeof (value as BenchModule).run === 'function'
  );
}

async function main(): Promise<number> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  console.log('Unpod Desk benchmarks');
  for (const line of machineInfo()) console.log(`  ${line}`);
  let failures = 0;
  const started = performance.now();
  for (const file of files) {
    const loaded: unknown = (await import(pathToFileURL(join(here, file)).href)).default;
    if (!isBenchModule(loaded)) {
      console.error(`\n${file}: does not default-export a bench module (name, description, run); skipped`);
      failures++;
      continue;
    }
    if (filters.length > 0 && !filters.some((f) => loaded.name.toLowerCase().includes(f))) continue;
    if (loaded.optIn && !filters.includes(loaded.name.toLowerCase())) {
      console.log(`\n== ${loaded.name}: skipped (opt-in: npm run bench -- ${loaded.name})`);
      continue;
    }
    console.log(`\n== ${loaded.name}: ${loaded.description}`);
    const tempDir = mkdtempSync(join(tmpdir(), `unpod-bench-${loaded.name.replace(/\W+/g, '-')}-`));
    const ctx: BenchContext = {
      tempDir,
      report: (label, value, unit = '') =>
        console.log(
          `  ${label.padEnd(52)} ${typeof value === 'number' ? formatNumber(value) : value} ${unit}`.trimEnd(),
        ),
      note: (text) => console.log(`  ${text}`),
    };
    const moduleStart = performance.now();
    try {
      await loaded.run(ctx);
      console.log(`  (${((performance.now() - moduleStart) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failures++;
      console.error(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      rmSync(tempDir, { recursive: true, force: true });
    }
  }
  console.log(`\nall benchmarks: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
