import { codecFor } from '../codec/codec-for.js';
import type { ValueKind } from '../codec/value-kind.js';

/** What a data-only load does to each value of a column: SQLite value → target type. */
export function describeConversion(kind: ValueKind, targetType: string): string {
  return codecFor(kind).describeConversion(targetType);
}
