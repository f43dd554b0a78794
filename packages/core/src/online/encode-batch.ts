import type { ColumnCodec } from '../codec/column-codec.js';
import { ValueRejected } from '../codec/value-rejected.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { cellReader } from '../sqlite/read-row-chunks.js';
import { FIELD_SEPARATOR, NULL_MARK } from '../verify/pg-normalizer.js';
import { createRowChecksum, type ChecksumAlgorithm } from '../verify/row-checksum.js';
import { canonicalRowFields } from './canonical-row-fields.js';
import type { FollowTable } from './follow-plan.js';
import { keyCell, keyValueForCodec } from './key-cell.js';
import type { SqliteKeyValue } from './parse-change-key.js';
import { readRowsByKey } from './read-rows-by-key.js';

/** One table's share of a round, encoded and ready for the target. */
export interface EncodedTable {
  table: FollowTable;
  /** COPY text of the rows to upsert, every column, as the COPY path encodes them. */
  upsertText: string;
  upserts: number;
  /** Order-independent checksum of the canonical text of those rows (what verification hashes). */
  upsertSum: { count: number; sum: string };
  /** Canonical row text by canonical key text, to name the rows when the check fails. */
  canonicalByKey: Map<string, string>;
  /** COPY text of the primary key values to delete. */
  deleteText: string;
  deletes: number;
  /** The same keys as deleteText, canonical text per primary key column. */
  deleteKeys: string[][];
}

/**
 * Reads the current rows of the touched keys of one table and encodes them, inside the
 * caller's read transaction (exact re-reads of big integers go to the same snapshot).
 * A value the target type cannot take stops the round with COPY_VALUE_REJECTED naming
 * table, column and key, as in the copy.
 */
export function encodeBatchTable(db: SqliteDatabase, table: FollowTable, codecs: readonly ColumnCodec[], keys: ReadonlyMap<string, SqliteKeyValue[]>, algorithm: ChecksumAlgorithm): EncodedTable {
  const rows = readRowsByKey(db, table, keys);
  const cell = cellReader(db, table.source, table.readKey);
  const sum = createRowChecksum(algorithm);
  const pkAt = table.primaryKey.map((target) => codecs.findIndex((c) => c.target === target));
  const canonicalByKey = new Map<string, string>();
  let upsertText = '';
  for (const row of rows.present) {
    cell.key = row.slice(0, rows.keyWidth);
    // Canonical once: COPY text for the upsert, and the text the read-back check compares.
    const fields = canonicalRowFields(table.source, row, rows.keyWidth, codecs, cell);
    let line = '';
    let text = '';
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const codec = codecs[i]!;
      line += (i === 0 ? '' : '\t') + (f === null ? '\\N' : codec.copyField(f));
      text += (i === 0 ? '' : FIELD_SEPARATOR) + (f === null ? NULL_MARK : codec.verifyText(f));
    }
    upsertText += line + '\n';
    sum.addText(text);
    canonicalByKey.set(pkAt.map((i) => fields[i] ?? NULL_MARK).join(FIELD_SEPARATOR), text);
  }
  let deleteText = '';
  let deletes = 0;
  const deleteKeys: string[][] = [];
  const pkCodecs = pkAt.map((i) => codecs[i]!);
  for (const values of rows.absent) {
    const canonical: string[] = [];
    try {
      for (let i = 0; i < pkCodecs.length; i++) {
        const v = values[i]!;
        if (v === null) throw new ValueRejected('NULL key');
        canonical.push(pkCodecs[i]!.canonicalize(keyValueForCodec(v), keyCell(db, v)) ?? '');
      }
    } catch (err) {
      // A key the target type cannot hold was never copied: there is nothing to delete.
      if (err instanceof ValueRejected) continue;
      throw err;
    }
    // A row present under another spelling of the same target key (an untyped SQLite key
    // column holding 1 and then '1') is upserted; deleting it afterwards would lose it.
    if (canonicalByKey.has(canonical.join(FIELD_SEPARATOR))) continue;
    deleteText += canonical.map((c, i) => pkCodecs[i]!.copyField(c)).join('\t') + '\n';
    deletes++;
    deleteKeys.push(canonical);
  }
  return { table, upsertText, upserts: rows.present.length, upsertSum: { count: sum.count, sum: sum.sum() }, canonicalByKey, deleteText, deletes, deleteKeys };
}
