import type pg from 'pg';
import { openRenderPool } from '../verify/open-render-pool.js';
import type { RenderPool } from '../verify/render-pool.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { applyVerification } from '../verify/apply-verification.js';
import type { StartedVerification } from '../verify/start-verification.js';
import type { TableVerification } from '../verify/table-verification.js';
import type { MigrateOptions } from './migrate-options.js';
import type { MigrationEvent } from './migration-event.js';

/** The migration's verify step: finishes the verification started after the load (see startVerification). */
export async function verifyLoadedTables(
  db: SqliteDatabase,
  clients: pg.Client[],
  started: StartedVerification,
  ctx: { options: MigrateOptions; threads: RenderPool | undefined; emit: (e: MigrationEvent) => void },
): Promise<{ ok: boolean; tables: TableVerification[] }> {
  const { options, threads, emit } = ctx;
  const wantThreads = started.plan.tables.filter((t) => t.threads);
  // Without the load's threads (none were worth it then), big tables may still pay for their own.
  const own = !threads && wantThreads.length > 0 ? await openRenderPool(db, options, clients.length, wantThreads.map((t) => t.rows)) : undefined;
  let tables: TableVerification[];
  try {
    tables = await applyVerification(db, clients, started, {
      renderPool: threads ?? own,
      spareConnectionTo: options.target,
      signal: options.signal,
      onTable: (v) => emit({ type: 'verify-table', table: v.table, ok: v.ok, sourceRows: v.sourceRows, targetRows: v.targetRows, rejected: v.rejected, ms: v.ms }),
    });
  } finally {
    await own?.close();
  }
  return { ok: tables.every((t) => t.ok), tables };
}
