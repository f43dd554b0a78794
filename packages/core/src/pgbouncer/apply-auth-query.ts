import { connect } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { CatdbError, throwIfAborted } from '../errors.js';
import { AUTH_FUNCTION, AUTH_SCHEMA, renderAuthFunctionSql, renderAuthRoleSql } from './render-auth-query-sql.js';
import type { PgbouncerEventHandler } from './types.js';

export interface ApplyAuthQueryOptions {
  /** A superuser URL; its database is replaced by each pooled database in turn. */
  superuserUrl: string;
  databases: readonly string[];
  authUser: string;
  /** SCRAM verifier of the auth user's password. */
  authVerifier: string;
  signal?: AbortSignal;
  onEvent?: PgbouncerEventHandler;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/**
 * Creates (or updates) the auth role and installs the SECURITY DEFINER lookup function in
 * every pooled database, each database in one transaction. Idempotent.
 * Errors: PGBOUNCER_CONFIG (connection is not superuser, auth role is a superuser), PG_*.
 */
export async function applyAuthQuery(options: ApplyAuthQueryOptions): Promise<void> {
  const { authUser, signal, onEvent } = options;
  const first = options.databases[0];
  if (!first) return;
  const client = await connect(withDatabase(options.superuserUrl, first), { signal });
  try {
    const me = await client.query<{ rolsuper: boolean; name: string }>('SELECT rolsuper, rolname::text AS name FROM pg_catalog.pg_roles WHERE rolname = current_user');
    if (!me.rows[0]?.rolsuper) {
      throw new CatdbError('PGBOUNCER_CONFIG', `Installing the auth_query function needs a superuser, and "${me.rows[0]?.name ?? '?'}" is not one`, {
        hint: 'Pass --superuser-url (or CATDB_SUPERUSER_URL) with a superuser; it is used only for setup and is not stored.',
      });
    }
    const existing = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = $1', [authUser]);
    if (existing.rows[0]?.rolsuper) {
      throw new CatdbError('PGBOUNCER_CONFIG', `The auth user "${authUser}" is a superuser; PgBouncer's auth user must be an unprivileged role`, {
        hint: 'Choose another --auth-user name; catdb creates it with LOGIN and nothing else.',
        details: { authUser },
      });
    }
    await client.query(renderAuthRoleSql(authUser, options.authVerifier, existing.rows.length > 0)).catch((err: unknown) => {
      throw mapPgError(err, { what: `Could not create the auth role "${authUser}"`, details: { authUser } });
    });
    onEvent?.({ type: 'pgbouncer.auth-user-ready', user: authUser, created: existing.rows.length === 0 });
  } finally {
    await client.end().catch(() => {});
  }
  for (const database of options.databases) {
    throwIfAborted(signal);
    const db = await connect(withDatabase(options.superuserUrl, database), { signal });
    try {
      await db.query('BEGIN');
      for (const sql of renderAuthFunctionSql(database, authUser)) await db.query(sql);
      await db.query('COMMIT');
    } catch (err) {
      await db.query('ROLLBACK').catch(() => {});
      throw mapPgError(err, { what: `Could not install the auth_query function in "${database}"`, details: { database } });
    } finally {
      await db.end().catch(() => {});
    }
    onEvent?.({ type: 'pgbouncer.auth-function-installed', database, function: `${AUTH_SCHEMA}.${AUTH_FUNCTION}(text)` });
  }
}
