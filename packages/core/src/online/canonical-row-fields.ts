import { canonicalJsonb } from '../copy/canonical-jsonb.js';
import type { ColumnCodec } from '../copy/column-codec.js';
import { NULL_MARK } from '../verify/pg-normalizer.js';

/**
 * The canonical fields of one row read from SQLite (key values first, `keyWidth` of them):
 * joined by FIELD_SEPARATOR they are the text verification hashes, as pgRowText prints
 * the target row. The caller has set `cell.key` to the row's key; values that cannot be
 * carried were refused by the COPY encoding of the same row before this runs.
 */
export function canonicalRowFields(row: readonly unknown[], keyWidth: number, codecs: readonly ColumnCodec[], cell: { column: string }): string[] {
  const fields: string[] = [];
  for (let i = 0; i < codecs.length; i++) {
    const codec = codecs[i]!;
    const value = row[keyWidth + i];
    if (value === null) {
      fields.push(NULL_MARK);
      continue;
    }
    cell.column = codec.source;
    const canonical = codec.canonicalize(value, cell as never);
    fields.push(canonical === null ? NULL_MARK : codec.kind === 'jsonb' ? canonicalJsonb(canonical) : canonical);
  }
  return fields;
}
