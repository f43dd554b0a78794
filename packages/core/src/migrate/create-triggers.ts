import type pg from 'pg';
import { throwIfAborted } from '../errors.js';
import { applyStatement } from '../pg/apply-statement.js';
import { quoteLiteral, quoteQualified } from '../pg/quote-ident.js';
import type { MigrationPlan, PlanWarning } from '../plan/migration-plan.js';
import type { MigrationEvent } from './migration-event.js';

/** The comment that marks a trigger function as catdb's, so that a later run may replace it. */
const MARK = 'catdb: trigger function translated from SQLite';

/**
 * Creates each translated trigger, its function first, in one transaction per trigger so that
 * a failure leaves neither behind. A trigger whose body reads a view that was not created is
 * not created either (PL/pgSQL would fail only when it fires). Failures become warnings that
 * count as not created.
 */
export async function createTriggers(
  client: pg.Client,
  plan: MigrationPlan,
  result: { warnings: PlanWarning[] },
  emit: (e: MigrationEvent) => void,
  replace: boolean,
  signal: AbortSignal | undefined,
): Promise<void> {
  const views = new Set(
    (await client.query<{ relname: string }>(`SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'v'`, [plan.schema])).rows.map((r) => r.relname),
  );
  const fail = (object: string, message: string, sql: string): void => {
    const warning: PlanWarning = { object, message, sql, notCreated: 'trigger' };
    result.warnings.push(warning);
    emit({ type: 'warning', warning });
  };
  for (const t of plan.triggers) {
    throwIfAborted(signal);
    const missing = t.reads.filter((v) => !views.has(v));
    if (missing.length > 0) {
      fail(t.name, `trigger on ${t.table} not created: it reads view ${missing.join(', ')}, which was not created`, t.sourceSql);
      continue;
    }
    await applyStatement(client, 'BEGIN');
    try {
      const fn = `${quoteQualified(plan.schema, t.target)}()`;
      // A resumed or replacing run finds the function of an earlier run; only one catdb marked as its own is replaced.
      if (replace && (await ownFunction(client, fn))) await applyStatement(client, `DROP FUNCTION ${fn} CASCADE`);
      for (const sql of t.statements) await applyStatement(client, sql);
      await applyStatement(client, `COMMENT ON FUNCTION ${fn} IS ${quoteLiteral(MARK)}`);
      await applyStatement(client, 'COMMIT');
    } catch (err) {
      await applyStatement(client, 'ROLLBACK').catch(() => {});
      throwIfAborted(signal);
      fail(t.name, `trigger on ${t.table} not created (${(err as Error).message}); translate it by hand`, t.sourceSql);
    }
  }
}

async function ownFunction(client: pg.Client, fn: string): Promise<boolean> {
  const res = await client.query<{ mark: string | null }>(`SELECT obj_description(to_regprocedure($1), 'pg_proc') AS mark`, [fn]);
  return res.rows[0]?.mark === MARK;
}
