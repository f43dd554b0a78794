import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { ColumnCodec } from '../codec/column-codec.js';
import { excerpt, ValueRejected } from '../codec/value-rejected.js';
import { throwIfAborted } from '../errors.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { cellReader, readRowChunks } from '../sqlite/read-row-chunks.js';
import type { DataOnlyPlan } from './data-only-plan.js';
import { parentKeyName, type ChildReferences, type ParentKeys, type RowRef } from './find-orphans.js';
import { isFloat4Type } from '../codec/value-kind.js';
import type { BadValue, RoundedColumn } from './scan-findings.js';

export interface SourceScan {
  /** The first `maxBadValues` values that cannot convert. */
  badValues: BadValue[];
  badValueCount: number;
  rounded: RoundedColumn[];
  /** Inputs of findOrphans. */
  references: ChildReferences[];
  parents: Map<string, ParentKeys>;
  rows: number;
}

/**
 * Reads every planned table once, converting every value with the codec the load will
 * use, and records what must be known before anything is written: values that cannot
 * convert, float4 rounding, the keys parents hold and the keys children reference.
 * Memory holds only key columns, not rows. Read-only.
 */
export async function scanSource(
  db: SqliteDatabase,
  plan: DataOnlyPlan,
  codecs: ReadonlyMap<string, ColumnCodec[]>,
  options: { signal?: AbortSignal; maxBadValues?: number; onProgress?: (table: string, rows: number) => void } = {},
): Promise<SourceScan> {
  const max = options.maxBadValues ?? 1000;
  const out: SourceScan = { badValues: [], badValueCount: 0, rounded: [], references: [], parents: new Map(), rows: 0 };
  const sameSchema = plan.foreignKeys.filter((f) => f.parentSchema === plan.schema);
  for (const table of plan.tables) {
    throwIfAborted(options.signal);
    const tableCodecs = codecs.get(table.source)!;
    const indexOf = (targetColumns: readonly string[]): number[] | undefined => {
      const idx = targetColumns.map((c) => tableCodecs.findIndex((x) => x.target === c));
      return idx.every((i) => i >= 0) ? idx : undefined;
    };
    // Tuples of this table that some foreign key references.
    const parentTuples: { name: string; idx: number[]; keys: ParentKeys }[] = [];
    for (const f of sameSchema.filter((x) => x.parentTable === table.target)) {
      const name = parentKeyName(f.parentTable, f.parentColumns);
      const idx = indexOf(f.parentColumns);
      if (!idx || out.parents.has(name)) continue;
      const keys: ParentKeys = { table: table.target, columns: f.parentColumns, byRow: new Map() };
      out.parents.set(name, keys);
      parentTuples.push({ name, idx, keys });
    }
    // This table's foreign keys (to loaded or existing parents), when all their columns are loaded.
    const childRefs: { idx: number[]; ref: ChildReferences }[] = [];
    for (const f of plan.foreignKeys.filter((x) => x.table === table.target)) {
      const idx = indexOf(f.columns);
      if (!idx) continue;
      const ref: ChildReferences = { foreignKey: f, sourceTable: table.source, rows: [] };
      out.references.push(ref);
      childRefs.push({ idx, ref });
    }
    const realColumns = table.columns.map((c) => isFloat4Type(c.targetType));
    const rounded = new Map<number, RoundedColumn>();
    const notNull = table.columns.map((c) => c.notNull);
    const cell = cellReader(db, table.source, table.readKey);
    const n = tableCodecs.length;
    const canonical: (string | null)[] = new Array(n);
    let rows = 0;
    for (const chunk of readRowChunks(db, { table: table.source, columns: tableCodecs.map((c) => c.source), key: table.readKey, chunkRows: 5000 })) {
      throwIfAborted(options.signal);
      const width = chunk.keyWidth;
      for (const row of chunk.rows) {
        const ref: RowRef = width === 1 ? (row[0] as number) : JSON.stringify(row.slice(0, width));
        cell.key = width === 1 ? [row[0]] : row.slice(0, width);
        for (let i = 0; i < n; i++) {
          const codec = tableCodecs[i]!;
          const value = row[width + i];
          cell.column = codec.source;
          try {
            if (value === null) {
              if (notNull[i]) throw new ValueRejected(`NULL in a NOT NULL column`);
              canonical[i] = null;
              continue;
            }
            canonical[i] = codec.canonicalize(value, cell);
            if (realColumns[i] && canonical[i] !== null) {
              const before = typeof value === 'string' ? Number(value.trim()) : Number(value);
              if (Number(canonical[i]) !== before && !Number.isNaN(before)) {
                const r = rounded.get(i) ?? { table: table.source, column: codec.source, targetType: table.columns[i]!.targetType, count: 0, example: { row: ref, from: String(value), to: canonical[i]! } };
                r.count++;
                rounded.set(i, r);
              }
            }
          } catch (err) {
            if (!(err instanceof ValueRejected)) throw err;
            canonical[i] = null;
            out.badValueCount++;
            if (out.badValues.length < max) out.badValues.push({ table: table.source, row: ref, column: codec.source, value: excerpt(value), targetType: table.columns[i]!.targetType, reason: err.reason });
          }
        }
        // Keys count even when another column is bad, so that its children are not called orphans.
        for (const p of parentTuples) {
          if (p.idx.some((i) => canonical[i] === null)) continue;
          p.keys.byRow.set(ref, p.idx.map((i) => canonical[i]).join('\u001f'));
        }
        for (const c of childRefs) {
          if (c.idx.some((i) => canonical[i] === null)) continue;
          c.ref.rows.push({ row: ref, key: c.idx.map((i) => canonical[i]).join('\u001f') });
        }
      }
      rows += chunk.rows.length;
      options.onProgress?.(table.source, rows);
      await yieldToLoop();
    }
    out.rows += rows;
    out.rounded.push(...rounded.values());
  }
  return out;
}
