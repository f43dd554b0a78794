import type pg from 'pg';

/**
 * Names of the constraints and indexes that already exist in a schema, so a resumed
 * migration can skip the post-load statements an earlier attempt completed. (PostgreSQL
 * keeps constraint and index names unique per table/schema; catdb names are unique per schema.)
 * A foreign key left NOT VALID by an interrupted attempt is not done: it still needs its check.
 */
export async function readExistingConstraints(client: pg.Client, schema: string): Promise<Set<string>> {
  const res = await client.query<{ name: string }>(
    `SELECT con.conname AS name FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_namespace n ON n.oid = con.connamespace WHERE n.nspname = $1 AND con.convalidated
     UNION
     SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('i', 'I')`,
    [schema],
  );
  return new Set(res.rows.map((r) => r.name));
}
