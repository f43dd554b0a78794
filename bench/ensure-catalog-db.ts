import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTimed } from './run-timed.js';

/**
 * The benchmark database for `rows` media items, generated once with the deterministic
 * generator (seed 42) and cached as `cacheDir/catalog-<rows>.sqlite`. Written under a
 * temporary name and renamed when complete, so an interrupted generation is never
 * mistaken for a finished one. Throws when the generator fails.
 */
export async function ensureCatalogDb(opts: { benchDir: string; cacheDir: string; rows: number; timeoutMs: number; signal: AbortSignal; log: (line: string) => void }): Promise<string> {
  const target = join(opts.cacheDir, `catalog-${opts.rows}.sqlite`);
  if (existsSync(target)) return target;
  const partial = `${target}.tmp`;
  opts.log(`generating ${target} (${opts.rows.toLocaleString('en-US')} media items; once, then cached)…`);
  const res = await runTimed({
    label: 'make-catalog-sqlite.py',
    file: 'python3',
    args: [join(opts.benchDir, 'make-catalog-sqlite.py'), '--rows', String(opts.rows), '--out', partial],
    env: process.env,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
  if (res.exitCode !== 0) {
    rmSync(partial, { force: true });
    throw new Error(`make-catalog-sqlite.py exited with ${res.exitCode}${res.timedOut ? ' (timed out)' : ''}: ${res.stderrTail}`);
  }
  renameSync(partial, target);
  opts.log(`generated in ${res.wallS.toFixed(1)} s`);
  return target;
}
