import type Database from 'better-sqlite3';
import { canonicalJsonb } from '../copy/canonical-jsonb.js';
import { formatFloat8 } from '../copy/format-float.js';
import { NULL_MARK } from './pg-normalizer.js';
import { SQL_CANNOT, SQL_PLACEHOLDER, type JsColumn } from './render-sql-canonical.js';
import { RowChecksum } from './row-checksum.js';

/**
 * Runs a renderSqlCanonicalQuery and sums the row checksums. Returns undefined as soon
 * as a row holds a value SQLite could not make canonical: the caller then verifies the
 * table value by value. Runs on the main thread or in a render worker.
 */
export function sqliteChecksum(db: Database.Database, sql: string, jsColumns: readonly JsColumn[]): { count: number; sum: string } | undefined {
  const sum = new RowChecksum();
  const stmt = db.prepare(sql).raw(true);
  for (const row of stmt.iterate() as Iterable<unknown[]>) {
    let text = row[0] as string;
    if (text.includes(SQL_CANNOT)) return undefined;
    if (jsColumns.length > 0) {
      const parts = text.split(SQL_PLACEHOLDER);
      text = parts[0]!;
      for (let i = 0; i < jsColumns.length; i++) {
        const v = row[i + 1];
        let field: string;
        if (v === null || v === undefined) {
          if (jsColumns[i]!.notNull) return undefined;
          field = NULL_MARK;
        } else if (jsColumns[i]!.kind === 'float') {
          if (typeof v !== 'number') return undefined;
          field = formatFloat8(v);
        } else {
          if (typeof v !== 'string') return undefined;
          try {
            field = canonicalJsonb(v);
          } catch {
            return undefined;
          }
        }
        text += field + parts[i + 1]!;
      }
    }
    sum.add(text);
  }
  return { count: sum.count, sum: sum.sum.toString() };
}
