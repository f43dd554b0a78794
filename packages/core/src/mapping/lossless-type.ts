import type { ColumnProfile } from '../sqlite/column-profile.js';
import type { ValueKind } from '../codec/value-kind.js';

const LIMIT = 2n ** 53n;
const INT2 = [-32768n, 32767n] as const;
const INT4 = [-2147483648n, 2147483647n] as const;

/**
 * The narrowest PostgreSQL type that carries every profiled value of a column exactly,
 * whatever the column declares: any BLOB, or text PostgreSQL text refuses (invalid UTF-8,
 * NUL), makes it bytea (text as its stored bytes, numbers
 * as the text SQLite prints for them), else any text makes it text (numbers as SQLite
 * prints them), else reals make it double precision, the 8-byte float SQLite stores,
 * unless an integer beyond 2^53 needs numeric; integers alone get an integer type, from
 * `smallestInteger` up as far as their range needs. Pure.
 */
export function losslessType(p: ColumnProfile, smallestInteger: 'smallint' | 'bigint' = 'bigint'): { pgType: string; kind: ValueKind } {
  if (p.blobs > 0 || p.textsNotStorable?.notUtf8 || p.textsNotStorable?.withNul) return { pgType: 'bytea', kind: 'bytea' };
  if (p.texts > 0) return { pgType: 'text', kind: 'text' };
  if (p.reals > 0) return beyondDouble(p) ? { pgType: 'numeric', kind: 'numeric' } : { pgType: 'double precision', kind: 'float' };
  if (p.integers > 0 && smallestInteger === 'smallint') return { pgType: within(p, INT2) ? 'smallint' : within(p, INT4) ? 'integer' : 'bigint', kind: 'integer' };
  if (p.integers > 0) return { pgType: 'bigint', kind: 'integer' };
  return { pgType: 'text', kind: 'text' };
}

/** Integers a double cannot hold exactly; without their range, any number that large. */
function beyondDouble(p: ColumnProfile): boolean {
  if (p.integers === 0) return false;
  if (p.minInteger === null && p.maxInteger === null) return (p.maxAbsNumber ?? 0) > Number(LIMIT);
  return (p.minInteger ?? 0n) < -LIMIT || (p.maxInteger ?? 0n) > LIMIT;
}

function within(p: ColumnProfile, [lo, hi]: readonly [bigint, bigint]): boolean {
  return (p.minInteger === null || p.minInteger >= lo) && (p.maxInteger === null || p.maxInteger <= hi);
}
