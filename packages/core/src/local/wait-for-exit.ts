import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError } from '../errors.js';

/** True while `pid` runs; a zombie (exited, not yet reaped by its parent) counts as gone. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // Field 3 of /proc/<pid>/stat, after the parenthesised name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // No /proc (not Linux): kill(0) is all there is to go on.
    return true;
  }
}

/**
 * Waits until `pid` has exited: pg_ctl stop returns once postmaster.pid is gone, a moment
 * before the postmaster process itself ends. Errors: PG_TIMEOUT after `timeoutMs`.
 */
export async function waitForExit(pid: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) {
      throw new CatdbError('PG_TIMEOUT', `The local PostgreSQL (pid ${pid}) was asked to stop but is still running after ${timeoutMs / 1000} s`, { hint: `Check the process; kill -KILL ${pid} ends it without waiting.`, details: { pid } });
    }
    await sleep(50);
  }
}
