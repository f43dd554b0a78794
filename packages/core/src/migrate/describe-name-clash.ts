import type pg from 'pg';
import type { PostLoadStatement } from '../plan/migration-plan.js';

/** duplicate_table ("relation … already exists") and duplicate_object ("constraint … already exists"). */
const NAME_TAKEN = new Set(['42P07', '42710']);

const PHASES: Record<string, string> = { 'primary-key': 'primary key', unique: 'unique constraint', index: 'index', check: 'check constraint', 'foreign-key': 'foreign key', sequence: 'sequence' };
const KINDS: Record<string, string> = { r: 'table', p: 'table', v: 'view', m: 'materialized view', f: 'foreign table', S: 'sequence', i: 'index', I: 'index', c: 'type' };

/**
 * When a post-load statement failed because its name is taken in the target (by an object
 * catdb did not plan: the plan's own names are all distinct), one line naming both sides;
 * undefined for any other failure.
 */
export async function describeNameClash(err: unknown, s: PostLoadStatement, client: pg.Client, schema: string): Promise<string | undefined> {
  if (!NAME_TAKEN.has((err as { code?: string }).code ?? '')) return undefined;
  const res = await client
    .query<{ kind: string; name: string; owner: string | null }>(
      `SELECT c.relkind::text AS kind, c.relname AS name, t.relname AS owner
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
         LEFT JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
        WHERE n.nspname = $1 AND c.relname = $2
       UNION ALL
       SELECT 'constraint', con.conname, t.relname
         FROM pg_catalog.pg_constraint con
         JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = $1 AND con.conname = $2 AND t.relname = $3
        LIMIT 1`,
      [schema, s.name, s.table],
    )
    .catch(() => ({ rows: [] as { kind: string; name: string; owner: string | null }[] }));
  const holder = res.rows[0];
  const what = holder ? `${KINDS[holder.kind] ?? holder.kind} "${holder.name}"${holder.owner ? ` of table "${holder.owner}"` : ''}` : 'another object';
  return `the ${PHASES[s.phase] ?? s.phase} "${s.name}" of table "${s.table}" cannot take its name: ${what} in schema "${schema}" already has it`;
}
