import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { CHANGES_TABLE } from '../sqlite/capture-names.js';

/** Log entries one trim deletes at most: a few milliseconds of the application's write lock. */
export const TRIM_BATCH = 2000;

/** What one trim did; `more`: entries the target holds are still in the log (trim again soon). */
export interface TrimResult {
  deleted: number;
  more: boolean;
}

/**
 * Deletes log entries the target already holds (up to `appliedSeq`), oldest first, at most
 * `limit` of them, in one short autocommit statement over a `seq` range (a b-tree range
 * of the log's rowid, no scan). Every delete holds SQLite's write lock, and the
 * application's writers wait for it: after a long copy the log holds a backlog of hundreds
 * of thousands of entries, which one statement would delete in seconds; in batches the
 * writers get the lock between two. The newest entry always stays: `seq` is an INTEGER
 * PRIMARY KEY without AUTOINCREMENT, so an empty log would hand out numbers again from 1,
 * below the applied position. When the application holds the write lock for more than a
 * moment, nothing is trimmed this time.
 */
export function trimChanges(db: SqliteDatabase, appliedSeq: bigint, limit = TRIM_BATCH): TrimResult {
  const t = `main.${quoteSqliteIdent(CHANGES_TABLE)}`;
  const ends = db.prepare(`SELECT min(seq) AS lo, max(seq) AS hi FROM ${t}`).safeIntegers(true).get() as { lo: bigint | null; hi: bigint | null };
  if (ends.lo === null || ends.hi === null) return { deleted: 0, more: false };
  // Up to the applied position, below the newest entry (the log only grows past it), `limit` numbers from the oldest.
  const last = [appliedSeq, ends.hi - 1n, ends.lo + BigInt(limit) - 1n].reduce((a, b) => (b < a ? b : a));
  if (last < ends.lo) return { deleted: 0, more: false };
  const more = last < appliedSeq && last < ends.hi - 1n;
  // Wait briefly for the application's writer: the follower's thread waits with it.
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${TRIM_BUSY_MS}`);
  try {
    const deleted = db.prepare(`DELETE FROM ${t} WHERE seq BETWEEN ? AND ?`).run(ends.lo, last).changes;
    return { deleted, more };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { deleted: 0, more: false };
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeout)}`);
  }
}

const TRIM_BUSY_MS = 100;
