import pg from 'pg';
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
 * Opens PgBouncer's admin console (the virtual `pgbouncer` database).
 * Errors: PG_UNREACHABLE, PG_AUTH_FAILED.
 */
export async function openAdminConsole(listen: ListenAddress, user: string, password: string | undefined, timeoutMs = 5000): Promise<AdminConsole> {
  const client = new pg.Client({
    host: listen.host,
    port: listen.port,
    database: 'pgbouncer',
    user,
    ...(password === undefined ? {} : { password }),
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
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
