import pg from 'pg';
import { throwIfAborted } from '../errors.js';
import { DEFAULT_CHECK_TIMEOUT_MS } from '../nagios/default-check-timeout.js';
import { bindDeadline } from '../pg/bind-deadline.js';
import { mapPgError } from '../pg/map-pg-error.js';
import type { ListenAddress } from './types.js';

export type AdminRow = Record<string, string | number | null>;

export interface AdminConsole {
  /** One SHOW command. The console speaks only the simple query protocol, so no parameters. */
  show(what: 'POOLS' | 'STATS' | 'DATABASES' | 'CONFIG' | 'VERSION' | 'USERS'): Promise<AdminRow[]>;
  /** RELOAD / PAUSE / … : commands without result rows. */
  command(text: 'RELOAD' | 'SHUTDOWN'): Promise<void>;
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
    command: async (text) => {
      await client.query(text);
    },
    end: () => client.end().catch(() => {}),
  };
}
