import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError } from '../errors.js';
import { isProcessAlive } from '../os/is-process-alive.js';

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
