import type pg from 'pg';
import type { RenderPool } from './render-pool.js';
import { forEachWithClients, openClientPool, type ClientPool } from '../pg/client-pool.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { diffTableRows } from './diff-table-rows.js';
import type { RowDifference } from './table-verification.js';
import type { TableVerificationPlan } from './plan-verification.js';
import type { StartedVerification } from './start-verification.js';
import { verifyTable } from './verify-table.js';
import type { TableVerification } from './table-verification.js';

export type VerifiedTable = TableVerification & { differences?: RowDifference[] };

export interface ApplyVerificationOptions {
  /** Threads for the tables the plan gives them to; the rest run here. */
  renderPool?: RenderPool | undefined;
  /**
   * The target's URL, for one connection more than `clients` when there are more tables than
   * clients: each big table's server-side sum then runs while the threads work through the
   * source side, and none waits for a free connection.
   */
  spareConnectionTo?: string;
  signal?: AbortSignal | undefined;
  onTableStart?: (table: TableVerificationPlan) => void;
  onTable?: (result: VerifiedTable) => void;
}

/**
 * Runs a verification plan, one table per client at a time, in the plan's order, using the
 * source sums startVerification already started. A mismatching table with key columns gets
 * up to 10 differing rows. Returns the tables by name.
 */
export async function applyVerification(db: SqliteDatabase, clients: readonly pg.Client[], started: StartedVerification, options: ApplyVerificationOptions = {}): Promise<VerifiedTable[]> {
  const { plan, algorithm, sums } = started;
  const { renderPool, signal } = options;
  const results: VerifiedTable[] = [];
  let spare: ClientPool | undefined;
  try {
    spare = options.spareConnectionTo && plan.tables.length > clients.length ? await openClientPool(options.spareConnectionTo, 1, signal) : undefined;
    await forEachWithClients([...clients, ...(spare?.clients ?? [])], plan.tables, async (t, client) => {
      options.onTableStart?.(t);
      const sourceSum = sums.get(t.source);
      const v: VerifiedTable = await verifyTable(db, client, {
        schema: plan.schema,
        source: t.source,
        target: t.target,
        readKey: t.readKey,
        codecs: t.codecs,
        algorithm,
        ...(signal ? { signal } : {}),
        ...(t.sqlCanonical ? { sqlCanonical: t.sqlCanonical } : {}),
        ...(t.threads && renderPool ? { renderPool } : {}),
        ...(sourceSum ? { sourceSum } : {}),
      });
      if (!v.ok && t.keyColumns?.length) v.differences = await diffTableRows(db, client, { schema: plan.schema, source: t.source, target: t.target, readKey: t.readKey, codecs: t.codecs, keyColumns: t.keyColumns, ...(signal ? { signal } : {}) });
      results.push(v);
      options.onTable?.(v);
    });
  } finally {
    await spare?.close();
  }
  return results.sort((a, b) => a.table.localeCompare(b.table));
}
