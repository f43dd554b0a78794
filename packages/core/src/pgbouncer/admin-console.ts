import pg from 'pg';
import { CatdbError, throwIfAborted } from '../errors.js';
import { DEFAULT_CHECK_TIMEOUT_MS } from '../monitoring/default-check-timeout.js';
import { bindDeadline } from '../pg/bind-deadline.js';
import { mapPgError } from '../pg/map-pg-error.js';
import type { ListenAddress } from './types.js';

export type AdminRow = Record<string, string | number | null>;

export type AdminCommand = 'RELOAD' | 'SHUTDOWN' | 'PAUSE' | 'RESUME';

// The console has no parameters and its identifier quoting differs between versions.
const SAFE_DATABASE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export interface AdminConsole {
  /** One SHOW command. The console speaks only the simple query protocol, so no parameters. */
  show(what: 'POOLS' | 'STATS' | 'DATABASES' | 'CONFIG' | 'VERSION' | 'USERS'): Promise<AdminRow[]>;
  /**
   * RELOAD / PAUSE / RESUME / SHUTDOWN: commands without result rows; PAUSE and RESUME may
   * name one database (an alias catdb wrote, so of a safe alphabet). PAUSE returns once the
   * pool has released its server connections.
   */
  command(text: AdminCommand, database?: string): Promise<void>;
  end(): Promise<void>;
}

/**
 * Opens PgBouncer's admin console (the virtual `pgbouncer` database). `timeoutMs` bounds
 * connecting and every SHOW until `end()`; `signal` cuts them.
 * Errors: PG_UNREACHABLE, PG_AUTH_FAILED, PG_TIMEOUT, ABORTED.
 */
export async function openAdminConsole(listen: ListenAddress, user: string, password: string | undefined, timeoutMs = DEFAULT_CHECK_TIMEOUT_MS, signal?: AbortSignal): Promise<AdminConsole> {
  throwIfAborted(signal);
  const client = new pg.Client({
    host: listen.host,
    port: listen.port,
    database: 'pgbouncer',
    user,
    ...(password === undefined ? {} : { password }),
  });
  client.on('error', () => {});
  bindDeadline(client, { target: `PgBouncer at ${listen.host}:${listen.port}`, totalMs: timeoutMs, signal });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throwIfAborted(signal);
    throw mapPgError(err, { what: 'Could not open the PgBouncer admin console', target: `${listen.host}:${listen.port}/pgbouncer` });
  }
  return {
    show: async (what) => {
      try {
        return (await client.query<AdminRow>(`SHOW ${what}`)).rows;
      } catch (err) {
        throw mapPgError(err, { what: `SHOW ${what} on the admin console failed` });
      }
    },
    command: async (text, database) => {
      if (database !== undefined && (text === 'RELOAD' || text === 'SHUTDOWN' || !SAFE_DATABASE.test(database))) {
        throw new CatdbError('USAGE_INVALID_OPTION', `${text} cannot be sent for the database "${database}"`, { hint: 'Name an alias of pgbouncer.ini made of letters, digits, _ . and -.' });
      }
      try {
        await client.query(database === undefined ? text : `${text} ${database}`);
      } catch (err) {
        throw mapPgError(err, { what: `${text}${database === undefined ? '' : ` ${database}`} on the PgBouncer admin console failed` });
      }
    },
    end: () => client.end().catch(() => {}),
  };
}
