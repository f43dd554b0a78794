import type pg from 'pg';
import { mapPgError } from '../pg/map-pg-error.js';
import type { ApplierContext } from './applier-context.js';
import { applyRoundWidening } from './apply-round.js';
import { compareRowCounts } from './compare-row-counts.js';
import type { RowCount } from './cutover-result.js';
import type { FollowTable } from './follow-plan.js';
import { openLiveSqlite, type LiveSqlite } from './open-live-sqlite.js';

/**
 * Row counts of both sides at one log position S, with both read snapshots still open so
 * the cutover can look keys up "as they were at S" later (see verifyCountsSince).
 */
export interface CountSnapshot {
  /** The log position both sides were counted at. */
  seq: bigint;
  counts: RowCount[];
  tables: FollowTable[];
  /** A read transaction of SQLite at S. */
  sqlite: LiveSqlite;
  /** `pg` holds a REPEATABLE READ transaction whose snapshot is the target at S. */
  pg: pg.Client;
  /** Ends both read transactions. */
  close(): Promise<void>;
}

/**
 * Without the write lock: opens a SQLite read transaction (its snapshot fixes S = the last
 * log entry it sees), applies the log through exactly S from that same snapshot, opens a
 * REPEATABLE READ transaction on `snapshotClient` before any later round can commit (the
 * caller holds the applier lease), and counts `tables` on both sides. Counting the big
 * tables takes seconds; the application keeps writing meanwhile, and the follower may go on
 * applying on `ctx.client`: neither snapshot moves.
 *
 * Errors: those of applyRoundWidening, PG_*.
 */
export async function takeCountSnapshot(ctx: ApplierContext, snapshotClient: pg.Client, tables: FollowTable[], onRetry: (reason: string, limit: number | undefined) => void): Promise<CountSnapshot> {
  const sqlite = openLiveSqlite(ctx.file, { readonly: true });
  let pgOpen = false;
  const close = async (): Promise<void> => {
    if (sqlite.db.inTransaction) sqlite.db.exec('COMMIT');
    sqlite.close();
    if (pgOpen) await snapshotClient.query('COMMIT').catch(() => {});
    pgOpen = false;
  };
  try {
    sqlite.db.exec('BEGIN');
    // applyRound reads the log and the rows inside the caller's transaction: all of it at S.
    await applyRoundWidening(ctx, sqlite.db, { limit: undefined, onRetry });
    try {
      await snapshotClient.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      pgOpen = true;
    } catch (err) {
      throw mapPgError(err, { what: 'Opening a read snapshot of the target failed' });
    }
    const counts = await compareRowCounts(sqlite.db, snapshotClient, ctx.plan.schema, tables);
    return { seq: ctx.appliedSeq, counts, tables, sqlite, pg: snapshotClient, close };
  } catch (err) {
    await close();
    throw err;
  }
}
