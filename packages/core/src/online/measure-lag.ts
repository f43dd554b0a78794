import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { CHANGES_TABLE } from '../sqlite/capture-names.js';

/** How far the target is behind the SQLite file. */
export interface Lag {
  /** Log entries not yet applied. */
  pendingChanges: number;
  /** Age of the oldest of them, in seconds (0 when none). */
  lagSeconds: number;
}

/** Counts the log entries after `appliedSeq` and the age of the oldest (the log stores julianday('now')). */
export function measureLag(db: SqliteDatabase, appliedSeq: bigint): Lag {
  const row = db
    .prepare(`SELECT count(*) AS n, coalesce((julianday('now') - min(at)) * 86400.0, 0) AS lag FROM main.${quoteSqliteIdent(CHANGES_TABLE)} WHERE seq > ?`)
    .get(appliedSeq) as { n: number; lag: number };
  return { pendingChanges: row.n, lagSeconds: Math.max(0, Math.round(row.lag * 1000) / 1000) };
}
