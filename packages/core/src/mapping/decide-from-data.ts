import type { ColumnProfile } from '../sqlite/column-profile.js';
import { losslessType } from './lossless-type.js';
import type { ValueKind } from './value-kind.js';

/** What a column's values need instead of the type its declaration gave. */
export interface DataDecision {
  /** The values the declared kind cannot carry, e.g. `3 BLOB values in an integer column`. */
  reason: string;
  /** The type that carries every value (see losslessType). */
  pgType: string;
  kind: ValueKind;
}

const LIMIT = 2n ** 53n;

/**
 * Undefined when `kind` carries every value the profile counted; otherwise what they are
 * and the narrowest type that carries them all. SQLite lets any column hold any storage
 * class (a GeoPackage `geom POINT` column has INTEGER affinity and holds BLOBs), so the
 * declaration is a guess the data can overrule. Pure.
 */
export function decideFromData(kind: ValueKind, p: ColumnProfile | undefined): DataDecision | undefined {
  const reason = p && foreignValues(kind, p);
  if (!p || !reason) return undefined;
  // A 0/1 column holding other integers is a small counter more often than anything else.
  return { reason, ...losslessType(p, kind === 'boolean' ? 'smallint' : 'bigint') };
}

/** Storage classes that `kind` cannot carry without changing them. */
function foreignValues(kind: ValueKind, p: ColumnProfile): string | undefined {
  const count = (n: number, what: string): string => `${n} ${what} value${n === 1 ? '' : 's'}`;
  switch (kind) {
    case 'integer': {
      // Every foreign storage class, so the counts match the rows a strict run would reject.
      const parts = [[p.texts, 'text'], [p.reals, 'fractional'], [p.blobs, 'BLOB']].filter(([n]) => (n as number) > 0).map(([n, what]) => count(n as number, what as string));
      return parts.length ? `${parts.join(' and ')} in an integer column` : undefined;
    }
    case 'float':
      if (p.texts > 0) return `${count(p.texts, 'text')} in a floating-point column`;
      if (p.blobs > 0) return `${count(p.blobs, 'BLOB')} in a floating-point column`;
      if ((p.minInteger ?? 0n) < -LIMIT || (p.maxInteger ?? 0n) > LIMIT) return 'integers beyond 2^53 that a double cannot hold exactly';
      return undefined;
    case 'numeric':
      if (p.texts > 0) return `${count(p.texts, 'non-numeric text')} in a numeric column`;
      if (p.blobs > 0) return `${count(p.blobs, 'BLOB')} in a numeric column`;
      return undefined;
    case 'boolean':
      if (p.reals > 0 || p.blobs > 0) return `${count(p.reals + p.blobs, 'non-boolean')} in a boolean column`;
      if ((p.minInteger ?? 0n) < 0n || (p.maxInteger ?? 0n) > 1n) return `integers other than 0/1 (${p.minInteger}..${p.maxInteger}) in a boolean column`;
      return undefined;
    case 'timestamptz': case 'timestamp': case 'date': case 'time':
      return p.blobs > 0 ? `${count(p.blobs, 'BLOB')} in a date/time column` : undefined;
    case 'uuid':
      return p.integers + p.reals > 0 ? `${count(p.integers + p.reals, 'numeric')} in a uuid column` : undefined;
    case 'text': {
      const bad = p.textsNotStorable;
      const parts = [
        p.notUtf8 > 0 ? `${count(p.notUtf8, 'BLOB')} that ${p.notUtf8 === 1 ? 'is' : 'are'} not valid UTF-8 text` : '',
        bad?.notUtf8 ? `${count(bad.notUtf8, 'text')} with bytes that are not valid UTF-8` : '',
        bad?.withNul ? `${count(bad.withNul, 'text')} holding NUL (U+0000)` : '',
      ].filter(Boolean);
      return parts.length ? `${parts.join(' and ')} in a text column` : undefined;
    }
    case 'jsonb': case 'json':
      return p.blobs > 0 ? `${count(p.blobs, 'BLOB')} in a JSON column` : undefined;
    default:
      return undefined;
  }
}
