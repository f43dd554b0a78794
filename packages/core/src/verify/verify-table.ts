import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type pg from 'pg';
import type { ColumnCodec } from '../codec/column-codec.js';
import { planLargeValues, type LargeValuePlan } from '../codec/large-values.js';
import { ValueRejected } from '../codec/value-rejected.js';
import { walkLargeRows } from '../codec/walk-large-rows.js';
import { throwIfAborted } from '../errors.js';
import { applyStatement } from '../pg/apply-statement.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteQualified } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { cellReader, readRowChunks } from '../sqlite/read-row-chunks.js';
import type { ReadKey } from '../sqlite/read-key.js';
import { FIELD_SEPARATOR, NULL_MARK, pgRowText } from './pg-normalizer.js';
import { checksumSql, createRowChecksum, Md5RowChecksum, type ChecksumAlgorithm, type RowChecksum } from './row-checksum.js';
import type { RenderPool } from './render-pool.js';
import type { SqlCanonicalQuery } from './render-sql-canonical.js';
import { sourceChecksum } from './source-checksum.js';
import type { TableVerification } from './table-verification.js';

export interface VerifyTableSpec {
  schema: string;
  source: string;
  target: string;
  readKey: ReadKey;
  codecs: ColumnCodec[];
  signal?: AbortSignal;
  /** SQLite computes the canonical rows (renderSqlCanonicalQuery); falls back to value by value. */
  sqlCanonical?: SqlCanonicalQuery;
  /** The row hash; `lookup3` only where probeLookup3 passed on this server. Default md5. */
  algorithm?: ChecksumAlgorithm;
  /** Worker threads to run `sqlCanonical` on, in parallel with this thread. */
  renderPool?: RenderPool;
  /** The SQL-side source checksum, already started (see sourceChecksum) with this `algorithm`. */
  sourceSum?: Promise<{ count: number; sum: string } | undefined>;
}

/**
 * Compares one table: row count and a checksum over the canonical text of every value,
 * computed by SQLite's side here and by PostgreSQL in SQL at the same time.
 */
export async function verifyTable(db: SqliteDatabase, client: pg.Client, spec: VerifyTableSpec): Promise<TableVerification> {
  const started = performance.now();
  const rowExpr = pgRowText(spec.codecs);
  const preferred = spec.algorithm ?? 'md5';
  // The server's sum runs while the source side is read; a second one is asked for only
  // when the source side has to change algorithm (md5 for huge values).
  let issued: { algorithm: ChecksumAlgorithm; result: Promise<pg.QueryResult<{ n: string; s: string }>> } | undefined;
  const targetSum = (algorithm: ChecksumAlgorithm): Promise<pg.QueryResult<{ n: string; s: string }>> => {
    if (issued?.algorithm === algorithm) return issued.result;
    const result = applyStatement<{ n: string; s: string }>(client, checksumSql(rowExpr, quoteQualified(spec.schema, spec.target), algorithm)).catch((err: unknown) => {
      throw mapPgError(err, { what: `Verifying ${spec.target} failed`, details: { table: spec.target } });
    });
    // Avoid an unhandled rejection while the source side is still being read.
    result.catch(() => {});
    issued = { algorithm, result };
    return result;
  };

  if (spec.sqlCanonical) {
    const target = targetSum(preferred);
    // The SQL side meets any huge value itself (it has no canonical form there) and gives up.
    const fast = await (spec.sourceSum ?? sourceChecksum(db, spec.source, spec.sqlCanonical, preferred, spec.renderPool, spec.signal));
    const row = fast ? (await target).rows[0]! : undefined;
    // The SQL side prints integers, text and timestamps without checking every form: it can
    // confirm a table, and a table it does not confirm is checked again value by value.
    if (fast && row && Number(row.n) === fast.count && row.s === fast.sum) {
      const targetRows = Number(row.n);
      return {
        table: spec.source,
        target: spec.target,
        ok: true,
        sourceRows: fast.count,
        targetRows,
        rejected: 0,
        sourceChecksum: fast.sum,
        targetChecksum: row.s,
        ms: Math.round(performance.now() - started),
      };
    }
  }
  // Rows with huge values are hashed piece by piece, which only the md5 form allows here.
  const large = planLargeValues(db, spec.source, spec.readKey, spec.codecs);
  if (large) {
    const target = targetSum('md5');
    const sum = new Md5RowChecksum();
    const rejected = await checksumLargeRows(db, spec, large, sum);
    return finish(await target, sum, rejected, spec, started);
  }
  const cell = cellReader(db, spec.source, spec.readKey);
  const targetQuery = targetSum(preferred);
  const sum = createRowChecksum(preferred);
  let rejected = 0;
  const n = spec.codecs.length;
  const oneKey: unknown[] = [undefined];
  for (const chunk of readRowChunks(db, { table: spec.source, columns: spec.codecs.map((c) => c.source), key: spec.readKey, chunkRows: 5000 })) {
    throwIfAborted(spec.signal);
    const width = chunk.keyWidth;
    rows: for (const row of chunk.rows) {
      if (width === 1) {
        oneKey[0] = row[0];
        cell.key = oneKey;
      } else cell.key = row.slice(0, width);
      let text = '';
      for (let i = 0; i < n; i++) {
        const codec = spec.codecs[i]!;
        const value = row[width + i];
        let field: string;
        if (value === null && !codec.notNull) field = NULL_MARK;
        else if (value === null) {
          rejected++;
          continue rows;
        } else {
          cell.column = codec.source;
          try {
            const canonical = codec.canonicalize(value, cell);
            field = canonical === null ? NULL_MARK : codec.verifyText(canonical);
          } catch (err) {
            if (!(err instanceof ValueRejected)) throw err;
            rejected++;
            continue rows;
          }
        }
        text += i === 0 ? field : FIELD_SEPARATOR + field;
      }
      sum.addText(text);
    }
    await yieldToLoop();
  }
  return finish(await targetQuery, sum, rejected, spec, started);
}

function finish(target: { rows: { n: string; s: string }[] }, sum: RowChecksum, rejected: number, spec: VerifyTableSpec, started: number): TableVerification {
  const row = target.rows[0]!;
  const targetRows = Number(row.n);
  return {
    table: spec.source,
    target: spec.target,
    ok: targetRows === sum.count && row.s === sum.sum(),
    sourceRows: sum.count + rejected,
    targetRows,
    rejected,
    sourceChecksum: sum.sum(),
    targetChecksum: row.s,
    ms: Math.round(performance.now() - started),
  };
}

/** The value-by-value checksum for tables with huge BLOBs: each such row is hashed slice by slice. */
async function checksumLargeRows(db: SqliteDatabase, spec: VerifyTableSpec, plan: LargeValuePlan, sum: Md5RowChecksum): Promise<number> {
  let rejected = 0;
  const walk = { table: spec.source, readKey: spec.readKey, codecs: spec.codecs, ...(spec.signal ? { signal: spec.signal } : {}) };
  for await (const row of walkLargeRows(db, walk, plan)) {
    if ('rejected' in row) {
      rejected++;
      continue;
    }
    const md5 = createHash('md5');
    let pending = '';
    for (const [i, field] of row.fields.entries()) {
      if (i > 0) pending += FIELD_SEPARATOR;
      if (field === null) pending += NULL_MARK;
      else if (typeof field === 'string') pending += spec.codecs[i]!.verifyText(field);
      else {
        md5.update(pending);
        pending = '';
        for (const hex of field.hexSlices()) md5.update(hex);
      }
    }
    md5.update(pending);
    sum.addDigest(md5.digest('hex'));
  }
  return rejected;
}
