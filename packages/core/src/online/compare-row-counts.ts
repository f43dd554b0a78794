import type pg from 'pg';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteQualified, quoteSqliteIdent } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { FollowTable } from './follow-plan.js';
import type { RowCount } from './cutover-result.js';

/**
 * Counts the rows of `tables` in SQLite (on `db`, e.g. the connection holding the write
 * lock) and in the target. The target's counts go out as ONE statement before SQLite is
 * read, so the server counts while this thread does.
 */
export async function compareRowCounts(db: SqliteDatabase, client: pg.Client, schema: string, tables: readonly FollowTable[]): Promise<RowCount[]> {
  if (tables.length === 0) return [];
  const sql = `SELECT ${tables.map((t, i) => `(SELECT count(*) FROM ${quoteQualified(schema, t.target)})::text AS c${i}`).join(', ')}`;
  const target = client.query<Record<string, string>>(sql);
  // Awaited below; a failure while SQLite counts must not surface as unhandled.
  target.catch(() => {});
  const sqlite = tables.map((t) => Number(db.prepare(`SELECT count(*) FROM main.${quoteSqliteIdent(t.source)}`).pluck().get()));
  let row: Record<string, string>;
  try {
    row = (await target).rows[0]!;
  } catch (err) {
    throw mapPgError(err, { what: 'Counting the rows of the changed tables in the target failed' });
  }
  return tables.map((t, i) => {
    const targetRows = Number(row[`c${i}`]);
    return { table: t.source, sqliteRows: sqlite[i]!, targetRows, ok: sqlite[i] === targetRows };
  });
}
