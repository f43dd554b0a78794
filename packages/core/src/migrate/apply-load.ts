import type pg from 'pg';
import { copyTable } from '../copy/copy-table.js';
import type { RejectRecord } from '../copy/reject-record.js';
import type { RenderPool } from '../verify/render-pool.js';
import { throwIfAborted } from '../errors.js';
import { forEachWithClients } from '../pg/client-pool.js';
import type { MigrationPlan, PlanWarning } from '../plan/migration-plan.js';
import { renderCreateTable } from '../plan/render-create-table.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { decideAfterRejection } from './decide-after-rejection.js';
import type { LoadDecision } from './load-decision.js';
import type { MigrateOptions } from './migrate-options.js';
import type { MigrateResult } from './migrate-result.js';
import type { MigrationEvent } from './migration-event.js';
import type { MigrationState } from './migration-state.js';
import { overlongVarcharDecision } from './overlong-varchar-decision.js';
import { planAfterLoad, tableAfterLoad } from './plan-after-load.js';
import { planTableLoad, type LoadPlan, type TableLoadPlan } from './plan-load.js';

export interface ApplyLoadContext {
  db: SqliteDatabase;
  clients: readonly pg.Client[];
  /** The plan as made; the load never changes it (see LoadDecision). */
  plan: MigrationPlan;
  options: Pick<MigrateOptions, 'onError' | 'strictTypes' | 'signal'>;
  state: MigrationState;
  renderPool: RenderPool | undefined;
  emit: (e: MigrationEvent) => void;
  /** Collects rows, bytes, rejects, warnings and load decisions. */
  result: MigrateResult;
}

/**
 * Runs a load plan: each table in its own transaction (created, copied, marked done), several
 * at once. A load that fails on a value the plan did not foresee is decided again and the
 * table reloaded; the decision goes to `result.loadDecisions` and a `load-decision` event.
 */
export async function applyLoad(load: LoadPlan, ctx: ApplyLoadContext): Promise<void> {
  const { result, emit, state, options } = ctx;
  const skipRows = options.onError === 'skip-row';
  const warn = (warning: PlanWarning): void => {
    result.warnings.push(warning);
    emit({ type: 'warning', warning });
  };
  const decide = (decision: LoadDecision): void => {
    result.loadDecisions.push(decision);
    emit({ type: 'load-decision', decision });
  };
  await forEachWithClients(ctx.clients, load.tables, async (planned, client) => {
    throwIfAborted(options.signal);
    const t0 = performance.now();
    const { table: source } = planned;
    const loaded = state.done.get(source.source);
    if (loaded) {
      result.tables.push({ table: source.source, target: source.target, rows: loaded.rows, bytes: 0, rejected: loaded.rejected, ms: 0 });
      result.rows += loaded.rows;
      result.rejected += loaded.rejected;
      emit({ type: 'table-skipped', table: source.source, reason: 'loaded by the interrupted run (--resume)' });
      return;
    }
    emit({ type: 'table-start', table: source.source, rows: source.rowCount });
    let lastReport = 0;
    // A retry starts from a rolled-back transaction, so CREATE suffices.
    const copy = (t: TableLoadPlan) =>
      copyTable(client, ctx.db, {
        schema: ctx.plan.schema,
        source: t.table.source,
        target: t.table.target,
        readKey: t.table.readKey,
        codecs: t.codecs,
        before: renderCreateTable(ctx.plan.schema, t.table),
        after: (out) => [state.markDone(t.table.source, out)],
        freeze: true,
        ...(t.sqlChunkQuery ? { sqlChunkQuery: t.sqlChunkQuery } : {}),
        ...(t.threads && ctx.renderPool ? { renderPool: ctx.renderPool } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (rows, bytes) => {
          const now = performance.now();
          if (now - lastReport > 200) {
            lastReport = now;
            emit({ type: 'table-progress', table: source.source, rows, totalRows: source.rowCount, bytes });
          }
        },
        ...(skipRows
          ? {
              onReject: (record: RejectRecord) => {
                result.rejects.push(record);
                emit({ type: 'reject', record });
              },
            }
          : {}),
      });
    let current = planned;
    let out: Awaited<ReturnType<typeof copyTable>> | undefined;
    while (!out) {
      try {
        out = await copy(current);
      } catch (err) {
        const overlong = overlongVarcharDecision(current.table, err);
        if (overlong) {
          // Each retry widens one more column, so this ends. The path stays the one this load was on.
          warn(overlong.warning);
          decide(overlong.decision);
          const { sqlChunkQuery, threads } = current;
          current = { ...planTableLoad(tableAfterLoad(current.table, [overlong.decision]), load.settings), ...(sqlChunkQuery ? { sqlChunkQuery } : {}), threads };
          continue;
        }
        // Decided once per table: the decided columns carry every value afterwards.
        const decided = options.strictTypes ? undefined : decideAfterRejection(ctx.db, planAfterLoad(ctx.plan, result.loadDecisions), current.table, err);
        if (decided && decided.decisions.length > 0) {
          for (const warning of decided.warnings) warn(warning);
          for (const decision of decided.decisions) decide(decision);
          current = planTableLoad(tableAfterLoad(current.table, decided.decisions), load.settings);
          continue;
        }
        // SQLite could not render some value exactly (or PostgreSQL refused it): load the table
        // again through the JavaScript encoders, which carry it or name its row.
        if (!current.sqlChunkQuery || !isDataError(err)) throw err;
        emit({ type: 'table-retry', table: source.source, reason: (err as Error).message });
        current = { table: current.table, codecs: current.codecs, threads: false };
      }
    }
    const ms = Math.round(performance.now() - t0);
    result.tables.push({ table: source.source, target: source.target, rows: out.rows, bytes: out.bytes, rejected: out.rejected, ms });
    result.rows += out.rows;
    result.bytes += out.bytes;
    result.rejected += out.rejected;
    emit({ type: 'table-done', table: source.source, rows: out.rows, bytes: out.bytes, rejected: out.rejected, ms });
  });
}

/** A value PostgreSQL refused (SQLSTATE class 22: bad input, out of range, bad encoding). */
function isDataError(err: unknown): boolean {
  const sqlstate = (err as { details?: { sqlstate?: string } }).details?.sqlstate ?? '';
  return sqlstate.startsWith('22');
}
