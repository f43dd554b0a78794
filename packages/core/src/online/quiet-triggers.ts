import type pg from 'pg';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import type { FollowPlan, FollowTable } from './follow-plan.js';

/** The statements that turn a round's triggers off, and on again before it commits. */
export interface QuietTriggers {
  off: string[];
  on: string[];
}

/**
 * The triggers catdb translated from SQLite fire in PostgreSQL when the follower writes a
 * row, but every row it writes already holds what SQLite's triggers did to it, and the rows
 * those triggers wrote elsewhere come through the log on their own: firing again would set
 * an `updated_at` twice (to another time) or log an audit row twice. So a round turns the
 * enabled triggers of the tables it writes off inside its own transaction and on again before
 * it commits, as logical replication's apply does. ALTER TABLE … DISABLE TRIGGER is
 * transactional: a crash or a rollback leaves them as they were. Only where catdb made the
 * tables (`plan.quietTriggers`): a data-only follower leaves the application's triggers alone.
 */
export async function quietTriggers(client: pg.Client, plan: FollowPlan, tables: readonly FollowTable[]): Promise<QuietTriggers> {
  if (!plan.quietTriggers || tables.length === 0) return { off: [], on: [] };
  let rows: { relname: string; tgname: string }[];
  try {
    rows = (
      await client.query<{ relname: string; tgname: string }>(
        `SELECT c.relname, t.tgname FROM pg_catalog.pg_trigger t
           JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND NOT t.tgisinternal AND t.tgenabled = 'O'
          ORDER BY 1, 2`,
        [plan.schema, tables.map((t) => t.target)],
      )
    ).rows;
  } catch (err) {
    throw mapPgError(err, { what: 'Reading the triggers of the target tables failed' });
  }
  const alter = (r: { relname: string; tgname: string }, how: 'DISABLE' | 'ENABLE'): string => `ALTER TABLE ${quoteQualified(plan.schema, r.relname)} ${how} TRIGGER ${quoteIdent(r.tgname)}`;
  return { off: rows.map((r) => alter(r, 'DISABLE')), on: rows.map((r) => alter(r, 'ENABLE')) };
}
