import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { RenderPool } from './render-pool.js';
import { throwIfAborted } from '../errors.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { SqlCanonicalQuery } from './render-sql-canonical.js';
import type { ChecksumAlgorithm } from './row-checksum.js';
import { sqliteChecksum, type RowidRange } from './sqlite-checksum.js';

/**
 * Rowids per piece when the sum runs on this thread: each piece is one synchronous scan,
 * and between two pieces the event loop runs (Ctrl-C, the server's replies).
 */
const ROWIDS_PER_PIECE = 50_000;
/** At most this many pieces, however sparse the rowids (they may reach 2^63). */
const MAX_PIECES = 256n;

/**
 * The SQL-side source checksum. With worker threads, a rowid table is cut into ranges
 * that the workers sum in parallel, so one big table does not end the run on one core.
 * On this thread, a big rowid table is summed in pieces, checking `signal` between them.
 */
export async function sourceChecksum(db: SqliteDatabase, table: string, query: SqlCanonicalQuery, algorithm: ChecksumAlgorithm, pool?: RenderPool, signal?: AbortSignal): Promise<{ count: number; sum: string } | undefined> {
  const whole = async (): Promise<{ count: number; sum: string } | undefined> => (pool ? ((await pool.checksum(query, algorithm)) ?? undefined) : sqliteChecksum(db, query, algorithm));
  if (!query.chunks || query.chunks[0]!.keyWidth > 0 || (pool && pool.size < 2)) return whole();
  const [lo, hi] = db.prepare(`SELECT min(rowid), max(rowid) FROM main.${quoteSqliteIdent(table)}`).raw(true).safeIntegers(true).get() as [bigint | null, bigint | null];
  if (lo === null || hi === null) return whole();
  // With threads, twice as many ranges as threads: a thread that finishes early takes another.
  const pieces = (hi - lo) / BigInt(ROWIDS_PER_PIECE) + 1n;
  const parts = pool ? BigInt(pool.size * 2) : pieces < MAX_PIECES ? pieces : MAX_PIECES;
  if (parts === 1n) return whole();
  const step = (hi - lo) / parts + 1n;
  const ranges: RowidRange[] = [];
  for (let i = 0n; i < parts; i++) {
    ranges.push({ after: i === 0n ? -Infinity : lo - 1n + i * step, upTo: i === parts - 1n ? Infinity : lo - 1n + (i + 1n) * step });
  }
  const sums = pool ? await Promise.all(ranges.map((r) => pool.checksum(query, algorithm, r))) : await piecesHere(db, query, algorithm, ranges, signal);
  if (sums.some((s) => !s)) return undefined;
  return { count: sums.reduce((n, s) => n + s!.count, 0), sum: sums.reduce((t, s) => t + BigInt(s!.sum), 0n).toString() };
}

/** The ranges summed one after the other on this thread, yielding between them; stops at the first that cannot be summed. */
async function piecesHere(db: SqliteDatabase, query: SqlCanonicalQuery, algorithm: ChecksumAlgorithm, ranges: readonly RowidRange[], signal: AbortSignal | undefined): Promise<({ count: number; sum: string } | undefined)[]> {
  const sums: ({ count: number; sum: string } | undefined)[] = [];
  for (const range of ranges) {
    throwIfAborted(signal);
    const sum = sqliteChecksum(db, query, algorithm, range);
    sums.push(sum);
    if (!sum) break;
    await yieldToLoop();
  }
  return sums;
}
