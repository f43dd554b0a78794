import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { stopSandboxPgbouncer } from './sandbox-pgbouncer.js';
import { CatdbError } from '../errors.js';
import { stopStandbyServer } from '../replica/run-standby.js';
import { isServerRunning } from '../replica/standby-files.js';
import { findPgBinDir } from './find-pg-bin.js';
import { serverOsUser } from './os-user.js';
import { readSandboxState, sandboxStatePath } from './sandbox-state.js';
import { stopLocalPostgres } from './start-postgres.js';

export interface StopSandboxOptions {
  dir: string;
  /** Also delete the sandbox folder (only a folder holding sandbox.json). */
  purge?: boolean;
}

/**
 * Stops the sandbox's replicas, then its primary (fast shutdown), and with `purge` deletes
 * its folder. Errors: SANDBOX_START_FAILED when `dir` holds no sandbox.
 */
export async function stopSandbox(options: StopSandboxOptions): Promise<{ stopped: string[]; purged: boolean }> {
  const dir = resolve(options.dir);
  const state = readSandboxState(dir);
  if (!state) throw new CatdbError('SANDBOX_START_FAILED', `No sandbox in ${dir}`, { hint: 'Nothing to stop; check --dir.', details: { dir } });
  const binDir = findPgBinDir();
  const osUser = serverOsUser();
  const stopped: string[] = [];
  if (await stopSandboxPgbouncer(state)) stopped.push('pgbouncer');
  // Replicas first, so the primary's shutdown does not leave them retrying.
  for (const r of state.replicas) {
    if (isServerRunning(r.dataDir)) {
      await stopStandbyServer(binDir, r.dataDir, osUser);
      stopped.push(r.name);
    }
  }
  if (isServerRunning(state.primary.dataDir)) {
    await stopLocalPostgres(state.primary.dataDir, binDir, osUser);
    stopped.push('primary');
  }
  let purged = false;
  if (options.purge && existsSync(sandboxStatePath(dir))) {
    rmSync(dir, { recursive: true, force: true });
    purged = true;
  }
  return { stopped, purged };
}
