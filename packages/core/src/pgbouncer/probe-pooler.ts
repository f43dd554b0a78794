import pg from 'pg';
import { mapPgError } from '../pg/map-pg-error.js';
import type { ListenAddress } from './types.js';

export interface PoolerCredentials {
  user: string;
  /** The client's password (or a lazy lookup); sent only to the pooler, through SCRAM. */
  password: string | (() => Promise<string>) | undefined;
}

export interface ProbeResult {
  alias: string;
  inRecovery: boolean;
  maxConnections: number;
  superuserReserved: number;
  backendPid: number;
}

/**
 * Runs one query through PgBouncer to `alias`, so a passing probe means client auth,
 * server login (SCRAM pass-through or auth_query) and a server connection all worked.
 * `timeoutMs` bounds connecting and the query alike: a query stuck behind an exhausted
 * pool fails instead of hanging until PgBouncer's query_wait_timeout.
 * Errors: PG_UNREACHABLE, PG_AUTH_FAILED, PG_QUERY_FAILED.
 */
export async function probePooler(listen: ListenAddress, alias: string, credentials: PoolerCredentials, timeoutMs = 5000): Promise<ProbeResult> {
  const client = new pg.Client({
    host: listen.host,
    port: listen.port,
    database: alias,
    user: credentials.user,
    ...(credentials.password === undefined ? {} : { password: credentials.password }),
    application_name: 'catdb-pgbouncer-probe',
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    // Simple protocol, no parameters: works in every pool mode.
    const { rows } = await client.query<{ r: boolean; m: string; s: string; p: number }>(
      "SELECT pg_catalog.pg_is_in_recovery() AS r, pg_catalog.current_setting('max_connections') AS m, pg_catalog.current_setting('superuser_reserved_connections') AS s, pg_catalog.pg_backend_pid() AS p",
    );
    const row = rows[0]!;
    return { alias, inRecovery: row.r, maxConnections: Number(row.m), superuserReserved: Number(row.s), backendPid: row.p };
  } catch (err) {
    throw mapPgError(err, { what: `Query through PgBouncer to "${alias}" failed`, target: `${listen.host}:${listen.port}/${alias}` });
  } finally {
    await client.end().catch(() => {});
  }
}
