import type Database from 'better-sqlite3';
import { codecFor } from '../codec/codec-for.js';
import { NULL_MARK } from './pg-normalizer.js';
import { SQL_CANNOT, SQL_PLACEHOLDER, type ChunkQuery, type JsColumn, type SqlCanonicalQuery } from './render-sql-canonical.js';
import { keyRanges } from '../sqlite/key-ranges.js';
import { createRowChecksum, type ChecksumAlgorithm, type RowChecksum } from './row-checksum.js';

/** Bytes of canonical text per chunk the chunked query aims at (rows adapt to the table's width). */
const CHUNK_BYTES = 2 * 1024 * 1024;
const FIRST_CHUNK_ROWS = 256;
const MAX_CHUNK_ROWS = 20_000;
const CANNOT_BYTE = SQL_CANNOT.charCodeAt(0);
const COMMA = 0x2c;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Runs a renderSqlCanonicalQuery and sums the row checksums. Returns undefined as soon
 * as a row holds a value SQLite could not make canonical: the caller then verifies the
 * table value by value. Runs on the main thread or in a render worker, inside the
 * connection's read snapshot.
 */
export function sqliteChecksum(db: Database.Database, query: SqlCanonicalQuery, algorithm: ChecksumAlgorithm, range?: RowidRange): { count: number; sum: string } | undefined {
  const sum = createRowChecksum(algorithm);
  const ok = query.chunks ? checksumChunks(db, query.chunks, sum, range ?? { after: -Infinity, upTo: Infinity }) : checksumRows(db, query.rowSql, query.jsColumns, sum);
  return ok ? { count: sum.count, sum: sum.sum() } : undefined;
}

/** Rows with `after < rowid <= upTo`: one part of a table checksummed in several pieces. */
export interface RowidRange {
  after: bigint | number;
  upTo: bigint | number;
}

/** A JavaScript-formatted value's canonical text; undefined when it has none. */
type JsFormat = (v: unknown) => string | undefined;

/** The formats of a query's JavaScript-formatted columns, resolved once per query rather than per value. */
function jsFormats(columns: readonly JsColumn[]): JsFormat[] {
  return columns.map((column) => {
    const format = codecFor(column.kind).jsCanonical!.format;
    const nul = column.notNull ? undefined : NULL_MARK;
    return (v) => (v === null || v === undefined ? nul : format(v));
  });
}

function checksumChunks(db: Database.Database, queries: readonly ChunkQuery[], sum: RowChecksum, range: RowidRange): boolean {
  // Keys (rowids above all) can pass 2^53: read them as BigInt to page exactly.
  const prepare = (sql: string): Database.Statement => db.prepare(sql).raw(true).safeIntegers(true);
  const stmts = queries.map((q) => ('keyed' in q ? q.keyed.ranges.map(prepare) : [prepare(q.sql)]));
  const scratch = { buffer: Buffer.allocUnsafe(64 * 1024) };
  const formats = queries.map((q) => jsFormats(q.jsColumns));
  let rows = FIRST_CHUNK_ROWS;
  // Each step reads one chunk with the first query that can make all of it canonical.
  const step = (read: (query: number) => unknown[]): { n: number; last: unknown } | false => {
    for (let query = 0; query < queries.length; query++) {
      const [last, count, blob, json] = read(query) as [unknown, bigint, Buffer | null, string | null];
      if (blob?.includes(CANNOT_BYTE)) continue;
      const n = Number(count);
      if (last === null || n === 0 || !blob) return { n: 0, last };
      if (!sumChunk(blob, json, n, formats[query]!, sum, scratch)) return false;
      rows = Math.max(1, Math.min(MAX_CHUNK_ROWS, Math.floor((n * CHUNK_BYTES) / Math.max(1, blob.length))));
      return { n, last };
    }
    return false;
  };
  const first = queries[0]!;
  const keyed = 'keyed' in first ? first.keyed : undefined;
  if (keyed) {
    for (const r of keyRanges(db, keyed, () => rows)) {
      if (!step((q) => stmts[q]![r.ends]!.get(...r.params) as unknown[])) return false;
      if (r.last) return true;
    }
    return true;
  }
  for (let after: unknown = range.after; ; ) {
    const asked = rows;
    const got = step((q) => stmts[q]![0]!.get(after, range.upTo, asked) as unknown[]);
    if (!got) return false;
    if (got.n < asked) return true;
    after = got.last;
  }
}

/** Adds the `n` rows of one chunk (see ChunkQuery); false when a value has no canonical form. */
function sumChunk(blob: Buffer, json: string | null, n: number, formats: readonly JsFormat[], sum: RowChecksum, scratch: { buffer: Buffer }): boolean {
  if (formats.length === 0) return sumSeparatedRows(blob, n, sum);
  const values = JSON.parse(json ?? '[]') as unknown[][];
  let pos = 0;
  for (let r = 0; r < n; r++) {
    // Splice the formatted values between the row's segments. Segments and values are
    // short, so byte loops beat Buffer.copy/write and their per-call cost.
    let out = scratch.buffer;
    let used = 0;
    for (let s = 0; s <= formats.length; s++) {
      let length = 0;
      for (let ch = blob[pos++]!; ch !== COMMA; ch = blob[pos++]!) length = length * 10 + ch - 48;
      let field = '';
      if (s < formats.length) {
        const text = formats[s]!(values[r]![s]);
        if (text === undefined) return false;
        field = text;
      }
      const need = used + length + field.length * 3;
      if (need > out.length) out = scratch.buffer = Buffer.concat([out.subarray(0, used)], Math.max(need, out.length * 2));
      if (length > 64) blob.copy(out, used, pos, pos + length);
      else for (let i = 0; i < length; i++) out[used + i] = blob[pos + i]!;
      used += length;
      pos += length;
      if (ASCII.test(field)) {
        for (let i = 0; i < field.length; i++) out[used++] = field.charCodeAt(i);
      } else used += out.write(field, used, 'utf8');
    }
    sum.addBytes(out, 0, used);
  }
  return true;
}

/** Rows separated by NUL (see ChunkQuery): false when there are more parts than rows. */
function sumSeparatedRows(blob: Buffer, n: number, sum: RowChecksum): boolean {
  let start = 0;
  for (let r = 0; r < n - 1; r++) {
    const end = blob.indexOf(0, start);
    if (end < 0) return false;
    sum.addBytes(blob, start, end);
    start = end + 1;
  }
  if (blob.indexOf(0, start) >= 0) return false;
  sum.addBytes(blob, start, blob.length);
  return true;
}

function checksumRows(db: Database.Database, sql: string, jsColumns: readonly JsColumn[], sum: RowChecksum): boolean {
  const stmt = db.prepare(sql).raw(true);
  const formats = jsFormats(jsColumns);
  for (const row of stmt.iterate() as Iterable<unknown[]>) {
    let text = row[0] as string;
    if (text.includes(SQL_CANNOT)) return false;
    if (jsColumns.length > 0) {
      const parts = text.split(SQL_PLACEHOLDER);
      if (parts.length !== jsColumns.length + 1) return false;
      text = parts[0]!;
      for (let i = 0; i < jsColumns.length; i++) {
        const field = formats[i]!(row[i + 1]);
        if (field === undefined) return false;
        text += field + parts[i + 1]!;
      }
    }
    sum.addText(text);
  }
  return true;
}
