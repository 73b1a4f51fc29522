// Shared pieces of the benchmark runner: the module contract, timing and reporting helpers.
// Benchmarks print numbers; they never assert (performance is not a test here).
import { cpus, totalmem } from 'node:os';

export interface BenchContext {
  /** Prints a labelled figure, e.g. report('ingest', 23_412, 'tasks/s'). */
  report(label: string, value: number | string, unit?: string): void;
  /** Prints a free-text line (sizes used, notes). */
  note(text: string): void;
  /** A scratch folder, deleted after the module ran. */
  tempDir: string;
}

export interface BenchModule {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<void> | void;
  /** Runs only when named (`npm run bench -- <name>`): it takes too long for every run. */
  optIn?: boolean;
}

/** Milliseconds elapsed while running `fn`. */
export function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

export function machineInfo(): string[] {
  const cpu = cpus();
  return [
    `cpu: ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} logical cores`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `node: ${process.version} (${process.platform}-${process.arch})`,
  ];
}

/** Reads a positive integer from the environment (for smaller or larger runs), else the default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
