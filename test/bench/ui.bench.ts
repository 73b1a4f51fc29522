// Opening the task list with 100,000 cached tasks: the time from navigation to the first row
// painted, in Chromium, against the web host (the built renderer, `npx electron-vite build`)
// with a pre-filled cache. The demo workspace's cache is filled with generated tasks under the
// demo space and marked as just synced, so no download runs while measuring.
// "first row in the page": the first body row with content is in the DOM (MutationObserver);
// "first row painted": the next animation frame after that, i.e. the frame that shows it.
// Both are performance.now() in the page: milliseconds since the navigation started.
// The page reports them itself through a binding: waiting with page.waitForFunction would run
// Playwright's injected script (tens of milliseconds of main-thread work) inside the measured
// interval, right when the app is building its first screen.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startSandbox } from '../../src-main/sandbox/index.ts';
import { CACHE_FILE_NAME } from '../../src-main/services/tasks/index.ts';
import { openCache } from '../../src-main/store/index.ts';
import { envInt, percentile, time, type BenchModule } from './bench-kit.ts';
import { SYSTEM_CHROMIUM } from '../support/system-chromium.ts';
import { generateTask } from './task-generator.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
/** Records when the first body row with content appears, and the frame after. */
const FIRST_ROW_PROBE = `
  (() => {
    const marks = {};
    window.__firstRow = marks;
    const found = () =>
      document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"]:not(.task-grid__row--loading)');
    const observer = new MutationObserver(() => {
      if (marks.inDom !== undefined || !found()) return;
      marks.inDom = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        marks.painted = performance.now();
        window.__firstRowPainted(marks);
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  })();
`;

interface FirstRowMarks {
  inDom: number;
  painted: number;
}

function startWebHost(dataDir: string, rendererDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['src-main/web/cli.ts', '--port', '0', '--data-dir', dataDir, '--demo', '--renderer-dir', rendererDir],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolveUrl, reject) => {
    let out = '';
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /^web: (\S+)$/m.exec(out);
      if (m) resolveUrl({ url: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`web host exited (${code}):\n${err}`)));
  });
}

const bench: BenchModule = {
  name: 'ui',
  description: 'task list with 100k cached tasks: navigation to first row painted (Chromium, web host)',
  async run(ctx) {
    // BENCH_UI_RENDERER_DIR serves another build (a copy of out/renderer), to compare two builds.
    const rendererDir = resolve(process.env.BENCH_UI_RENDERER_DIR ?? join(repoRoot, 'out/renderer'));
    if (!existsSync(join(rendererDir, 'index.html'))) {
      ctx.note(`skipped: no built renderer in ${rendererDir} (run npx electron-vite build)`);
      return;
    }
    const size = envInt('BENCH_UI_TASKS', 100_000);
    const runs = envInt('BENCH_UI_RUNS', 7);

    // The demo's space token: the sandbox's data is deterministic (seed 1).
    const probe = await startSandbox();
    const spaceToken = probe.credentials.spaceToken;
    await probe.close();

    const dataDir = join(ctx.tempDir, 'web-data');
    const cacheDir = join(dataDir, 'demo');
    mkdirSync(cacheDir, { recursive: true });
    const { cache } = openCache(join(cacheDir, CACHE_FILE_NAME));
    const scope = { kind: 'space' as const, spaceToken };
    const fillMs = time(() => {
      for (let start = 0; start < size; start += 1000) {
        const chunk = [];
        for (let i = start; i < Math.min(size, start + 1000); i++) chunk.push(generateTask(i));
        cache.tasks.upsertTasks(chunk, scope);
      }
    });
    cache.syncState.set(scope, { lastSyncedAt: new Date().toISOString(), count: size });
    cache.close();
    ctx.note(
      `cache pre-filled with ${size.toLocaleString('en-US')} tasks in ${(fillMs / 1000).toFixed(1)} s`,
    );

    const { url, child } = await startWebHost(dataDir, rendererDir);
    const browser = await chromium.launch(SYSTEM_CHROMIUM);
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      let reportPainted: ((marks: FirstRowMarks) => void) | null = null;
      await context.exposeBinding('__firstRowPainted', (_source, marks: FirstRowMarks) =>
        reportPainted?.(marks),
      );
      await context.addInitScript(FIRST_ROW_PROBE);
      const page = await context.newPage();
      const origin = new URL(url).origin;
      const measure = async (target: string) => {
        const painted = new Promise<FirstRowMarks>((resolveMarks) => (reportPainted = resolveMarks));
        await page.goto(target);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no row painted within 60 s: ${target}`)), 60_000);
        });
        const marks = await Promise.race([painted, timeout]).finally(() => {
          clearTimeout(timer);
          reportPainted = null;
        });
        // Let the page finish its own work (the counts beside the filters, asked for after the
        // rows) so it does not spill into the next measurement.
        await page.getByRole('checkbox', { name: /^Completed/ }).waitFor({ timeout: 60_000 });
        await page.waitForTimeout(300);
        return marks;
      };

      // The first load also opens the cache file in the web host (its full integrity check
      // follows a few seconds later in a worker thread).
      const cold = await measure(`${url}#/tasks`);
      const inDom: number[] = [];
      const painted: number[] = [];
      for (let i = 0; i < runs; i++) {
        const m = await measure(`${origin}/?run=${i}#/tasks`);
        inDom.push(m.inDom);
        painted.push(m.painted);
      }
      const rows = await page.getByRole('status', { name: 'Tasks shown' }).innerText();
      ctx.note(`list shows "${rows}"; viewport 1280×800; ${runs} page loads after a first one`);
      ctx.report('first load (opens the cache file): first row painted', cold.painted, 'ms');
      ctx.report('page load: first row in the page, median', percentile(inDom, 50), 'ms');
      ctx.report('page load: first row painted, median', percentile(painted, 50), 'ms');
      ctx.report('page load: first row painted, worst', Math.max(...painted), 'ms');
      ctx.note('target: first rows painted ≤ 300 ms');
      await context.close();
    } finally {
      await browser.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  },
};

export default bench;
