import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError, throwIfAborted } from '../errors.js';
import { notOwnedError } from '../fs/owner-mark.js';
import { isCatdbPgbouncerDir } from './inspect-pgbouncer-dir.js';
import { isProcessAlive } from '../os/is-process-alive.js';
import { runningPgbouncerPid } from './pgbouncer-process.js';
import { PGBOUNCER_FILES, type PgbouncerEventHandler } from './types.js';

/** Options of stopPgbouncer. */
export interface StopPgbouncerOptions {
  dir: string;
  /** Milliseconds to wait for the process to exit; default 15000. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: PgbouncerEventHandler;
}

/**
 * Stops the PgBouncer running from `dir` (pidfile + live pid) with SIGTERM, PgBouncer's
 * immediate shutdown, and waits until it has exited. Nothing running is not an error.
 * Signals only from a folder catdb created: another PgBouncer's folder is refused.
 * Errors: PGBOUNCER_START_FAILED when it does not exit in time, FS_NOT_OWNED, ABORTED.
 */
export async function stopPgbouncer(options: StopPgbouncerOptions): Promise<{ stopped: boolean; pid?: number }> {
  const dir = resolve(options.dir);
  if (existsSync(dir) && !isCatdbPgbouncerDir(dir)) {
    throw notOwnedError(dir, `${dir} is not a folder catdb pgbouncer init created, so catdb will not stop the PgBouncer it names`, `Stop that PgBouncer yourself (kill -TERM <pid from ${PGBOUNCER_FILES.pid}>), or check --dir.`);
  }
  const pid = runningPgbouncerPid(dir);
  if (pid === undefined) return { stopped: false };
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) {
      throw new CatdbError('PGBOUNCER_START_FAILED', `PgBouncer (pid ${pid}) did not exit after SIGTERM`, {
        hint: `Check the process; kill -KILL ${pid} ends it without waiting.`,
        details: { dir, pid },
      });
    }
    throwIfAborted(options.signal);
    await sleep(100);
  }
  options.onEvent?.({ type: 'pgbouncer.stopped', pid });
  return { stopped: true, pid };
}
