import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ContenderContext, ContenderRun } from './contender-run.js';
import { childEnv, runTimed } from './run-timed.js';

const run = promisify(execFile);

/** Absolute path of `name` on PATH, or undefined. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** `pgloader --version`, first line. */
export async function pgloaderVersion(pgloader: string): Promise<string> {
  const { stdout } = await run(pgloader, ['--version'], { timeout: 60_000 });
  return stdout.trim().split('\n')[0] ?? '';
}

/**
 * pgloader from SQLite into the fresh database, default options or tuned with
 * `prefetch rows = 10000` (what the issue measured). The password comes from
 * PGPASSFILE, which pgloader reads for pgsql:// targets (since 3.5); it is never
 * put in the connection string.
 */
export async function runPgloader(pgloader: string, tuned: boolean, ctx: ContenderContext): Promise<ContenderRun> {
  const target = `pgsql://${ctx.server.user}@${ctx.server.host}:${ctx.server.port}/${ctx.database}`;
  const p = await runTimed({
    label: `pgloader${tuned ? ' --with "prefetch rows = 10000"' : ''}`,
    file: pgloader,
    args: [...(tuned ? ['--with', 'prefetch rows = 10000'] : []), `sqlite://${ctx.dbPath}`, target],
    env: childEnv(ctx.server.passfile),
    timeoutMs: ctx.timeoutMs,
    signal: ctx.signal,
  });
  const sample = { label: p.label, wallS: p.wallS, maxRssKiB: p.maxRssKiB, exitCode: p.exitCode };
  return {
    wallS: p.wallS,
    peakRssKiB: p.maxRssKiB,
    exitCode: p.exitCode,
    processes: [sample],
    ...(p.exitCode !== 0 ? { error: `exited with ${p.exitCode}${p.timedOut ? ' (timed out)' : ''}: ${p.stderrTail}` } : {}),
  };
}
