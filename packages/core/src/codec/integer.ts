import type { ColumnProfile } from '../sqlite/column-profile.js';
import type { CellSource } from './cell-source.js';
import { literalText } from './default-literal.js';
import { formatFloat8 } from './format-float.js';
import { countValues, type ValueCodec } from './value-codec.js';
import { ValueRejected } from './value-rejected.js';

const MAX_SAFE = 2 ** 53;
const INT2 = [-32768n, 32767n] as const;
const INT4 = [-2147483648n, 2147483647n] as const;

const fits = (p: ColumnProfile | undefined, [lo, hi]: readonly [bigint, bigint]): boolean =>
  !p || ((p.minInteger === null || p.minInteger >= lo) && (p.maxInteger === null || p.maxInteger <= hi));

function integerText(value: unknown, cell: CellSource): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new ValueRejected(`fractional number ${formatFloat8(value)} in an integer column`, 'numeric');
    // A JS number cannot hold every int64: read the stored integer exactly.
    if (Math.abs(value) >= MAX_SAFE) {
      if (cell.storageClass() === 'real') throw new ValueRejected(`real ${formatFloat8(value)} in an integer column`, 'numeric');
      return cell.exactText();
    }
    return String(value);
  }
  if (typeof value === 'string') {
    const t = value.trim();
    if (/^[+-]?\d+$/.test(t)) return BigInt(t).toString();
    throw new ValueRejected(`text ${JSON.stringify(value.slice(0, 40))} in an integer column`, 'text');
  }
  throw new ValueRejected('BLOB in an integer column', 'bytea');
}

/** smallint, integer, bigint and the serials: exact to 64 bits, checked against the target's range. */
export const integerCodec: ValueCodec = {
  kind: 'integer',
  pgTypes: ['smallint', 'int2', 'integer', 'int', 'int4', 'bigint', 'int8', 'serial', 'bigserial', 'smallserial', 'serial4', 'serial8'],
  canonicalizer: (opts) => {
    const range = opts.intRange;
    return (v, cell) => {
      if (v === null) return null;
      const text = integerText(v, cell);
      if (range) {
        const n = typeof v === 'number' && Math.abs(v) < MAX_SAFE ? v : BigInt(text);
        if (n < range[0] || n > range[1]) throw new ValueRejected(`${text} is out of range for the target integer type`, 'bigint');
      }
      return text;
    };
  },
  copyField: (canonical) => canonical,
  verifyText: (canonical) => canonical,
  sqlCopyExpression: (f) => (f.rowid ? f.c : f.byType(`WHEN 'integer' THEN ${f.c}`)),
  // Printed unchecked: a value of another form comes out as text PostgreSQL never prints.
  sqlCanonicalExpression: (f) => `coalesce(${f.c}, ${f.nul})`,
  pgNormalizer: (column) => `${column}::text`,
  literalDefault: (lit) => {
    const text = literalText(lit);
    if (text !== undefined && /^-?\d+$/.test(text.trim())) return { sql: text.trim() };
    if (lit.type === 'bool') return { sql: lit.value ? '1' : '0' };
    return { reason: 'not an integer' };
  },
  now: { utc: 'extract(epoch FROM now())::bigint' },
  fitToProfile: (pgType, profile, notes) => {
    if (/serial/.test(pgType)) return pgType;
    if ((pgType === 'smallint' || pgType === 'int2') && !fits(profile, INT2)) {
      const wider = fits(profile, INT4) ? 'integer' : 'bigint';
      notes.push(`values from ${profile?.minInteger} to ${profile?.maxInteger} do not fit smallint: ${wider}`);
      return wider;
    }
    if ((pgType === 'integer' || pgType === 'int' || pgType === 'int4') && !fits(profile, INT4)) {
      notes.push(`values from ${profile?.minInteger} to ${profile?.maxInteger} do not fit integer: bigint`);
      return 'bigint';
    }
    return pgType;
  },
  foreignValues: (p) => {
    // Every foreign storage class, so the counts match the rows a strict run would reject.
    const parts = ([[p.texts, 'text'], [p.reals, 'fractional'], [p.blobs, 'BLOB']] as const).filter(([n]) => n > 0).map(([n, what]) => countValues(n, what));
    return parts.length ? `${parts.join(' and ')} in an integer column` : undefined;
  },
  describeConversion: (targetType) => (targetType === 'bigint' ? 'whole numbers, exact to 64 bits' : `whole numbers, checked against the range of ${targetType}`),
};
