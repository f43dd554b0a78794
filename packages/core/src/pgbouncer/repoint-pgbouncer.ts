import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notOwnedError } from '../fs/owner-mark.js';
import { serverOsUser } from '../os/os-user.js';
import { openAdminConsole, type AdminConsole } from './admin-console.js';
import { isCatdbPgbouncerDir } from './inspect-pgbouncer-dir.js';
import { planRepoint } from './plan-repoint.js';
import { readPgbouncerState } from './read-pgbouncer-state.js';
import { PGBOUNCER_FILES, type ListenAddress, type PgbouncerEventHandler } from './types.js';
import { writePgbouncerFiles } from './write-pgbouncer-files.js';

export interface RepointPgbouncerOptions {
  /** A folder written by `pgbouncer init` (catdb's: others are refused). */
  dir: string;
  /** Host and port of the new primary, as PgBouncer should reach it. */
  to: ListenAddress;
  /** Milliseconds for the whole PAUSE → rewrite → RELOAD → RESUME, default 30000. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: PgbouncerEventHandler;
}

/**
 * Moves the primary aliases of the PgBouncer in `dir` to a new server without dropping its
 * clients: PAUSE each primary alias (connected clients stay, new queries wait), rewrite its
 * `[databases]` entry and catdb-pgbouncer.json, RELOAD, RESUME. The aliases are resumed
 * whatever happens after the pause, so a failure never leaves clients waiting for good.
 * Returns the aliases moved (none when they already led there).
 * Errors: FS_NOT_OWNED, PGBOUNCER_CHECK_FAILED, PGBOUNCER_CONFIG, PG_UNREACHABLE,
 * PG_AUTH_FAILED, PG_TIMEOUT, PG_QUERY_FAILED, ABORTED.
 */
export async function repointPgbouncer(options: RepointPgbouncerOptions): Promise<{ aliases: string[]; changed: boolean }> {
  const { dir, state, adminPassword } = readPgbouncerState(options.dir);
  if (!isCatdbPgbouncerDir(dir)) throw notOwnedError(dir, `${dir} is not a folder catdb pgbouncer init created, so catdb will not rewrite its pgbouncer.ini`, 'Point --pgbouncer-dir at a folder catdb pgbouncer init wrote.');
  const iniPath = join(dir, PGBOUNCER_FILES.ini);
  const plan = planRepoint(readFileSync(iniPath, 'utf8'), state, options.to);
  if (!plan.changed) return { aliases: plan.aliases, changed: false };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const emit = options.onEvent ?? (() => {});
  const open = (signal?: AbortSignal): Promise<AdminConsole> => openAdminConsole(state.listen, state.adminUser, adminPassword, timeoutMs, signal);
  const admin = await open(options.signal);
  const paused: string[] = [];
  try {
    for (const alias of plan.aliases) {
      await admin.command('PAUSE', alias);
      paused.push(alias);
      emit({ type: 'pgbouncer.admin-command', command: `PAUSE ${alias}` });
    }
    writePgbouncerFiles(dir, [{ name: PGBOUNCER_FILES.ini, content: plan.ini, mode: 0o600 }, { name: PGBOUNCER_FILES.state, content: JSON.stringify(plan.state, null, 2) + '\n', mode: 0o600 }], serverOsUser(), emit);
    await admin.command('RELOAD');
    emit({ type: 'pgbouncer.admin-command', command: 'RELOAD' });
    emit({ type: 'pgbouncer.repointed', aliases: plan.aliases, to: `${options.to.host}:${options.to.port}` });
  } finally {
    // Not cut by the signal: an interrupted failover must still let the clients through.
    await resume(admin, paused, () => open(), emit);
  }
  return { aliases: plan.aliases, changed: true };
}

/** RESUME on the same console, or on a fresh one when that one is gone (deadline, abort). */
async function resume(admin: AdminConsole, aliases: string[], open: () => Promise<AdminConsole>, emit: PgbouncerEventHandler): Promise<void> {
  let console = admin;
  try {
    for (const alias of aliases) {
      try {
        await console.command('RESUME', alias);
      } catch {
        await console.end();
        console = await open();
        await console.command('RESUME', alias);
      }
      emit({ type: 'pgbouncer.admin-command', command: `RESUME ${alias}` });
    }
  } finally {
    await console.end();
  }
}
