import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { keyRanges } from '../sqlite/key-ranges.js';
import type { SqlChunkQueries } from './render-sql-copy-expression.js';

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
