import type { CellSource } from './cell-source.js';
import { numberDefault } from './default-literal.js';
import { formatFloat8, normalizeNumericText } from './format-float.js';
import { countValues, type ValueCodec } from './value-codec.js';
import { ValueRejected } from './value-rejected.js';

const MAX_SAFE = 2 ** 53;

function numberText(value: unknown, cell: CellSource): string {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= MAX_SAFE && cell.storageClass() === 'integer' ? cell.exactText() : formatFloat8(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') {
    const t = value.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) || /^[+-]?(Infinity|NaN)$/i.test(t)) return t;
    throw new ValueRejected(`text ${JSON.stringify(value.slice(0, 40))} in a numeric column`, 'text');
  }
  throw new ValueRejected('BLOB in a numeric column', 'bytea');
}

function sameDecimal(a: string, b: string): boolean {
  return normalizeNumericText(a).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') === normalizeNumericText(b).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** numeric and numeric(p,s): decimal text, exact, checked against precision and scale. */
export const numericCodec: ValueCodec = {
  kind: 'numeric',
  pgTypes: ['numeric', 'decimal'],
  canonicalizer: (opts) => (v, cell) => {
    if (v === null) return null;
    const text = numberText(v, cell);
    if (/^[+-]?(Infinity|NaN)$/i.test(text)) {
      if (opts.scale !== undefined) throw new ValueRejected(`${text} does not fit numeric(${opts.precision},${opts.scale})`, 'double precision');
      return text.replace(/^\+/, '');
    }
    const out = normalizeNumericText(text, opts.scale);
    if (opts.scale !== undefined && !sameDecimal(text, out)) throw new ValueRejected(`${text} has more than ${opts.scale} decimals`, 'numeric');
    if (opts.precision !== undefined && opts.scale !== undefined) {
      const intDigits = out.replace('-', '').split('.')[0]!.replace(/^0+/, '').length;
      if (intDigits > opts.precision - opts.scale) throw new ValueRejected(`${text} does not fit numeric(${opts.precision},${opts.scale})`, 'numeric');
    }
    return out;
  },
  copyField: (canonical) => canonical,
  verifyText: (canonical) => canonical,
  sqlCopyExpression: (f) => (f.scaled ? f.byType(`WHEN 'real' THEN CAST(${f.c} AS TEXT) WHEN 'integer' THEN ${f.c}`) : f.byType(`WHEN 'integer' THEN ${f.c}`)),
  sqlCanonicalExpression: (f) => {
    if (f.scale === undefined) return f.byType('integer', f.c);
    return `CASE typeof(${f.c}) WHEN 'integer' THEN printf('%.${f.scale}f', ${f.c}) WHEN 'real' THEN printf('%.${f.scale}f', CASE WHEN ${f.c} <> 0 THEN ${f.c} ELSE 0 END) WHEN 'null' THEN ${f.nul} ELSE ${f.cannot} END`;
  },
  pgNormalizer: (column) => `${column}::text`,
  literalDefault: numberDefault,
  foreignValues: (p) => {
    if (p.texts > 0) return `${countValues(p.texts, 'non-numeric text')} in a numeric column`;
    if (p.blobs > 0) return `${countValues(p.blobs, 'BLOB')} in a numeric column`;
    return undefined;
  },
  describeConversion: (targetType) => (/\(/.test(targetType) ? `decimal, checked against ${targetType}` : 'decimal, exact'),
};
