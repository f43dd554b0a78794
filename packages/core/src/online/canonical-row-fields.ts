import type { ColumnCodec } from '../codec/column-codec.js';
import { rejectionError } from '../copy/encode-chunk.js';
import { ValueRejected } from '../codec/value-rejected.js';

/**
 * The canonical value of every column of one row read from SQLite (key values first,
 * `keyWidth` of them), null for NULL: what the COPY path writes (through copyField) and what
 * verification hashes (jsonb in its canonical key order). Computed once for both. The caller
 * has set `cell.key` to the row's key. A value its column cannot carry throws
 * COPY_VALUE_REJECTED naming table, column, key and value, as the COPY path does.
 */
export function canonicalRowFields(table: string, row: readonly unknown[], keyWidth: number, codecs: readonly ColumnCodec[], cell: { column: string }): (string | null)[] {
  const fields: (string | null)[] = [];
  for (let i = 0; i < codecs.length; i++) {
    const codec = codecs[i]!;
    const value = row[keyWidth + i];
    if (value === null && !codec.notNull) {
      fields.push(null);
      continue;
    }
    cell.column = codec.source;
    try {
      if (value === null) throw new ValueRejected('NULL in a NOT NULL (primary key) column');
      fields.push(codec.canonicalize(value, cell as never));
    } catch (err) {
      if (!(err instanceof ValueRejected)) throw err;
      throw rejectionError(table, codec, keyWidth === 1 ? row[0] : row.slice(0, keyWidth), value, err);
    }
  }
  return fields;
}
