import { codecFor } from '../codec/codec-for.js';
import type { ColumnProfile } from '../sqlite/column-profile.js';
import { losslessType } from './lossless-type.js';
import type { ValueKind } from '../codec/value-kind.js';

/** What a column's values need instead of the type its declaration gave. */
export interface DataDecision {
  /** The values the declared kind cannot carry, e.g. `3 BLOB values in an integer column`. */
  reason: string;
  /** The type that carries every value (see losslessType). */
  pgType: string;
  kind: ValueKind;
}

/**
 * Undefined when `kind` carries every value the profile counted; otherwise what they are
 * and the narrowest type that carries them all. SQLite lets any column hold any storage
 * class (a GeoPackage `geom POINT` column has INTEGER affinity and holds BLOBs), so the
 * declaration is a guess the data can overrule. Pure.
 */
export function decideFromData(kind: ValueKind, p: ColumnProfile | undefined): DataDecision | undefined {
  const reason = p && codecFor(kind).foreignValues(p);
  if (!p || !reason) return undefined;
  // A 0/1 column holding other integers is a small counter more often than anything else.
  return { reason, ...losslessType(p, kind === 'boolean' ? 'smallint' : 'bigint') };
}
