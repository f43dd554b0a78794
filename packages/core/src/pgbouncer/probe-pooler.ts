import pg from 'pg';
import { CatdbError } from '../errors.js';
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
 * A connected node-postgres client to `alias` through PgBouncer. `queryTimeoutMs` (off by
 * default) makes a query stuck behind an exhausted pool fail instead of waiting for
 * PgBouncer's query_wait_timeout. Errors: PG_UNREACHABLE, PG_AUTH_FAILED.
 */
export async function openPoolerClient(
  listen: ListenAddress,
  alias: string,
  credentials: PoolerCredentials,
  options: { connectTimeoutMs?: number; queryTimeoutMs?: number; applicationName?: string } = {},
): Promise<pg.Client> {
  const client = new pg.Client({
    host: listen.host,
    port: listen.port,
    database: alias,
    user: credentials.user,
    ...(credentials.password === undefined ? {} : { password: credentials.password }),
    application_name: options.applicationName ?? 'catdb',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
  });
  // An idle client whose server goes away emits 'error'; without a listener Node crashes.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    const target = `${listen.host}:${listen.port}/${alias}`;
    // PgBouncer reports a refused password as SQLSTATE 08P01, which reads like a network error.
    const message = err instanceof Error ? err.message : '';
    if (/password authentication failed|SASL authentication failed/.test(message)) {
      throw new CatdbError('PG_AUTH_FAILED', `PgBouncer refused the password of "${credentials.user}" (${target}): ${message}`, {
        hint: 'Check the password; PgBouncer compares it with the secret in userlist.txt or the one auth_query returned.',
        details: { alias, user: credentials.user },
        cause: err,
      });
    }
    throw mapPgError(err, { what: `Could not connect through PgBouncer to "${alias}"`, target });
  }
}

/**
 * Runs one query through PgBouncer to `alias`, so a passing probe means client auth,
 * server login (SCRAM pass-through or auth_query) and a server connection all worked.
 * `timeoutMs` bounds connecting and the query alike.
 * Errors: PG_UNREACHABLE, PG_AUTH_FAILED, PG_QUERY_FAILED.
 */
export async function probePooler(listen: ListenAddress, alias: string, credentials: PoolerCredentials, timeoutMs = 5000): Promise<ProbeResult> {
  const client = await openPoolerClient(listen, alias, credentials, { connectTimeoutMs: timeoutMs, queryTimeoutMs: timeoutMs, applicationName: 'catdb-pgbouncer-probe' });
  try {
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
