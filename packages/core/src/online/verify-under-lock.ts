import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { CatdbError, throwIfAborted } from '../errors.js';
import type { TableVerification } from '../verify/table-verification.js';
import type { ApplierContext } from './applier-context.js';
import { compareRowCounts } from './compare-row-counts.js';
import type { RowCount } from './cutover-result.js';
import type { FollowTable } from './follow-plan.js';
import type { OnlineEventHandler } from './online-event.js';
import { planCutoverChecks } from './plan-cutover-checks.js';
import { quietTriggers } from './quiet-triggers.js';
import { reloadTable } from './reload-table.js';
import { verifyWholeTable } from './verify-whole-table.js';

/**
 * The cutover's verification, on `db` as it is now (under the write lock, or fenced):
 * reloads changed tables without a primary key, then compares row counts (`changed`) or
 * counts and checksums (`full`), as planCutoverChecks says.
 *
 * Errors: VERIFY_MISMATCH (naming the tables), PG_*, ABORTED.
 */
export async function verifyUnderLock(o: { db: SqliteDatabase; ctx: ApplierContext; changed: readonly string[]; mode: 'changed' | 'full'; countRows?: (planned: FollowTable[]) => Promise<RowCount[]>; signal?: AbortSignal; onEvent?: OnlineEventHandler }): Promise<{ counts: RowCount[]; verified: TableVerification[]; reloaded: string[] }> {
  const { ctx } = o;
  const checks = planCutoverChecks(ctx.plan, o.changed, o.mode);
  const verified: TableVerification[] = [];
  for (const t of [...checks.reload, ...checks.checksum]) {
    throwIfAborted(o.signal);
    const codecs = ctx.codecs.get(t.source)!;
    if (checks.reload.includes(t)) await reloadTable(o.db, ctx.client, ctx.plan.schema, t, codecs, await quietTriggers(ctx.client, ctx.plan, [t]), o.signal);
    const v = await verifyWholeTable(o.db, ctx.client, ctx.plan.schema, t, codecs, ctx.algorithm, o.signal);
    verified.push(v);
    o.onEvent?.({ type: 'verify-table', table: v.table, ok: v.ok, sourceRows: v.sourceRows, targetRows: v.targetRows, rejected: v.rejected, ms: v.ms });
  }
  // countRows: the cutover's counts at the fence derived from a snapshot (verifyCountsSince).
  const counts = o.countRows ? await o.countRows(checks.count) : await compareRowCounts(o.db, ctx.client, ctx.plan.schema, checks.count);
  for (const c of counts) o.onEvent?.({ type: 'cutover-count', ...c });
  const bad = [...counts.filter((c) => !c.ok).map((c) => `${c.table} (SQLite ${c.sqliteRows} rows, target ${c.targetRows})`), ...verified.filter((v) => !v.ok).map((v) => `${v.table} (source ${v.sourceRows} rows, target ${v.targetRows}, checksums differ)`)];
  if (bad.length > 0) {
    throw new CatdbError('VERIFY_MISMATCH', `The cutover stopped before the fence: ${bad.join(', ')} differ between SQLite and the target`, {
      hint: 'Nothing was fenced; the application goes on writing to SQLite. Run `catdb migrate verify` to see the rows, and check for writes to the target (or foreign key cascades there) during the migration.',
      details: { tables: bad, counts: counts.filter((c) => !c.ok), verified: verified.filter((v) => !v.ok) },
    });
  }
  return { counts, verified, reloaded: checks.reload.map((t) => t.source) };
}
