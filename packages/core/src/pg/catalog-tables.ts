import type { Generated } from 'kysely';

/**
 * The few pg_catalog relations catdb reads, typed for kysely. Only the columns used
 * are declared; `oid` columns are numbers (they fit in 32 bits).
 */
export interface PgCatalog {
  'pg_catalog.pg_namespace': { oid: number; nspname: string };
  'pg_catalog.pg_class': { oid: number; relname: string; relnamespace: number; relkind: string; reltuples: number };
  'pg_catalog.pg_attribute': { attrelid: number; attname: string; attnum: number; atttypid: number; atttypmod: number; attnotnull: boolean; attisdropped: boolean; atthasdef: boolean; attidentity: string; attgenerated: string };
  'pg_catalog.pg_type': { oid: number; typname: string };
  'pg_catalog.pg_constraint': { oid: Generated<number>; conname: string; conrelid: number; confrelid: number; contype: string; conkey: number[] | null; confkey: number[] | null };
}
