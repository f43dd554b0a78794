import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError, throwIfAborted } from '../errors.js';
import { childEnv } from './child-env.js';
import { chownTo, type OsUser } from './os-user.js';

export interface StartPostmasterOptions {
  binDir: string;
  dataDir: string;
  /** The server's stdout and stderr are appended here; created 0600 (owned by `osUser`) when absent. */
  logFile: string;
  /** Run as this OS user (set when catdb runs as root). */
  osUser: OsUser | undefined;
  /** Milliseconds to wait for the server to accept connections. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

// postmaster.pid: line 1 the pid, line 8 the status (src/include/utils/pidfile.h).
function readPidFile(dataDir: string): { pid: number; status: string } | undefined {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  return { pid: Number(lines[0]), status: (lines[7] ?? '').trim() };
}

/** The log's last lines, for hints. */
function logTail(logFile: string, lines = 5): string {
  return existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-lines).join('\n') : '';
}

/**
 * Starts `postgres -D <dataDir>` in a session of its own with its output appended to
 * `logFile`, and waits as `pg_ctl start -w` does: until postmaster.pid names this process
 * with status `ready` (or `standby`, which a standby reports once it can be reached). Not
 * pg_ctl itself: pg_ctl start hands `exec "postgres" -D "<dataDir>" >> "<log>"` to /bin/sh,
 * so a `$(…)` or a backtick in either path would run.
 *
 * On timeout or abort the server is shut down (fast, then immediate) before the error.
 * Returns the postmaster's pid. Errors: SANDBOX_START_FAILED (log tail as hint), ABORTED.
 */
export async function startPostmaster(options: StartPostmasterOptions): Promise<number> {
  const { dataDir, logFile, osUser, signal } = options;
  throwIfAborted(signal);
  const fresh = !existsSync(logFile);
  const log = openSync(logFile, 'a', 0o600);
  let child: ChildProcess;
  try {
    if (fresh) chownTo(logFile, osUser);
    child = spawn(join(options.binDir, 'postgres'), ['-D', dataDir], {
      cwd: '/',
      env: childEnv({ user: osUser }),
      detached: true,
      stdio: ['ignore', log, log],
      ...(osUser ? { uid: osUser.uid, gid: osUser.gid } : {}),
    });
  } finally {
    closeSync(log);
  }
  let exited: string | undefined;
  child.on('error', (err) => (exited = err.message));
  child.on('exit', (code, sig) => (exited ??= `exited with ${code ?? sig}`));
  // The server outlives this process; nothing here waits for it.
  child.unref();

  const failed = (why: string): CatdbError =>
    new CatdbError('SANDBOX_START_FAILED', `PostgreSQL in ${dataDir} ${why}`, { hint: `See ${logFile}. ${logTail(logFile)}`.trim(), details: { dataDir, logFile } });
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    await sleep(100);
    if (exited !== undefined) throw failed(`did not start: postgres ${exited}`);
    const pidFile = readPidFile(dataDir);
    if (pidFile && pidFile.pid === child.pid && (pidFile.status === 'ready' || pidFile.status === 'standby')) return pidFile.pid;
    if (signal?.aborted || Date.now() > deadline) {
      await shutDown(child.pid!, () => exited !== undefined);
      if (signal?.aborted) throw new CatdbError('ABORTED', `Starting PostgreSQL in ${dataDir} was aborted; the server was stopped`, { cause: signal.reason, details: { dataDir } });
      throw failed(`did not accept connections within ${Math.round(options.timeoutMs / 1000)} s and was stopped`);
    }
  }
}

async function shutDown(pid: number, gone: () => boolean): Promise<void> {
  for (const [sig, ms] of [['SIGINT', 15_000], ['SIGQUIT', 5_000]] as const) {
    try {
      process.kill(pid, sig);
    } catch {
      return;
    }
    const until = Date.now() + ms;
    while (!gone() && Date.now() < until) await sleep(100);
    if (gone()) return;
  }
}
