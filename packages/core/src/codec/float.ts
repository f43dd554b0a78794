import { numberDefault } from './default-literal.js';
import { float4Canonicalizer } from './float4-canonicalizer.js';
import { formatFloat8 } from './format-float.js';
import { countValues, type ValueCanonicalizer, type ValueCodec } from './value-codec.js';
import { isFloat4Type } from './value-kind.js';
import { ValueRejected } from './value-rejected.js';

const MAX_SAFE = 2 ** 53;
const LIMIT = 2n ** 53n;

const float8: ValueCanonicalizer = (v, cell) => {
  if (v === null) return null;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) >= MAX_SAFE && cell.storageClass() === 'integer') {
      const exact = BigInt(cell.exactText());
      if (BigInt(v) !== exact) throw new ValueRejected(`integer ${exact} cannot be held exactly by double precision`, 'numeric');
    }
    return formatFloat8(v);
  }
  if (typeof v === 'bigint') {
    if (BigInt(Number(v)) !== v) throw new ValueRejected(`integer ${v} cannot be held exactly by double precision`, 'numeric');
    return formatFloat8(Number(v));
  }
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return formatFloat8(Number(t));
    if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? '-Infinity' : 'Infinity';
    if (/^nan$/i.test(t)) return 'NaN';
    throw new ValueRejected(`text ${JSON.stringify(v.slice(0, 40))} in a floating-point column`, 'text');
  }
  throw new ValueRejected('BLOB in a floating-point column', 'bytea');
};

/**
 * A float8 as PostgreSQL prints it (shortest round-trip text), where SQLite can be sure
 * of it: a normal double that 15 significant digits carry exactly has no shorter or
 * different shortest form, and SQLite's %g picks the same fixed/exponent layout for
 * those (exponent below -4 or from 15 up); only its ".0" has to go. Zero keeps its sign
 * (atan2 tells -0.0, which printf does not). Other values are `cannot` (the chunk is then
 * read with JavaScript formatting).
 */
function floatExpression(v: string, cannot: string): string {
  const g = `printf('%!.15g', ${v})`;
  return `CASE WHEN abs(${v}) >= 2.2250738585072014e-308 AND CAST(${g} AS REAL) = ${v} THEN rtrim(replace(replace(${g} || '#', '.0#', '#'), '.0e', 'e'), '#') WHEN ${v} = 0 THEN CASE WHEN atan2(${v}, -1) < 0 THEN '-0' ELSE '0' END ELSE ${cannot} END`;
}

/** double precision and real (float4, rounded as PostgreSQL rounds it). */
export const floatCodec: ValueCodec = {
  kind: 'float',
  pgTypes: ['real', 'float4', 'double precision', 'float8', 'float'],
  canonicalizer: (opts) => (opts.float4 ? float4Canonicalizer(float8) : float8),
  copyField: (canonical) => canonical,
  verifyText: (canonical) => canonical,
  sqlCopyExpression: (f) => {
    if (f.float4) return undefined;
    // CAST(real AS TEXT) round-trips exactly since SQLite 3.43 ('1.0e+300', 'Inf' are valid float8 input).
    // A REAL -0.0 survives only where no affinity turned it into integer 0; CAST drops its sign.
    return f.byType(`WHEN 'real' THEN CASE WHEN ${f.c} = 0 AND atan2(${f.c}, -1) < 0 THEN '-0' ELSE CAST(${f.c} AS TEXT) END WHEN 'integer' THEN ${f.c}`);
  },
  sqlCanonicalExpression: (f) =>
    `CASE typeof(${f.c}) WHEN 'real' THEN ${floatExpression(f.c, f.cannot)} WHEN 'integer' THEN ${floatExpression(`CAST(${f.c} AS REAL)`, f.cannot)} WHEN 'null' THEN ${f.nul} ELSE ${f.cannot} END`,
  jsCanonical: {
    always: false,
    // SQLite writes reals with 17 digits; -0.0, which it writes as 0.0, goes as the string '-0'.
    sqlValue: (c) => `CASE typeof(${c}) WHEN 'real' THEN CASE WHEN ${c} = 0 AND atan2(${c}, -1) < 0 THEN '-0' ELSE ${c} END WHEN 'integer' THEN ${c} WHEN 'null' THEN NULL ELSE char(28) END`,
    format: (v) => (typeof v === 'number' ? formatFloat8(v) : v === '-0' ? '-0' : undefined),
  },
  pgNormalizer: (column) => `${column}::text`,
  literalDefault: (lit) => numberDefault(lit),
  foreignValues: (p) => {
    if (p.texts > 0) return `${countValues(p.texts, 'text')} in a floating-point column`;
    if (p.blobs > 0) return `${countValues(p.blobs, 'BLOB')} in a floating-point column`;
    if ((p.minInteger ?? 0n) < -LIMIT || (p.maxInteger ?? 0n) > LIMIT) return 'integers beyond 2^53 that a double cannot hold exactly';
    return undefined;
  },
  describeConversion: (targetType) =>
    isFloat4Type(targetType)
      ? 'rounded to float4 as PostgreSQL rounds them; every column where a value changes is listed with a count'
      : 'doubles kept exactly; an integer a double cannot hold stops the load',
};
