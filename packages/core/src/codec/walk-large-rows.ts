import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { throwIfAborted } from '../errors.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { cellReader, readRowChunks } from '../sqlite/read-row-chunks.js';
import type { ReadKey } from '../sqlite/read-key.js';
import type { ColumnCodec } from './column-codec.js';
import { hexSlices, LARGE_VALUE_BYTES, type LargeValuePlan } from './large-values.js';
import { ValueRejected } from './value-rejected.js';

/** A value above LARGE_VALUE_BYTES: never held whole, its hex text read slice by slice. */
export interface HugeValue {
  hexSlices(): Generator<string>;
}

/**
 * One row of a table holding huge BLOBs. `key` is the rowid, or the key values of a WITHOUT
 * ROWID table. Either every field (canonical text, null for NULL, or a huge value) or the
 * first value the row cannot carry: a row is checked whole before any of it is written, so
 * a rejected row can be skipped as anywhere else.
 */
export type LargeRow =
  | { key: unknown; fields: (string | null | HugeValue)[] }
  | { key: unknown; rejected: { codec: ColumnCodec; value: unknown; error: ValueRejected } };

export interface LargeRowSpec {
  table: string;
  readKey: ReadKey;
  codecs: readonly ColumnCodec[];
  signal?: AbortSignal;
}

/**
 * The rows of a table with huge BLOBs (see planLargeValues), for the COPY and for the
 * checksum alike, so the two read, check and reject them the same way. Yields to the event
 * loop after every chunk.
 */
export async function* walkLargeRows(db: SqliteDatabase, spec: LargeRowSpec, plan: LargeValuePlan): AsyncGenerator<LargeRow> {
  const n = spec.codecs.length;
  const cell = cellReader(db, spec.table, spec.readKey);
  const read = { table: spec.table, columns: spec.codecs.map((c) => c.source), expressions: plan.expressions, key: spec.readKey, chunkRows: plan.chunkRows };
  for (const chunk of readRowChunks(db, read)) {
    throwIfAborted(spec.signal);
    const width = chunk.keyWidth;
    rows: for (const row of chunk.rows) {
      const keyValues = row.slice(0, width);
      const key = width === 1 ? keyValues[0] : keyValues;
      cell.key = keyValues;
      const fields: (string | null | HugeValue)[] = [];
      for (let i = 0; i < n; i++) {
        const codec = spec.codecs[i]!;
        const value = row[width + i];
        const at = plan.byteaColumns.indexOf(i);
        const length = at >= 0 ? (row[width + n + at] as number | null) : null;
        if (at >= 0 && value === null && length !== null && length > LARGE_VALUE_BYTES) {
          fields.push({ hexSlices: () => hexSlices(plan, codec.source, keyValues, length) });
          continue;
        }
        cell.column = codec.source;
        try {
          if (value === null && codec.notNull) throw new ValueRejected('NULL in a NOT NULL (primary key) column');
          fields.push(value === null ? null : codec.canonicalize(value, cell));
        } catch (err) {
          if (!(err instanceof ValueRejected)) throw err;
          yield { key, rejected: { codec, value, error: err } };
          continue rows;
        }
      }
      yield { key, fields };
    }
    await yieldToLoop();
  }
}
