import type pg from 'pg';
import { applyStatement } from '../pg/apply-statement.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import type { MigrationPlan } from '../plan/migration-plan.js';
import type { MigrationState } from './migration-state.js';

/**
 * The create step: the schema, catdb's compat functions, and room for the tables. Views and
 * tables are dropped when they are to be replaced (`replace`, or a resumed run's tables it
 * did not finish); each table itself is created in its load transaction.
 */
export async function createTargetTables(client: pg.Client, plan: MigrationPlan, state: MigrationState, replace: boolean): Promise<void> {
  await applyStatement(client, `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(plan.schema)}`);
  // One statement per query; all catdb's own text, none from the source.
  for (const sql of plan.compat ?? []) await applyStatement(client, sql);
  if (replace || state.resumed) for (const v of plan.views) await applyStatement(client, `DROP VIEW IF EXISTS ${quoteQualified(plan.schema, v.target)} CASCADE`);
  // One statement for all tables: dropping them one per load transaction deadlocks on
  // the foreign keys between them (each DROP … CASCADE locks the other side).
  const replaced = plan.tables.filter((t) => (replace || state.resumed) && !state.done.has(t.source));
  if (replaced.length > 0) await applyStatement(client, `DROP TABLE IF EXISTS ${replaced.map((t) => quoteQualified(plan.schema, t.target)).join(', ')} CASCADE`);
}
