import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CatdbError, throwIfAborted } from '../errors.js';
import { findPgbouncerBin } from '../pgbouncer/find-pgbouncer-bin.js';
import { runningPgbouncerPid } from '../pgbouncer/pgbouncer-process.js';
import { startPgbouncer } from '../pgbouncer/start-pgbouncer.js';
import { standbySideDir } from '../replica/standby-files.js';
import { findPgBinDir } from '../os/find-pg-bin.js';
import { isServerRunning } from '../os/is-server-running.js';
import { serverOsUser } from '../os/os-user.js';
import type { SandboxPgbouncer } from './sandbox-pgbouncer.js';
import type { SandboxServer, SandboxState } from '../topology/sandbox-state.js';
import { startPostmaster } from '../os/start-postmaster.js';

/** True once `replica promote` made another member than `primary` the sandbox's primary. */
export function hasFailedOver(state: SandboxState): boolean {
  return state.primary.name !== 'primary';
}

// A standby's log is in its side folder; the first primary's next to its data directory.
function logFileOf(server: SandboxServer): string {
  const side = standbySideDir(server.dataDir);
  return existsSync(side) ? join(side, 'server.log') : join(server.dir, 'server.log');
}

/**
 * `sandbox up` on a sandbox that failed over: starts the members sandbox.json records, the
 * primary first, then its standbys and PgBouncer, each as it is configured now — never the
 * old primary while it `needsRejoin` (started as it is, it would be a second primary taking
 * writes). Building more replicas is refused: they would be cloned around the old layout.
 * Returns the names started. Errors: SANDBOX_START_FAILED, PGBOUNCER_START_FAILED, ABORTED.
 */
export async function restartFailedOver(state: SandboxState, wanted: number, signal?: AbortSignal): Promise<string[]> {
  if (wanted > state.replicas.length) {
    throw new CatdbError('SANDBOX_START_FAILED', `The sandbox in ${state.dir} failed over (${state.primary.name} is its primary); catdb does not add replicas to it`, {
      hint: 'Run sandbox up without --replicas to start what it has, or sandbox down --purge and build a fresh one.',
      details: { dir: state.dir, primary: state.primary.name },
    });
  }
  const binDir = findPgBinDir();
  const osUser = serverOsUser();
  const started: string[] = [];
  for (const server of [state.primary, ...state.replicas.filter((r) => !r.needsRejoin)]) {
    throwIfAborted(signal);
    if (isServerRunning(server.dataDir)) continue;
    await startPostmaster({ binDir, dataDir: server.dataDir, logFile: logFileOf(server), osUser, timeoutMs: 120_000, signal });
    started.push(server.name);
  }
  const pgbouncer = state.services.pgbouncer as SandboxPgbouncer | undefined;
  if (pgbouncer && runningPgbouncerPid(pgbouncer.dir) === undefined) {
    await startPgbouncer({ dir: pgbouncer.dir, binary: findPgbouncerBin(), osUser, ...(signal ? { signal } : {}) });
    started.push('pgbouncer');
  }
  return started;
}
