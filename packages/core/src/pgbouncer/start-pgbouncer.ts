import { chmodSync, closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError, throwIfAborted } from '../errors.js';
import { chownTo, type OsUser } from '../os/os-user.js';
import { runCommand } from '../os/run-command.js';
import { notOwnedError } from '../fs/owner-mark.js';
import { isCatdbPgbouncerDir } from './inspect-pgbouncer-dir.js';
import { runningPgbouncerPid } from './pgbouncer-process.js';
import { PGBOUNCER_FILES } from './types.js';

export interface StartPgbouncerOptions {
  dir: string;
  binary: string;
  osUser: OsUser | undefined;
  signal?: AbortSignal;
  /** Milliseconds to wait for the pidfile; default 15000. */
  timeoutMs?: number;
}

/** The log's last lines, for error hints; the log never holds secrets (see docs/pgbouncer.md). */
export function pgbouncerLogTail(dir: string, lines = 5): string {
  const log = join(dir, PGBOUNCER_FILES.log);
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-lines).join('\n') : '';
}

/**
 * Starts PgBouncer as a daemon from `dir`, or, when one already runs from there, sends it
 * SIGHUP so it re-reads pgbouncer.ini and userlist.txt and keeps every client connection.
 * The child gets only childEnv(): a compose-style DATABASE_URL in ours must not leak.
 * `dir` must be catdb's (see initPgbouncer): its pidfile and log are replaced and chmod-ed.
 * Errors: PGBOUNCER_START_FAILED (with the log's tail as hint), FS_NOT_OWNED, ABORTED.
 */
export async function startPgbouncer(options: StartPgbouncerOptions): Promise<{ action: 'started' | 'reloaded'; pid: number }> {
  const { dir, signal } = options;
  if (!isCatdbPgbouncerDir(dir)) {
    throw notOwnedError(dir, `${dir} is not a folder catdb pgbouncer init created, so catdb will not start PgBouncer from it`, `Run catdb pgbouncer init --dir ${dir} first.`);
  }
  const running = runningPgbouncerPid(dir);
  if (running !== undefined) {
    process.kill(running, 'SIGHUP');
    return { action: 'reloaded', pid: running };
  }
  throwIfAborted(signal);
  // A stale pidfile from a crash would make PgBouncer refuse to start.
  rmSync(join(dir, PGBOUNCER_FILES.pid), { force: true });
  // PgBouncer creates its log and pidfile under the default umask (0644); create the log
  // ourselves and tighten the pidfile below, so nothing in the folder is readable by others.
  const log = join(dir, PGBOUNCER_FILES.log);
  closeSync(openSync(log, 'a', 0o600));
  chmodSync(log, 0o600);
  chownTo(log, options.osUser);
  try {
    await runCommand(options.binary, ['-d', join(dir, PGBOUNCER_FILES.ini)], {
      user: options.osUser,
      cwd: dir,
      signal,
      timeoutMs: 30_000,
    });
  } catch (err) {
    if (err instanceof CatdbError && err.code === 'ABORTED') throw err;
    throw new CatdbError('PGBOUNCER_START_FAILED', `PgBouncer did not start from ${dir}`, {
      hint: `${err instanceof Error ? err.message : String(err)} ${pgbouncerLogTail(dir)}`.trim(),
      details: { dir },
      cause: err,
    });
  }
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const pid = runningPgbouncerPid(dir);
    if (pid !== undefined) {
      chmodSync(join(dir, PGBOUNCER_FILES.pid), 0o600);
      return { action: 'started', pid };
    }
    if (Date.now() > deadline) {
      throw new CatdbError('PGBOUNCER_START_FAILED', `PgBouncer started from ${dir} but wrote no pidfile (it may have exited)`, {
        hint: pgbouncerLogTail(dir) || `See ${join(dir, PGBOUNCER_FILES.log)}.`,
        details: { dir },
      });
    }
    throwIfAborted(signal);
    await sleep(100);
  }
}
