import { CatdbError } from '../errors.js';
import { renderCastOption } from '../mapping/cast-rules.js';
import type { RowChunk } from '../sqlite/read-row-chunks.js';
import type { CellSource } from '../codec/cell-source.js';
import type { ColumnCodec } from '../codec/column-codec.js';
import { excerpt, ValueRejected } from '../codec/value-rejected.js';
import type { RejectRecord } from './reject-record.js';

export interface ChunkContext {
  table: string;
  codecs: readonly ColumnCodec[];
  cell: CellSource & { key: unknown[]; column: string };
  /** Called for a rejected row when rows may be skipped; absent means stop at the first one. */
  onReject?: (record: RejectRecord) => void;
}

/**
 * Turns a chunk of SQLite rows into COPY text lines. A value that cannot be carried
 * stops the load with table, column, rowid and value, or skips the row when a reject
 * handler is given.
 */
export function encodeChunk(chunk: RowChunk, ctx: ChunkContext): { text: string; rows: number; rejected: number } {
  const { codecs, cell } = ctx;
  const width = chunk.keyWidth;
  const n = codecs.length;
  let text = '';
  let rows = 0;
  let rejected = 0;
  const oneKey: unknown[] = [undefined];
  for (const row of chunk.rows) {
    let line = '';
    let ok = true;
    if (width === 1) {
      oneKey[0] = row[0];
      cell.key = oneKey;
    } else cell.key = row.slice(0, width);
    for (let i = 0; i < n; i++) {
      const value = row[width + i];
      let field: string;
      if (value === null && !codecs[i]!.notNull) field = '\\N';
      else {
        const codec = codecs[i]!;
        try {
          cell.column = codec.source;
          if (value === null) throw new ValueRejected('NULL in a NOT NULL (primary key) column');
          const canonical = codec.canonicalize(value, cell);
          field = canonical === null ? '\\N' : codec.copyField(canonical);
        } catch (err) {
          if (!(err instanceof ValueRejected)) throw err;
          rejectRow(ctx, codec, width === 1 ? row[0] : row.slice(0, width), value, err);
          ok = false;
          break;
        }
      }
      line += i === 0 ? field : '\t' + field;
    }
    if (ok) {
      text += line + '\n';
      rows++;
    } else rejected++;
  }
  return { text, rows, rejected };
}

/** A row with a value it cannot carry: recorded when rows may be skipped, else the load stops with where and what. */
export function rejectRow(ctx: Pick<ChunkContext, 'table' | 'onReject'>, codec: ColumnCodec, key: unknown, value: unknown, err: ValueRejected): void {
  if (!ctx.onReject) throw rejectionError(ctx.table, codec, key, value, err);
  ctx.onReject({ table: ctx.table, key, column: codec.source, value: excerpt(value), reason: err.reason });
}

export function rejectionError(table: string, codec: ColumnCodec, key: unknown, value: unknown, err: ValueRejected): CatdbError {
  const keyText = Array.isArray(key) ? `key (${key.join(', ')})` : `rowid ${String(key)}`;
  const fix = err.fix ? renderCastOption(table, codec.source, err.fix) : undefined;
  return new CatdbError('COPY_VALUE_REJECTED', `${table}.${codec.source}, ${keyText}: ${err.reason} (value ${excerpt(value)})`, {
    hint: `${fix ? `Carry the column as another type with ${fix}, or` : 'Fix the value in SQLite, or'} skip such rows with --on-error skip-row (they go to a reject file).`,
    details: { table, column: codec.source, key, value: excerpt(value), reason: err.reason, ...(fix ? { fix, castTo: err.fix } : {}) },
  });
}
