import { DEFAULT_CHECK_TIMEOUT_MS } from '../monitoring/default-check-timeout.js';
import { openAdminConsole, type AdminCommand } from './admin-console.js';
import { readPgbouncerState } from './read-pgbouncer-state.js';

/** Options of sendAdminCommand: where PgBouncer's admin console is and the command to send. */
export interface SendAdminCommandOptions {
  /** A folder written by `pgbouncer init`: listen address and admin credentials come from it. */
  dir: string;
  command: Exclude<AdminCommand, 'SHUTDOWN'>;
  /** PAUSE / RESUME only this alias; default every database. */
  database?: string;
  /**
   * Milliseconds for connecting and the command, default 10000. PAUSE waits for running
   * transactions to end, so a long one makes it hit this deadline (PG_TIMEOUT).
   */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Sends PAUSE, RESUME or RELOAD to the admin console of the PgBouncer set up in `dir` and
 * waits for its answer. PAUSE: clients stay connected, new queries wait; RESUME lets them
 * through; RELOAD re-reads pgbouncer.ini and userlist.txt.
 * Errors: PGBOUNCER_CHECK_FAILED (no catdb PgBouncer in `dir`), PG_UNREACHABLE,
 * PG_AUTH_FAILED, PG_TIMEOUT, PG_QUERY_FAILED (PgBouncer refused it, e.g. already paused),
 * USAGE_INVALID_OPTION, ABORTED.
 */
export async function sendAdminCommand(options: SendAdminCommandOptions): Promise<{ listen: string; command: string }> {
  const { state, adminPassword } = readPgbouncerState(options.dir);
  const admin = await openAdminConsole(state.listen, state.adminUser, adminPassword, options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS, options.signal);
  try {
    await admin.command(options.command, options.database);
  } finally {
    await admin.end();
  }
  return { listen: `${state.listen.host}:${state.listen.port}`, command: options.database ? `${options.command} ${options.database}` : options.command };
}
