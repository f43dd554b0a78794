import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { CHANGES_TABLE } from '../sqlite/capture-names.js';

/**
 * Deletes log entries the target already holds (up to `appliedSeq`), in one short
 * autocommit statement. The newest entry always stays: `seq` is an INTEGER PRIMARY KEY
 * without AUTOINCREMENT, so an empty log would hand out numbers again from 1, below the
 * applied position. When the application holds the write lock for more than a moment,
 * nothing is trimmed this time. Returns the entries deleted.
 */
export function trimChanges(db: SqliteDatabase, appliedSeq: bigint): number {
  const t = `main.${quoteSqliteIdent(CHANGES_TABLE)}`;
  // Wait briefly for the application's writer: the follower's thread waits with it.
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${TRIM_BUSY_MS}`);
  try {
    return db.prepare(`DELETE FROM ${t} WHERE seq <= ? AND seq < (SELECT max(seq) FROM ${t})`).run(appliedSeq).changes;
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 0;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeout)}`);
  }
}

const TRIM_BUSY_MS = 100;
