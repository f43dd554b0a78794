import { execFile } from 'node:child_process';
import { closeSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ContenderContext, ContenderRun } from './contender-run.js';
import { childEnv, runTimed } from './run-timed.js';

const run = promisify(execFile);

/**
 * Whether `catdb migrate sqlite-to-pg` exists in the built CLI. Commander prints the
 * group's help for an unknown subcommand and exits 0, so the usage line is what tells.
 * Returns the reason when it does not.
 */
export async function catdbUnavailableReason(repoDir: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(process.execPath, [join(repoDir, 'bin', 'catdb'), 'migrate', 'sqlite-to-pg', '--help'], { timeout: 60_000, cwd: repoDir });
    if (!/Usage: catdb migrate sqlite-to-pg/.test(stdout)) return '`catdb migrate sqlite-to-pg` is not in the built CLI yet';
    if (!stdout.includes('--no-verify')) return '`catdb migrate sqlite-to-pg` has no --no-verify option yet';
    return undefined;
  } catch (err) {
    return `bin/catdb did not run: ${(err as Error).message.split('\n')[0]}`;
  }
}

/** The last complete line of a file, read from its tail (NDJSON progress can be long). */
function lastLine(file: string): string {
  const size = statSync(file).size;
  const length = Math.min(size, 256 * 1024);
  const buf = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const lines = buf.toString('utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

/**
 * catdb end to end, as a user runs it: `node bin/catdb migrate sqlite-to-pg <db> --to <url>
 * --if-exists drop --json` (plus `--no-verify` unless `verify`). One process, measured by
 * GNU time; the run succeeds only when it exits 0 and its last NDJSON event is the summary.
 */
export async function runCatdb(verify: boolean, ctx: ContenderContext, logDir: string): Promise<ContenderRun> {
  const ndjson = join(logDir, `catdb-${verify ? 'verify' : 'noverify'}-${ctx.database}.ndjson`);
  const args = [join(ctx.repoDir, 'bin', 'catdb'), 'migrate', 'sqlite-to-pg', ctx.dbPath, '--to', ctx.url, ...(verify ? [] : ['--no-verify']), '--if-exists', 'drop', '--json'];
  const p = await runTimed({
    label: `catdb migrate sqlite-to-pg${verify ? '' : ' --no-verify'}`,
    file: process.execPath,
    args,
    env: childEnv(ctx.server.passfile),
    cwd: ctx.repoDir,
    timeoutMs: ctx.timeoutMs,
    signal: ctx.signal,
    stdoutFile: ndjson,
  });
  const sample = { label: p.label, wallS: p.wallS, maxRssKiB: p.maxRssKiB, exitCode: p.exitCode };
  const result: ContenderRun = { wallS: p.wallS, peakRssKiB: p.maxRssKiB, exitCode: p.exitCode, processes: [sample] };
  const last = lastLine(ndjson);
  let event: { type?: unknown; message?: unknown } | undefined;
  try {
    event = JSON.parse(last) as { type?: unknown; message?: unknown };
  } catch {
    event = undefined;
  }
  if (p.timedOut) {
    // A hang says more by where it stopped than by its (usually empty) stderr.
    result.error = `timed out after ${Math.round(ctx.timeoutMs / 1000)} s; last NDJSON event: ${typeof event?.type === 'string' ? event.type : 'none'}${p.stderrTail ? `; stderr: ${p.stderrTail}` : ''}`;
  } else if (p.exitCode !== 0) {
    const why = typeof event?.message === 'string' ? event.message : p.stderrTail;
    result.error = `exited with ${p.exitCode}: ${why}`;
  } else if (event?.type !== 'summary') {
    result.error = `last NDJSON event is not the summary: ${last.slice(0, 200)}`;
  } else {
    // The output served its purpose; at 4× scale progress logs are not worth keeping.
    rmSync(ndjson, { force: true });
  }
  return result;
}
