import { sql } from 'kysely';
import type pg from 'pg';
import type { PgCatalog } from './catalog-tables.js';
import { kyselyForClient } from './kysely-for-client.js';
import type { TargetTable } from './target-table.js';

/** Tables (ordinary and partitioned) of a schema with their columns, from pg_catalog. */
export async function readTargetTables(client: pg.Client, schema: string): Promise<Map<string, TargetTable>> {
  const db = kyselyForClient<PgCatalog>(client);
  const rows = await db
    .selectFrom('pg_catalog.pg_attribute as a')
    .innerJoin('pg_catalog.pg_class as c', 'c.oid', 'a.attrelid')
    .innerJoin('pg_catalog.pg_namespace as n', 'n.oid', 'c.relnamespace')
    .select([
      'c.relname as table',
      'a.attname as name',
      sql<string>`format_type(a.atttypid, a.atttypmod)`.as('type'),
      'a.attnotnull as notNull',
      'a.atthasdef as hasDefault',
      sql<boolean>`a.attgenerated <> ''`.as('generated'),
    ])
    .where('n.nspname', '=', schema)
    .where('c.relkind', 'in', ['r', 'p'])
    .where('a.attnum', '>', 0)
    .where('a.attisdropped', '=', false)
    .orderBy('c.relname')
    .orderBy('a.attnum')
    .execute();
  const tables = new Map<string, TargetTable>();
  for (const r of rows) {
    let t = tables.get(r.table);
    if (!t) {
      t = { schema, name: r.table, columns: [] };
      tables.set(r.table, t);
    }
    t.columns.push({ name: r.name, type: r.type, notNull: r.notNull, hasDefault: r.hasDefault, generated: r.generated });
  }
  return tables;
}
