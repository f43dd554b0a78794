import type pg from 'pg';
import { mapPgError } from '../pg/map-pg-error.js';

/** The primary key columns (in key order) of every table of `schema` that has one, by table name. */
export async function readTargetPrimaryKeys(client: pg.Client, schema: string): Promise<Map<string, string[]>> {
  try {
    const res = await client.query<{ table: string; columns: string[] }>(
      `SELECT c.relname::text AS table, array_agg(a.attname::text ORDER BY k.i) AS columns
         FROM pg_catalog.pg_constraint x
         JOIN pg_catalog.pg_class c ON c.oid = x.conrelid
         CROSS JOIN LATERAL unnest(x.conkey) WITH ORDINALITY AS k(attnum, i)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = x.conrelid AND a.attnum = k.attnum
        WHERE x.contype = 'p' AND c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1)
        GROUP BY c.relname`,
      [schema],
    );
    return new Map(res.rows.map((r) => [r.table, r.columns]));
  } catch (err) {
    throw mapPgError(err, { what: `Reading the primary keys of schema ${schema} failed`, details: { schema } });
  }
}
