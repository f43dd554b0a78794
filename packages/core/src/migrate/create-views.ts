import type pg from 'pg';
import { throwIfAborted } from '../errors.js';
import { applyStatement } from '../pg/apply-statement.js';
import { quoteIdent } from '../pg/quote-ident.js';
import type { MigrationPlan, PlanWarning } from '../plan/migration-plan.js';
import { COMPAT_SCHEMA } from '../translate/compat-functions.js';

/** Views may depend on each other: keep creating until no more succeed; report the rest with their SQL. */
export async function createViews(client: pg.Client, plan: MigrationPlan, warn: (warning: PlanWarning) => void, signal: AbortSignal | undefined): Promise<void> {
  let pending = [...plan.views];
  const lastError = new Map<string, string>();
  // View bodies name tables unqualified, as SQLite wrote them: resolve them in the target schema.
  // catdb_sqlite last: its operators for text arithmetic fill in only where PostgreSQL has none.
  await client.query('SELECT set_config($1, $2, false)', ['search_path', quoteIdent(plan.schema) + (plan.compat?.length ? `, ${COMPAT_SCHEMA}` : '')]);
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const still: typeof pending = [];
    for (const v of pending) {
      try {
        await applyStatement(client, v.sql);
        progress = true;
      } catch (err) {
        throwIfAborted(signal);
        lastError.set(v.source, (err as Error).message);
        still.push(v);
      }
    }
    pending = still;
  }
  for (const v of pending) warn({ object: v.source, message: `view not created (${lastError.get(v.source)}); translate it by hand`, sql: v.sourceSql, notCreated: 'view' });
}
