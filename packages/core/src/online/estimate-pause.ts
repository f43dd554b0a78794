/** What the cutover expects to do while SQLite's writers wait. */
export interface PauseEstimateInput {
  /** Log entries left after catching up without the lock. */
  pendingChanges: number;
  /** The follower's measured speed (entries per second) and the fixed cost of a round (ms). */
  changesPerSecond: number;
  roundMs: number;
  /** Measured (or, for `full`, recorded) cost of the verification under the lock, ms. */
  verifyMs: number;
  /** Rows of tables without a primary key that are copied again whole. */
  reloadRows: number;
  /** Captured tables whose triggers are swapped for the fence. */
  fencedTables: number;
}

/** Rows per second of a whole-table reload, measured on the benchmark tables with margin. */
const RELOAD_ROWS_PER_SECOND = 100_000;
/** Per table, dropping three triggers and creating three, and the commit. */
const FENCE_MS_PER_TABLE = 2;

/**
 * The expected write pause of a cutover in ms: draining what is left, the verification,
 * reloads, and the fence. Pure; deliberately generous, since exceeding --max-pause under
 * the lock means backing out after writers already waited.
 */
export function estimatePause(i: PauseEstimateInput): number {
  const rate = Math.max(1, i.changesPerSecond);
  const drain = i.pendingChanges > 0 ? i.roundMs + (i.pendingChanges / rate) * 1000 : i.roundMs;
  const reload = (i.reloadRows / RELOAD_ROWS_PER_SECOND) * 1000;
  return Math.ceil(drain + i.verifyMs + reload + i.fencedTables * FENCE_MS_PER_TABLE + 10);
}
