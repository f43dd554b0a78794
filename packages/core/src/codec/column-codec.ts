import type { ColumnPlan } from '../plan/migration-plan.js';
import { codecFor } from './codec-for.js';
import type { EncodeOptions, ValueCanonicalizer } from './value-codec.js';
import { isFloat4Type, type ValueKind } from './value-kind.js';

/** One column's way from a SQLite value to its canonical PostgreSQL text. */
export interface ColumnCodec {
  source: string;
  target: string;
  kind: ValueKind;
  canonicalize: ValueCanonicalizer;
  /** The kind's COPY text field of a canonical value (resolved once per column: row loops call it per value). */
  copyField: (canonical: string) => string;
  /** The kind's verification text of a canonical value (jsonb: key order). */
  verifyText: (canonical: string) => string;
  /** NULL is a rejected value here: SQLite lets a non-INTEGER primary key hold NULLs. */
  notNull?: boolean;
}

const INT_RANGES: Record<string, readonly [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  // A serial column is an integer with a default: ids of 0 and below are valid (SQLite has them too).
  serial: [-2147483648n, 2147483647n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
  bigserial: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** Codecs for a table's columns, with the limits of their target types enforced. */
export function columnCodecs(columns: readonly (Pick<ColumnPlan, 'source' | 'target' | 'kind' | 'pgType' | 'maxLength' | 'precision' | 'scale'> & { notNull?: boolean })[], nul: 'error' | 'strip' = 'error'): ColumnCodec[] {
  return columns.map((c) => {
    const opts: EncodeOptions = { nul };
    if (c.maxLength !== undefined) opts.maxLength = c.maxLength;
    if (c.precision !== undefined) opts.precision = c.precision;
    if (c.scale !== undefined) opts.scale = c.scale;
    const range = INT_RANGES[c.pgType.replace(/^int4$|^int$/, 'integer').replace(/^int8$/, 'bigint').replace(/^int2$/, 'smallint')];
    if (c.kind === 'integer' && range && c.pgType !== 'bigint') opts.intRange = range;
    if (c.kind === 'float' && isFloat4Type(c.pgType)) opts.float4 = true;
    const codec = codecFor(c.kind);
    return { source: c.source, target: c.target, kind: c.kind, canonicalize: codec.canonicalizer(opts), copyField: codec.copyField, verifyText: codec.verifyText, ...(c.notNull ? { notNull: true } : {}) };
  });
}
