import pg from 'pg';
import { CatdbError, throwIfAborted } from '../errors.js';
import { connectWithinDeadline } from '../pg/connect-within-deadline.js';
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
 * A connected node-postgres client to `alias` through PgBouncer. `connectTimeoutMs` (default
 * 10 s) bounds connecting; `timeoutMs` (off by default) bounds connecting and every query until
 * `end()`, so a query stuck behind an exhausted pool fails instead of waiting for PgBouncer's
 * query_wait_timeout. Errors: PG_UNREACHABLE, PG_AUTH_FAILED, PG_TIMEOUT, ABORTED.
 */
export async function openPoolerClient(
  listen: ListenAddress,
  alias: string,
  credentials: PoolerCredentials,
  options: { connectTimeoutMs?: number; timeoutMs?: number; applicationName?: string; signal?: AbortSignal } = {},
): Promise<pg.Client> {
  throwIfAborted(options.signal);
  const client = new pg.Client({
    host: listen.host,
    port: listen.port,
    database: alias,
    user: credentials.user,
    ...(credentials.password === undefined ? {} : { password: credentials.password }),
    application_name: options.applicationName ?? 'catdb',
  });
  try {
    return await connectWithinDeadline(client, { target: `PgBouncer at ${listen.host}:${listen.port}/${alias}`, connectMs: options.connectTimeoutMs ?? 10_000, totalMs: options.timeoutMs, signal: options.signal });
  } catch (err) {
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
 * `timeoutMs` bounds connecting and the query together; `signal` cuts them.
 * Errors: PG_UNREACHABLE, PG_AUTH_FAILED, PG_QUERY_FAILED, PG_TIMEOUT, ABORTED.
 */
export async function probePooler(listen: ListenAddress, alias: string, credentials: PoolerCredentials, timeoutMs = 5000, signal?: AbortSignal): Promise<ProbeResult> {
  const client = await openPoolerClient(listen, alias, credentials, { timeoutMs, applicationName: 'catdb-pgbouncer-probe', ...(signal ? { signal } : {}) });
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
