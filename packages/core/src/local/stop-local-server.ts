import { stopLocalPostgres } from './start-postgres.js';
import { waitForExit } from './wait-for-exit.js';
import { localServerStatus, type LocalServerStatus } from './local-server-status.js';

/**
 * Stops catdb's local PostgreSQL (fast shutdown: sessions are ended, no data is lost) and
 * waits until its postmaster process has exited (no process is left). Nothing to do when it is not running. Returns the
 * status from before the stop.
 */
export async function stopLocalServer(options: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<LocalServerStatus> {
  const status = localServerStatus(options.env);
  if (status.running) {
    await stopLocalPostgres(status.dataDir, undefined, undefined, options.signal);
    if (status.pid) await waitForExit(status.pid);
  }
  return status;
}
