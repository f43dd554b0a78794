import { codecFor } from '../codec/codec-for.js';
import type { ValueKind } from '../codec/value-kind.js';
import { quoteIdent } from '../pg/quote-ident.js';

/**
 * SQL that prints a target column in the same canonical text the SQLite side computes
 * (see ValueCodec.pgNormalizer), so that checksums compare values, not formats. The
 * session runs with TimeZone = UTC, DateStyle = ISO and extra_float_digits = 1 (prepareSession).
 */
export function pgNormalizer(kind: ValueKind, column: string): string {
  return codecFor(kind).pgNormalizer(column);
}

/** Separators that keep `('a','')` and `('','a')` and NULL apart in the row text. */
export const FIELD_SEPARATOR = '\u001f';
export const NULL_MARK = '\u001e';

/** The canonical row text of a target row in SQL: fields joined by FIELD_SEPARATOR, NULL as NULL_MARK. */
export function pgRowText(columns: readonly { kind: ValueKind; target: string }[]): string {
  if (columns.length === 0) return `''`;
  // A chain of ||, not concat_ws: concat_ws prints every argument through its type's output
  // function to a C string and measures it again, where text || text copies bytes; measured
  // 6–13% less server time per table even though the row is copied once per field.
  return columns.map((c) => `coalesce(${pgNormalizer(c.kind, quoteIdent(c.target))}, E'\\x1e')`).join(` || E'\\x1f' || `);
}
