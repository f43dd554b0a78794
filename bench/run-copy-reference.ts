import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { quoteIdent } from '../packages/core/src/pg/quote-ident.js';
import { BENCH_TABLES, type ProcessSample } from './bench-types.js';
import type { ContenderContext, ContenderRun } from './contender-run.js';
import { childEnv, runTimed, type TimedProcess } from './run-timed.js';

/** The two tables copy-par loads at the same time, as the reference script did. */
const PARALLEL_TABLES = ['media_items', 'media_files'] as const;

class StepFailed extends Error {}

/**
 * The physical-ingest reference: `psql` creates the index-free tables of copy-schema.sql,
 * `\copy` loads each CSV file, then copy-postload.sql adds keys, indexes, foreign keys and
 * sequences. `seq` loads one table after another; `par` loads media_items and media_files
 * in two psql processes at once, then the rest. Load and post-load are timed separately.
 * Peak RSS: the largest single psql, or the two concurrent ones summed, whichever is larger.
 */
export async function runCopyReference(mode: 'seq' | 'par', ctx: ContenderContext): Promise<ContenderRun> {
  const processes: ProcessSample[] = [];
  // Peaks of the phases that run one process at a time, or several at once (summed).
  const phasePeaks: number[] = [];
  const env = childEnv(ctx.server.passfile, { PGCLIENTENCODING: 'UTF8', PGAPPNAME: `catdb-bench-copy-${mode}` });
  const psql = join(ctx.server.binDir, 'psql');
  const base = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', ctx.server.host, '-p', String(ctx.server.port), '-U', ctx.server.user, '-d', ctx.database];

  const step = async (label: string, args: string[]): Promise<TimedProcess> => {
    const p = await runTimed({ label, file: psql, args: [...base, ...args], env, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
    processes.push({ label: p.label, wallS: p.wallS, maxRssKiB: p.maxRssKiB, exitCode: p.exitCode });
    return p;
  };
  const check = (p: TimedProcess): void => {
    if (p.exitCode !== 0) throw new StepFailed(`${p.label} exited with ${p.exitCode}${p.timedOut ? ' (timed out)' : ''}: ${p.stderrTail}`);
  };
  const copy = (table: string): Promise<TimedProcess> => {
    const file = join(ctx.csvDir, `${table}.csv`);
    // psql's \copy takes the file name in single quotes; keep names it cannot misread.
    if (!/^[\w./-]+$/.test(file)) throw new StepFailed(`CSV path ${file} has characters \\copy would misread`);
    return step(`psql \\copy ${table}`, ['-c', `\\copy ${quoteIdent(table)} from '${file}' csv`]);
  };
  const single = (p: TimedProcess): void => {
    phasePeaks.push(p.maxRssKiB);
    check(p);
  };

  const t0 = performance.now();
  let t1 = t0;
  try {
    single(await step('psql -f copy-schema.sql', ['-f', join(ctx.benchDir, 'copy-schema.sql')]));
    if (mode === 'seq') {
      for (const table of BENCH_TABLES) single(await copy(table));
    } else {
      const pair = await Promise.all(PARALLEL_TABLES.map(copy));
      phasePeaks.push(pair.reduce((sum, p) => sum + p.maxRssKiB, 0));
      pair.forEach(check);
      for (const table of BENCH_TABLES.filter((t) => !(PARALLEL_TABLES as readonly string[]).includes(t))) single(await copy(table));
    }
    t1 = performance.now();
    single(await step('psql -f copy-postload.sql', ['-f', join(ctx.benchDir, 'copy-postload.sql')]));
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err;
    const failed = processes.find((p) => p.exitCode !== 0);
    return { wallS: (performance.now() - t0) / 1000, peakRssKiB: Math.max(0, ...phasePeaks), exitCode: failed?.exitCode ?? 1, processes, error: err.message };
  }
  const t2 = performance.now();
  return {
    wallS: (t2 - t0) / 1000,
    loadS: (t1 - t0) / 1000,
    postloadS: (t2 - t1) / 1000,
    peakRssKiB: Math.max(...phasePeaks),
    exitCode: 0,
    processes,
  };
}
