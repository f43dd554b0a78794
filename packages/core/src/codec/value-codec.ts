import type { ColumnProfile } from '../sqlite/column-profile.js';
import type { CellSource } from './cell-source.js';
import type { DefaultLiteral } from './default-literal.js';
import type { ValueKind } from './value-kind.js';

/** How the value of one column is read and written. */
export interface EncodeOptions {
  /** Maximum length in characters (varchar(n) targets). */
  maxLength?: number;
  /** numeric(p,s): digits before the point may not exceed p - s; scale s. */
  precision?: number;
  scale?: number;
  /** integer targets: inclusive range. */
  intRange?: readonly [bigint, bigint];
  /** What to do with U+0000 in text (PostgreSQL text cannot hold it). */
  nul?: 'error' | 'strip';
  /** `real` target: round to float4 as PostgreSQL does (see float4Canonicalizer). */
  float4?: boolean;
}

/**
 * Canonical text of a SQLite value for a target kind, or null for NULL: the exact
 * form PostgreSQL prints back (see ValueCodec.pgNormalizer), so that the same function
 * feeds COPY and verification. Throws ValueRejected for a value the kind cannot carry.
 */
export type ValueCanonicalizer = (value: unknown, cell: CellSource) => string | null;

/** One column as SQLite renders it into COPY CSV on the fast path (see renderSqlCopyExpression). */
export interface SqlCopyForms {
  /** The column, quoted for SQLite. */
  c: string;
  /** The literal PostgreSQL rejects for every non-text type (CANNOT_ENCODE). */
  cannot: string;
  /** `CASE typeof(c) <branches> WHEN 'null' THEN '' ELSE cannot END`. */
  byType(branches: string): string;
  /** numeric(p,s): values were checked to fit exactly. */
  scaled?: boolean;
  /** A `real` target, which only the JavaScript encoder rounds exactly. */
  float4?: boolean;
  /** The INTEGER PRIMARY KEY: always an integer, never NULL. */
  rowid?: boolean;
}

/** One column as SQLite renders its canonical text for verification (see renderSqlCanonicalQuery). */
export interface SqlCanonicalForms {
  /** The column, quoted for SQLite. */
  c: string;
  /** The mark of a value SQLite cannot make canonical. */
  cannot: string;
  /** What NULL becomes (the NULL mark, or `cannot` in a NOT NULL column). */
  nul: string;
  /** `CASE typeof(c) WHEN '<type>' THEN <e> WHEN 'null' THEN nul ELSE cannot END`. */
  byType(type: string, e: string): string;
  /** numeric(p,s) scale, when the plan kept one. */
  scale?: number;
}

/** A kind whose canonical text JavaScript computes in SQL verification (shortest floats, jsonb key order). */
export interface JsCanonical {
  /** Always formatted in JavaScript; otherwise only in chunks where SQL could not be sure. */
  always: boolean;
  /** The SQLite expression that passes the value to JavaScript exactly (as JSON can carry it). */
  sqlValue(c: string): string;
  /** The canonical text of that value, or undefined where it has none. */
  format(v: unknown): string | undefined;
}

/** A SQLite DEFAULT for a column of the kind: PostgreSQL SQL, or why it has none. */
export type LiteralDefault = { sql: string } | { reason: string };

/**
 * Everything catdb knows about one value kind, from cast rule to verification: each kind
 * is one module implementing this, looked up by name with codecFor.
 */
export interface ValueCodec {
  readonly kind: ValueKind;
  /** PostgreSQL type names (lower case, without modifiers) carried as this kind. */
  readonly pgTypes: readonly string[];
  /** The JavaScript encoder of one column: SQLite value → canonical text. */
  canonicalizer(opts: EncodeOptions): ValueCanonicalizer;
  /** How a canonical value is written as a field of COPY's text format. */
  copyField(canonical: string): string;
  /** The verification form of a canonical value: what the PostgreSQL normaliser prints. */
  verifyText(canonical: string): string;
  /** The SQLite expression of the fast COPY path; undefined where only JavaScript is exact. */
  sqlCopyExpression(f: SqlCopyForms): string | undefined;
  /** The SQLite expression of the canonical text for verification; undefined where SQL has none. */
  sqlCanonicalExpression(f: SqlCanonicalForms): string | undefined;
  /** Present where verification formats the value in JavaScript. */
  readonly jsCanonical?: JsCanonical;
  /** SQL printing a target column in the canonical text (session: UTC, ISO dates, extra_float_digits = 1). */
  pgNormalizer(column: string): string;
  /** A literal SQLite DEFAULT as this kind's PostgreSQL default. */
  literalDefault(lit: DefaultLiteral): LiteralDefault;
  /** A current-time DEFAULT (`CURRENT_TIMESTAMP`, `datetime('now', 'localtime')`) in this kind, where it has one. */
  readonly now?: { utc?: string; local?: string };
  /** The target type adjusted to the values profiled (integer widths); may add notes. */
  fitToProfile?(pgType: string, profile: ColumnProfile | undefined, notes: string[]): string;
  /** The profiled values this kind cannot carry, e.g. `3 BLOB values in an integer column`, or undefined. */
  foreignValues(p: ColumnProfile): string | undefined;
  /** What a data-only load does to each value: SQLite value → `targetType`. */
  describeConversion(targetType: string): string;
}

/** Counts for foreignValues messages: `1 BLOB value`, `3 text values`. */
export function countValues(n: number, what: string): string {
  return `${n} ${what} value${n === 1 ? '' : 's'}`;
}

/** `3 BLOB values in a <what> column`, or undefined where the profile counted none. */
export function blobsIn(p: ColumnProfile, what: string): string | undefined {
  return p.blobs > 0 ? `${countValues(p.blobs, 'BLOB')} in a ${what} column` : undefined;
}
