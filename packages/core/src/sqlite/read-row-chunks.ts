import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { CellSource, StorageClass } from '../codec/cell-source.js';
import type { SqliteDatabase } from './open-sqlite.js';
import type { ReadKey } from './read-key.js';

const MAX_SAFE_KEY = BigInt(Number.MAX_SAFE_INTEGER);

export interface ReadSpec {
  table: string;
  columns: string[];
  /** SQL to select instead of each column (same order), e.g. to leave huge values out. */
  expressions?: string[];
  key: ReadKey;
  /** Rows per query; each query is a complete statement so several tables can interleave. */
  chunkRows?: number;
  /** Resume after this key (exclusive). */
  after?: unknown[];
  /** Stop at this rowid (inclusive), for splitting a table into ranges. */
  untilRowid?: number;
}

export interface RowChunk {
  /** Each row: the key values first (keyWidth of them), then the columns. */
  rows: unknown[][];
  keyWidth: number;
}

/**
 * Reads a table in key order, one bounded query at a time (keyset paging), so memory
 * stays flat whatever the table size and several tables can be read alternately on one
 * connection inside one snapshot. Integers arrive as JS numbers: callers that must be
 * exact beyond 2^53 re-read the cell through {@link cellReader}.
 */
export function* readRowChunks(db: SqliteDatabase, spec: ReadSpec): Generator<RowChunk> {
  const limit = spec.chunkRows ?? 2000;
  const t = `main.${quoteSqliteIdent(spec.table)}`;
  const cols = spec.expressions ?? spec.columns.map(quoteSqliteIdent);
  const keyCols = spec.key.kind === 'rowid' ? ['rowid'] : spec.key.columns.map(quoteSqliteIdent);
  const keyWidth = keyCols.length;
  const select = `SELECT ${[...keyCols, ...cols].join(', ') || 'rowid'} FROM ${t}`;
  const order = `ORDER BY ${keyCols.join(', ')}`;
  const until = spec.untilRowid !== undefined && spec.key.kind === 'rowid' ? ` AND rowid <= ${Math.trunc(spec.untilRowid)}` : '';
  const keyTuple = keyWidth === 1 ? keyCols[0]! : `(${keyCols.join(', ')})`;
  const params = keyWidth === 1 ? '?' : `(${keyCols.map(() => '?').join(', ')})`;
  // Integers come as BigInt so that keys are exact (a rowid past 2^53 read as a number would
  // skip or repeat rows); values go back to numbers, as the encoders expect: they read an
  // integer past 2^53 exactly through the cell source, by this key.
  const first = db.prepare(`${select} WHERE 1${until} ${order} LIMIT ?`).raw(true).safeIntegers(true);
  const next = db.prepare(`${select} WHERE ${keyTuple} > ${params}${until} ${order} LIMIT ?`).raw(true).safeIntegers(true);
  let after = spec.after;
  for (;;) {
    const rows = (after === undefined ? first.all(limit) : next.all(...after, limit)) as unknown[][];
    if (rows.length === 0) return;
    for (const row of rows) {
      for (let i = 0; i < row.length; i++) {
        const v = row[i];
        if (typeof v === 'bigint') row[i] = i < keyWidth && (v > MAX_SAFE_KEY || v < -MAX_SAFE_KEY) ? v : Number(v);
      }
    }
    yield { rows, keyWidth };
    if (rows.length < limit) return;
    after = rows[rows.length - 1]!.slice(0, keyWidth);
  }
}

/**
 * A CellSource for the cell currently being encoded: set `key` and `column`, then the
 * encoder may ask for the exact stored value (one indexed lookup, rare).
 */
export function cellReader(db: SqliteDatabase, table: string, key: ReadKey): CellSource & { key: unknown[]; column: string } {
  const t = `main.${quoteSqliteIdent(table)}`;
  const where = key.kind === 'rowid' ? 'rowid = ?' : key.columns.map((c) => `${quoteSqliteIdent(c)} = ?`).join(' AND ');
  const cache = new Map<string, { typeOf: ReturnType<SqliteDatabase['prepare']>; text: ReturnType<SqliteDatabase['prepare']>; blob: ReturnType<SqliteDatabase['prepare']> }>();
  const stmts = (column: string) => {
    let s = cache.get(column);
    if (!s) {
      const c = quoteSqliteIdent(column);
      s = {
        typeOf: db.prepare(`SELECT typeof(${c}) FROM ${t} WHERE ${where}`).pluck(),
        text: db.prepare(`SELECT CAST(${c} AS TEXT) FROM ${t} WHERE ${where}`).pluck(),
        blob: db.prepare(`SELECT CAST(${c} AS BLOB) FROM ${t} WHERE ${where}`).pluck(),
      };
      cache.set(column, s);
    }
    return s;
  };
  const cell = {
    key: [] as unknown[],
    column: '',
    storageClass: () => stmts(cell.column).typeOf.get(...(cell.key as [number])) as StorageClass,
    exactText: () => stmts(cell.column).text.get(...(cell.key as [number])) as string,
    rawBytes: () => (stmts(cell.column).blob.get(...(cell.key as [number])) as Buffer | null) ?? Buffer.alloc(0),
  };
  return cell;
}
