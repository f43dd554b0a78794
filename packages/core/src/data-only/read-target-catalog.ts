import { sql } from 'kysely';
import type pg from 'pg';
import type { PgCatalog } from '../pg/catalog-tables.js';
import { kyselyForClient } from '../pg/kysely-for-client.js';
import { quoteQualified } from '../pg/quote-ident.js';
import { readTargetTables } from '../pg/read-target-columns.js';
import type { TargetCatalog } from './target-catalog.js';

/** The catalog columns read here beyond the shared PgCatalog declarations. */
interface Catalog extends Omit<PgCatalog, 'pg_catalog.pg_constraint'> {
  'pg_catalog.pg_constraint': PgCatalog['pg_catalog.pg_constraint'] & { condeferrable: boolean };
  'pg_catalog.pg_depend': { classid: number; objid: number; refclassid: number; refobjid: number; refobjsubid: number; deptype: string };
}

/**
 * Reads a schema's tables and columns, its foreign keys (with the parent's schema and
 * whether they are deferrable) and the sequences owned by columns. Read-only.
 */
export async function readTargetCatalog(client: pg.Client, schema: string): Promise<TargetCatalog> {
  const tables = await readTargetTables(client, schema);
  const db = kyselyForClient<Catalog>(client);
  const attnames = (rel: 'con.conrelid' | 'con.confrelid', keys: 'con.conkey' | 'con.confkey') =>
    sql<string[]>`array(SELECT a.attname::text FROM unnest(${sql.ref(keys)}) WITH ORDINALITY AS k(attnum, i)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = ${sql.ref(rel)} AND a.attnum = k.attnum ORDER BY k.i)`;
  // Both queries keep to relations of `schema`; NULL (no rows) when it does not exist.
  const schemaOid = sql<number>`(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ${schema})`;
  const fks = await db
    .selectFrom('pg_catalog.pg_constraint as con')
    .innerJoin('pg_catalog.pg_class as c', 'c.oid', 'con.conrelid')
    .innerJoin('pg_catalog.pg_class as p', 'p.oid', 'con.confrelid')
    .innerJoin('pg_catalog.pg_namespace as pn', 'pn.oid', 'p.relnamespace')
    .select([
      'con.conname as name',
      'c.relname as table',
      'pn.nspname as parentSchema',
      'p.relname as parentTable',
      'con.condeferrable as deferrable',
      attnames('con.conrelid', 'con.conkey').as('columns'),
      attnames('con.confrelid', 'con.confkey').as('parentColumns'),
      sql<string>`pg_catalog.pg_get_constraintdef(con.oid)`.as('definition'),
    ])
    .where('c.relnamespace', '=', schemaOid)
    .where('con.contype', '=', 'f')
    .orderBy('c.relname')
    .orderBy('con.conname')
    .execute();
  // SERIAL columns own their sequence with an 'a' dependency, identity columns with 'i'.
  const seqs = await db
    .selectFrom('pg_catalog.pg_depend as d')
    .innerJoin('pg_catalog.pg_class as s', 's.oid', 'd.objid')
    .innerJoin('pg_catalog.pg_namespace as sn', 'sn.oid', 's.relnamespace')
    .innerJoin('pg_catalog.pg_class as t', 't.oid', 'd.refobjid')
    .innerJoin('pg_catalog.pg_attribute as a', (j) => j.onRef('a.attrelid', '=', 'd.refobjid').onRef('a.attnum', '=', 'd.refobjsubid'))
    .select(['sn.nspname as sequenceSchema', 's.relname as name', 't.relname as table', 'a.attname as column', 'd.deptype as deptype'])
    .where('d.classid', '=', sql<number>`'pg_catalog.pg_class'::regclass`)
    .where('d.refclassid', '=', sql<number>`'pg_catalog.pg_class'::regclass`)
    .where('s.relkind', '=', 'S')
    .where('d.deptype', 'in', ['a', 'i'])
    .where('t.relnamespace', '=', schemaOid)
    .orderBy('t.relname')
    .orderBy('a.attname')
    .execute();
  return {
    schema,
    tables,
    foreignKeys: fks.map((f) => ({ ...f })),
    sequences: seqs.map((s) => ({ qualifiedName: quoteQualified(s.sequenceSchema, s.name), name: s.name, table: s.table, column: s.column, identity: s.deptype === 'i' })),
  };
}
