import type { SqliteDatabase } from './open-sqlite.js';
import { keyRanges, type KeyRangeQueries } from './key-ranges.js';

/**
 * How to page through a table's COPY data (see readSqlChunks; copy/ builds them with
 * renderSqlCopyChunkQueries). Each statement returns a whole chunk as a BLOB (bytes reach Node without a round trip through UTF-16), without
 * the newline after its last line (appending it copied the whole chunk again).
 */
export type SqlChunkQueries =
  /** Rowid tables: the first chunk (bound: rows) and the next after a rowid (bound: rowid, rows); each returns the last rowid, the row count, the data. */
  | { first: string; next: string }
  /** WITHOUT ROWID tables: by key ranges (see KeyRangeQueries); each returns the row count and the data. */
  | { keyed: KeyRangeQueries };

/** One chunk of SQLite-rendered COPY data: its bytes (without the last newline) and rows. */
export interface SqlChunk {
  data: Buffer;
  n: number;
}

/**
 * Pages through a table with the queries of renderSqlCopyChunkQueries, `limit` rows a
 * chunk, each chunk starting after the key of the one before. Lazy: a chunk is read
 * only when asked for, so a caller that waits between chunks holds none in advance.
 */
export function* readSqlChunks(db: SqliteDatabase, queries: SqlChunkQueries, limit: number): Generator<SqlChunk> {
  if ('keyed' in queries) {
    const ranges = queries.keyed.ranges.map((sql) => db.prepare(sql).raw(true).safeIntegers(true));
    for (const range of keyRanges(db, queries.keyed, () => limit)) {
      const [count, data] = ranges[range.ends]!.get(...range.params) as [bigint, Buffer | null];
      if (count > 0n && data) yield { data, n: Number(count) };
      if (range.last) return;
    }
    return;
  }
  // Keys as BigInt: a rowid past 2^53 read as a number would skip or repeat rows.
  const first = db.prepare(queries.first).raw(true).safeIntegers(true);
  const next = db.prepare(queries.next).raw(true).safeIntegers(true);
  for (let after: unknown[] | undefined; ; ) {
    const row = (after === undefined ? first.get(limit) : next.get(...after, limit)) as [bigint | null, bigint, Buffer | null, ...unknown[]];
    const [rn, count, data] = row;
    const n = Number(count);
    if (!n || rn === null || !data) return;
    yield { data, n };
    if (n < limit) return;
    after = row.slice(3);
  }
}
