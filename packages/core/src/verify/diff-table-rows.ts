import { hash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type pg from 'pg';
import type { ColumnCodec } from '../codec/column-codec.js';
import { ValueRejected } from '../codec/value-rejected.js';
import { throwIfAborted } from '../errors.js';
import { applyStatement } from '../pg/apply-statement.js';
import { quoteQualified } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { cellReader, readRowChunks } from '../sqlite/read-row-chunks.js';
import type { ReadKey } from '../sqlite/read-key.js';
import { FIELD_SEPARATOR, NULL_MARK, pgRowText } from './pg-normalizer.js';
import type { RowDifference } from './table-verification.js';

export interface DiffTableSpec {
  schema: string;
  source: string;
  target: string;
  readKey: ReadKey;
  codecs: ColumnCodec[];
  /** Source names of the primary key columns (each must be among the codecs). */
  keyColumns: string[];
  /** Most differences to list. Default 10. */
  limit?: number;
  signal?: AbortSignal;
}

const BUCKETS = 1024;

/**
 * Names the rows that differ in a table whose checksums did not match. Memory stays
 * bounded: both sides first sum row hashes into 1024 buckets by key hash (computed by
 * PostgreSQL in SQL), then only the rows of the buckets that differ are compared key by key.
 */
export async function diffTableRows(db: SqliteDatabase, client: pg.Client, spec: DiffTableSpec): Promise<RowDifference[]> {
  const limit = spec.limit ?? 10;
  const keyIdx = spec.keyColumns.map((k) => spec.codecs.findIndex((c) => c.source === k));
  if (keyIdx.some((i) => i < 0)) return [];
  const rowExpr = pgRowText(spec.codecs);
  const keyExpr = pgRowText(keyIdx.map((i) => spec.codecs[i]!));
  const bucketExpr = `(('x' || substr(md5(${keyExpr}), 1, 8))::bit(32)::int & ${BUCKETS - 1})`;
  const rowHash = `('x' || substr(md5(${rowExpr}), 1, 15))::bit(60)::bigint`;
  const from = quoteQualified(spec.schema, spec.target);

  const sums = new Array<bigint>(BUCKETS).fill(0n);
  for (const r of sourceRows(db, spec, keyIdx)) sums[r.bucket]! += r.hash;
  const target = await applyStatement<{ b: number; s: string }>(client, `SELECT ${bucketExpr} AS b, sum(${rowHash})::text AS s FROM ${from} GROUP BY 1`);
  const targetSums = new Array<bigint>(BUCKETS).fill(0n);
  for (const r of target.rows) targetSums[r.b] = BigInt(r.s);
  const bad = new Set<number>();
  for (let b = 0; b < BUCKETS; b++) if (sums[b] !== targetSums[b]) bad.add(b);
  if (bad.size === 0) return [];

  // Only the differing buckets are held in memory, and only until `limit` differences are found.
  const out: RowDifference[] = [];
  for (const b of bad) {
    throwIfAborted(spec.signal);
    const src = new Map<string, bigint>();
    for (const r of sourceRows(db, spec, keyIdx)) if (r.bucket === b) src.set(r.key, r.hash);
    const tgt = await client.query<{ k: string; h: string }>(`SELECT ${keyExpr} AS k, ${rowHash}::text AS h FROM ${from} WHERE ${bucketExpr} = $1`, [b]);
    for (const r of tgt.rows) {
      const s = src.get(r.k);
      if (s === undefined) out.push({ key: showKey(r.k), problem: 'extra in target' });
      else if (s !== BigInt(r.h)) out.push({ key: showKey(r.k), problem: 'values differ' });
      src.delete(r.k);
      if (out.length >= limit) return out;
    }
    for (const k of src.keys()) {
      out.push({ key: showKey(k), problem: 'missing in target' });
      if (out.length >= limit) return out;
    }
    await yieldToLoop();
  }
  return out;
}

function showKey(keyText: string): string {
  return `(${keyText.split(FIELD_SEPARATOR).map((v) => (v === NULL_MARK ? 'NULL' : v)).join(', ')})`;
}

/** Each source row's bucket, key text and row hash, in the canonical text verifyTable uses. */
function* sourceRows(db: SqliteDatabase, spec: DiffTableSpec, keyIdx: number[]): Generator<{ bucket: number; key: string; hash: bigint }> {
  const cell = cellReader(db, spec.source, spec.readKey);
  for (const chunk of readRowChunks(db, { table: spec.source, columns: spec.codecs.map((c) => c.source), key: spec.readKey, chunkRows: 5000 })) {
    const width = chunk.keyWidth;
    rows: for (const row of chunk.rows) {
      cell.key = row.slice(0, width);
      const fields: string[] = [];
      for (let i = 0; i < spec.codecs.length; i++) {
        const codec = spec.codecs[i]!;
        const value = row[width + i];
        if (value === null) {
          if (codec.notNull) continue rows;
          fields.push(NULL_MARK);
          continue;
        }
        cell.column = codec.source;
        try {
          const canonical = codec.canonicalize(value, cell);
          fields.push(canonical === null ? NULL_MARK : codec.verifyText(canonical));
        } catch (err) {
          // Rejected rows were left out of the target on purpose.
          if (err instanceof ValueRejected) continue rows;
          throw err;
        }
      }
      const key = keyIdx.map((i) => fields[i]!).join(FIELD_SEPARATOR);
      const bucket = parseInt(hash('md5', key, 'hex').slice(0, 8), 16) & (BUCKETS - 1);
      yield { bucket, key, hash: BigInt('0x' + hash('md5', fields.join(FIELD_SEPARATOR), 'hex').slice(0, 15)) };
    }
  }
}
