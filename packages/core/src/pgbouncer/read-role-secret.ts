import { CatdbError } from '../errors.js';
import type { PgClient } from '../pg/connect.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { secretType } from '../scram/secret-type.js';
import type { SecretType } from './types.js';
import type { RoleSecret } from './types.js';

/**
 * Reads a role's stored secret from `pg_authid` so PgBouncer holds the very same SCRAM
 * verifier as the server (same salt and iterations), which is what pass-through needs.
 * Needs a superuser connection. Errors: PGBOUNCER_CONFIG (not superuser, no such role,
 * no password, clear-text password), PG_QUERY_FAILED.
 */
export async function readRoleSecret(client: PgClient, user: string): Promise<RoleSecret> {
  const who = await client.query<{ rolsuper: boolean; current_user: string }>(
    'SELECT r.rolsuper, current_user::text AS current_user FROM pg_catalog.pg_roles r WHERE r.rolname = current_user',
  );
  if (!who.rows[0]?.rolsuper) {
    throw new CatdbError('PGBOUNCER_CONFIG', `Reading the SCRAM secret of "${user}" from pg_authid needs a superuser connection, and "${who.rows[0]?.current_user ?? '?'}" is not one`, {
      hint: 'Pass --superuser-url (or CATDB_SUPERUSER_URL) with a superuser; it is used only to read the secret and is not stored.',
      details: { user },
    });
  }
  let rows: { rolpassword: string | null; rolsuper: boolean; rolcanlogin: boolean }[];
  try {
    ({ rows } = await client.query('SELECT rolpassword, rolsuper, rolcanlogin FROM pg_catalog.pg_authid WHERE rolname = $1', [user]));
  } catch (err) {
    throw mapPgError(err, { what: `Could not read the secret of "${user}"`, details: { user } });
  }
  const row = rows[0];
  if (!row) throw new CatdbError('PGBOUNCER_CONFIG', `The role "${user}" does not exist on the server`, { details: { user } });
  if (!row.rolcanlogin) throw new CatdbError('PGBOUNCER_CONFIG', `The role "${user}" cannot log in (NOLOGIN)`, { details: { user } });
  if (!row.rolpassword) {
    throw new CatdbError('PGBOUNCER_CONFIG', `The role "${user}" has no password, so PgBouncer has nothing to check clients against`, {
      hint: `Give it one: \\password ${user} in psql (sends only a SCRAM verifier).`,
      details: { user },
    });
  }
  const type = secretType(row.rolpassword);
  if (type === 'plain') throw new CatdbError('PGBOUNCER_CONFIG', `pg_authid holds an unexpected secret format for "${user}"`, { details: { user } });
  return { user, secret: row.rolpassword, secretType: type, superuser: row.rolsuper };
}
