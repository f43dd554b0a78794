import type pg from 'pg';
import type { MigrationPlan } from '../plan/migration-plan.js';

/** The tables and views of the plan that already exist in the target schema, by target name. */
export async function readExistingRelations(client: pg.Client, plan: MigrationPlan): Promise<string[]> {
  const names = [...plan.tables.map((t) => t.target), ...plan.views.map((v) => v.target)];
  if (names.length === 0) return [];
  const res = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND c.relkind IN ('r','p','v','m','f') ORDER BY 1`,
    [plan.schema, names],
  );
  return res.rows.map((r) => r.relname);
}
