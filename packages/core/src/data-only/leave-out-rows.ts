import type { ColumnCodec } from '../codec/column-codec.js';
import { ValueRejected } from '../codec/value-rejected.js';
import type { RowRef } from './find-orphans.js';

/**
 * Codecs that reject the given rows, so that copyTable leaves them out (reporting each
 * through its reject handler) and verifyTable leaves them out of the source checksum.
 * The rejection is raised by a column that is non-NULL in every such row (an orphan's
 * foreign-key column), since NULLs never reach a codec.
 */
export function leaveOutRows(codecs: readonly ColumnCodec[], columns: ReadonlySet<string>, rows: ReadonlyMap<RowRef, string>): ColumnCodec[] {
  if (rows.size === 0) return [...codecs];
  return codecs.map((codec) => {
    if (!columns.has(codec.target)) return codec;
    return {
      ...codec,
      canonicalize: (value, cell) => {
        const key = (cell as unknown as { key: unknown[] }).key;
        const reason = rows.get(key.length === 1 ? (key[0] as number) : JSON.stringify(key));
        if (reason !== undefined) throw new ValueRejected(reason);
        return codec.canonicalize(value, cell);
      },
    };
  });
}
