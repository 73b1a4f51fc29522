// The task cache's code as it was at an earlier commit, so that a bench can print "before" and
// "now" from the same run on the same machine (this machine is shared: figures from another
// run are not comparable). The commit's src-main is extracted into a temporary directory beside a
// link to this checkout's node_modules (its imports, zod and papaparse, resolve there; Node strips
// types only outside node_modules), and imported from there.
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { openCache } from '../../src-main/store/index.ts';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * openCache as of `rev`, extracted into `dir` (an empty directory that outlives its use), or the
 * reason it cannot be had (no git, a shallow clone, …).
 */
export async function openCacheAt(
  rev: string,
  dir: string,
): Promise<{ openCache: typeof openCache } | { reason: string }> {
  try {
    const tar = execFileSync('git', ['archive', '--format=tar', rev, 'src-main'], {
      cwd: repo,
      maxBuffer: 256 * 2 ** 20,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    execFileSync('tar', ['-x', '-C', dir], { input: tar, stdio: ['pipe', 'ignore', 'pipe'] });
    symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const entry = join(dir, 'src-main', 'store', 'index.ts');
    const loaded = (await import(pathToFileURL(entry).href)) as { openCache: typeof openCache };
    return { openCache: loaded.openCache };
  } catch (error) {
    return { reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}
