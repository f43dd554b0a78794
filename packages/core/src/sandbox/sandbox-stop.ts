import { resolve } from 'node:path';
import { stopSandboxPgbouncer } from './sandbox-pgbouncer.js';
import { CatdbError } from '../errors.js';
import { notOwnedError, readOwnerMark } from '../fs/owner-mark.js';
import { removeOwnedDir } from '../fs/remove-owned-dir.js';
import { stopStandbyServer } from '../replica/run-standby.js';
import { isServerRunning } from '../replica/standby-files.js';
import { findPgBinDir } from '../os/find-pg-bin.js';
import { serverOsUser } from '../os/os-user.js';
import { isLegacySandboxDir, readSandboxState } from '../topology/sandbox-state.js';
import { stopLocalPostgres } from '../local/start-postgres.js';

/** Options of stopSandbox. */
export interface StopSandboxOptions {
  dir: string;
  /**
   * Also delete the sandbox folder: only one catdb created (`.catdb-owned`, or the sandbox.json
   * of an earlier catdb). A folder that existed empty before `sandbox up` is emptied and kept.
   */
  purge?: boolean;
}

/** The servers stopSandbox stopped, and whether it purged the folder or kept it. */
export interface StopSandboxResult {
  /** Names of the members that were running and were stopped (`pgbouncer` for PgBouncer). */
  stopped: string[];
  /** Whether `purge` deleted the folder or, when catdb did not create it, emptied it. */
  purged: boolean;
  /** True when the purged folder was kept (emptied) because it existed before catdb. */
  folderKept: boolean;
}

/**
 * Stops the sandbox's replicas, then its primary (fast shutdown), and with `purge` deletes
 * its folder. Errors: SANDBOX_NOT_FOUND when `dir` holds no sandbox, FS_NOT_OWNED (before
 * anything is stopped) when `purge` names a folder catdb did not create.
 */
export async function stopSandbox(options: StopSandboxOptions): Promise<StopSandboxResult> {
  const dir = resolve(options.dir);
  const state = readSandboxState(dir);
  if (!state) throw new CatdbError('SANDBOX_NOT_FOUND', `No sandbox in ${dir} (no sandbox.json); nothing was stopped`, { hint: 'Pass the --dir that catdb sandbox up was given (default .catdb/sandbox); for the server migrate starts by itself use catdb local stop.', details: { dir } });
  // A sandbox.json is not enough to delete a folder: it must be catdb's own (or an earlier catdb's).
  const owner = readOwnerMark(dir) ?? (isLegacySandboxDir(dir) ? { adopted: false } : undefined);
  if (options.purge && !owner) {
    throw notOwnedError(dir, `${dir} holds a sandbox.json but is not a folder catdb created, so --purge will not delete it; nothing was stopped`, `Run catdb sandbox down without --purge, then delete ${dir} yourself.`);
  }
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
    // By name: after a failover the primary is a former replica (and `primary` may be a standby).
    stopped.push(state.primary.name);
  }
  let purged = false;
  let folderKept = false;
  if (options.purge && owner) {
    const done = removeOwnedDir(dir, owner);
    purged = done !== 'absent';
    folderKept = done === 'emptied';
  }
  return { stopped, purged, folderKept };
}
