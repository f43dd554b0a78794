import { quoteIdent, quoteLiteral, quoteQualified } from '../pg/quote-ident.js';

export const AUTH_SCHEMA = 'catdb_pgbouncer';
export const AUTH_FUNCTION = 'user_lookup';

/** The `auth_query` PgBouncer runs as the auth user in the database a client asks for. */
export function renderAuthQuery(schema = AUTH_SCHEMA): string {
  return `SELECT usename, passwd FROM ${quoteQualified(schema, AUTH_FUNCTION)}($1)`;
}

/**
 * SQL that creates or updates the auth role. The password travels as a SCRAM verifier
 * computed client-side, so neither the wire nor the server log ever sees it.
 */
export function renderAuthRoleSql(authUser: string, verifier: string, exists: boolean): string {
  const verb = exists ? 'ALTER' : 'CREATE';
  return `${verb} ROLE ${quoteIdent(authUser)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${quoteLiteral(verifier)}`;
}

/**
 * The statements installing the lookup function in one database, in order.
 * SECURITY DEFINER so the unprivileged auth user can read pg_authid through it; search_path
 * pinned so nobody can shadow pg_catalog objects; EXECUTE only for the auth user.
 * It never returns superusers, roles without LOGIN, expired roles or the auth user itself:
 * a pooler has no business logging those in.
 */
export function renderAuthFunctionSql(database: string, authUser: string, schema = AUTH_SCHEMA): string[] {
  const fn = quoteQualified(schema, AUTH_FUNCTION);
  const role = quoteIdent(authUser);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`,
    `REVOKE ALL ON SCHEMA ${quoteIdent(schema)} FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${role}`,
    `CREATE OR REPLACE FUNCTION ${fn}(p_usename text)
  RETURNS TABLE (usename name, passwd text)
  LANGUAGE sql STABLE STRICT SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
AS $fn$
  SELECT a.rolname, a.rolpassword
    FROM pg_catalog.pg_authid AS a
   WHERE a.rolname = p_usename
     AND a.rolcanlogin
     AND NOT a.rolsuper
     AND a.rolname <> ${quoteLiteral(authUser)}
     AND a.rolpassword IS NOT NULL
     AND (a.rolvaliduntil IS NULL OR a.rolvaliduntil > pg_catalog.now())
$fn$`,
    `REVOKE ALL ON FUNCTION ${fn}(text) FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION ${fn}(text) TO ${role}`,
    `GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${role}`,
  ];
}
