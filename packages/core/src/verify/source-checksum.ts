import type { RenderPool } from '../copy/render-pool.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { SqlCanonicalQuery } from './render-sql-canonical.js';
import type { ChecksumAlgorithm } from './row-checksum.js';
import { sqliteChecksum, type RowidRange } from './sqlite-checksum.js';

/**
 * The SQL-side source checksum. With worker threads, a rowid table is cut into ranges
 * that the workers sum in parallel, so one big table does not end the run on one core.
 */
export async function sourceChecksum(db: SqliteDatabase, table: string, query: SqlCanonicalQuery, algorithm: ChecksumAlgorithm, pool?: RenderPool): Promise<{ count: number; sum: string } | undefined> {
  if (!pool) return sqliteChecksum(db, query, algorithm);
  if (!query.chunks || query.chunks[0]!.keyWidth > 0 || pool.size < 2) return (await pool.checksum(query, algorithm)) ?? undefined;
  const [lo, hi] = db.prepare(`SELECT min(rowid), max(rowid) FROM main.${quoteSqliteIdent(table)}`).raw(true).safeIntegers(true).get() as [bigint | null, bigint | null];
  if (lo === null || hi === null) return (await pool.checksum(query, algorithm)) ?? undefined;
  // Twice as many ranges as threads: a thread that finishes early takes another.
  const parts = BigInt(pool.size * 2);
  const step = (hi - lo) / parts + 1n;
  const ranges: RowidRange[] = [];
  for (let i = 0n; i < parts; i++) {
    ranges.push({ after: i === 0n ? -Infinity : lo - 1n + i * step, upTo: i === parts - 1n ? Infinity : lo - 1n + (i + 1n) * step });
  }
  const sums = await Promise.all(ranges.map((r) => pool.checksum(query, algorithm, r)));
  if (sums.some((s) => !s)) return undefined;
  return { count: sums.reduce((n, s) => n + s!.count, 0), sum: sums.reduce((t, s) => t + BigInt(s!.sum), 0n).toString() };
}

