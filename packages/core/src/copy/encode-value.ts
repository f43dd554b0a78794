import { isUtf8 } from 'node:buffer';
import type { ValueKind } from '../mapping/value-kind.js';
import type { CellSource } from './cell-source.js';
import { canonicalJsonb } from './canonical-jsonb.js';
import { float4Canonicalizer } from './float4-canonicalizer.js';
import { fastTimestamp } from './fast-timestamp.js';
import { formatFloat8, normalizeNumericText } from './format-float.js';
import { formatDate, formatTimestamp, fromJulianDay, fromUnixSeconds, isPlausibleJulianDay, parseDateTimeText, parseTimeText, toUtc, type DateTimeParts } from './parse-datetime.js';
import { ValueRejected } from './value-rejected.js';

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
 * form PostgreSQL prints back (see `pgNormalizer`), so that the same function
 * feeds COPY and verification. Throws ValueRejected for a value the kind cannot carry.
 */
export type ValueCanonicalizer = (value: unknown, cell: CellSource) => string | null;

const MAX_SAFE = 2 ** 53;
const TRUE_TEXT = new Set(['1', 't', 'true', 'y', 'yes', 'on']);
const FALSE_TEXT = new Set(['0', 'f', 'false', 'n', 'no', 'off']);
const UUID = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

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

function checkedText(value: string, cell: CellSource, opts: EncodeOptions): string {
  let text = value;
  // better-sqlite3 turns invalid UTF-8 into U+FFFD; only the stored bytes can tell.
  if (text.includes('\uFFFD') && cell.storageClass() === 'text') {
    const raw = cell.rawBytes();
    if (!isUtf8(raw)) {
      const at = firstInvalidUtf8(raw);
      throw new ValueRejected(`text is not valid UTF-8 (byte 0x${raw[at]?.toString(16).padStart(2, '0')} at offset ${at})`, 'bytea');
    }
  }
  if (text.includes('\u0000')) {
    if (opts.nul === 'strip') text = text.replaceAll('\u0000', '');
    else throw new ValueRejected('text contains NUL (U+0000), which PostgreSQL text cannot store', 'bytea');
  }
  if (opts.maxLength !== undefined && text.length > opts.maxLength) {
    // varchar(n) counts characters, not UTF-16 units.
    const chars = [...text].length;
    if (chars > opts.maxLength) throw new ValueRejected(`${chars} characters do not fit varchar(${opts.maxLength})`, 'text');
  }
  return text;
}

export function firstInvalidUtf8(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  // isUtf8 is native; bisect on prefixes that end on a character boundary is not exact,
  // so scan linearly (only on the error path).
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > buf.length || !isUtf8(buf.subarray(i, i + len))) return i;
    i += len;
    lo = i;
  }
  return Math.min(lo, hi);
}

function dateTimeOf(value: unknown, cell: CellSource): DateTimeParts {
  if (typeof value === 'string') {
    const t = value.trim();
    if (/^-?\d+(\.\d+)?$/.test(t)) return fromUnixSeconds(Number(t));
    return parseDateTimeText(t);
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    if (typeof value === 'number' && !Number.isInteger(n) && isPlausibleJulianDay(n)) return fromJulianDay(n);
    if (typeof value === 'number' && Number.isInteger(n) && cell.storageClass() === 'real' && isPlausibleJulianDay(n)) return fromJulianDay(n);
    return fromUnixSeconds(n);
  }
  throw new ValueRejected('BLOB in a date/time column', 'bytea');
}

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

/** Builds the canonicalizer for one column. */
export function makeCanonicalizer(kind: ValueKind, opts: EncodeOptions = {}): ValueCanonicalizer {
  if (kind === 'float' && opts.float4) return float4Canonicalizer(makeCanonicalizer('float', { ...opts, float4: false }));
  switch (kind) {
    case 'integer': {
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
    }
    case 'float':
      return (v, cell) => {
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
    case 'numeric':
      return (v, cell) => {
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
      };
    case 'boolean':
      return (v) => {
        if (v === null) return null;
        if (v === 0 || v === 1 || v === 0n || v === 1n) return Number(v) === 1 ? 't' : 'f';
        if (typeof v === 'string') {
          const t = v.trim().toLowerCase();
          if (TRUE_TEXT.has(t)) return 't';
          if (FALSE_TEXT.has(t)) return 'f';
        }
        throw new ValueRejected(`${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : String(v)} is not a boolean (0/1, true/false)`, 'smallint');
      };
    case 'text':
    case 'json':
    case 'jsonb': {
      const json = kind !== 'text';
      return (v, cell) => {
        if (v === null) return null;
        let text: string;
        if (typeof v === 'string') text = checkedText(v, cell, opts);
        else if (typeof v === 'number' || typeof v === 'bigint') text = cell.exactText();
        else {
          const buf = v as Buffer;
          if (!isUtf8(buf)) {
            const at = firstInvalidUtf8(buf);
            throw new ValueRejected(`BLOB that is not valid UTF-8 text (byte 0x${buf[at]?.toString(16).padStart(2, '0')} at offset ${at}) in a text column`, 'bytea');
          }
          text = checkedText(buf.toString('utf8'), cell, opts);
        }
        if (json) {
          if (kind === 'jsonb' && text.includes('\\u0000')) throw new ValueRejected('JSON with \\u0000, which jsonb cannot store', 'json');
          try {
            JSON.parse(text);
          } catch (err) {
            throw new ValueRejected(`invalid JSON: ${(err as Error).message}`, 'text');
          }
        }
        return text;
      };
    }
    case 'bytea':
      return (v, cell) => {
        if (v === null) return null;
        if (Buffer.isBuffer(v)) return v.toString('hex');
        if (typeof v === 'string') return cell.storageClass() === 'text' ? cell.rawBytes().toString('hex') : Buffer.from(v, 'utf8').toString('hex');
        return Buffer.from(cell.exactText(), 'utf8').toString('hex');
      };
    case 'timestamptz':
    case 'timestamp': {
      const zone = kind === 'timestamptz';
      return (v, cell) => (v === null ? null : (typeof v === 'string' && fastTimestamp(v, zone)) || formatTimestamp(toUtc(dateTimeOf(v, cell)), zone));
    }
    case 'date':
      return (v, cell) => {
        if (v === null) return null;
        const p = dateTimeOf(v, cell);
        if (p.hour || p.minute || p.second || p.micros) throw new ValueRejected(`${formatTimestamp(p)} has a time of day that a date column would drop`, 'timestamp');
        return formatDate(p);
      };
    case 'time':
      return (v) => {
        if (v === null) return null;
        if (typeof v !== 'string') throw new ValueRejected(`${String(v)} is not a time of day`, 'text');
        return parseTimeText(v);
      };
    case 'uuid':
      return (v) => {
        if (v === null) return null;
        if (Buffer.isBuffer(v) && v.length === 16) {
          const h = v.toString('hex');
          return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
        }
        const m = typeof v === 'string' ? UUID.exec(v.trim()) : null;
        if (!m) throw new ValueRejected(`${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : 'value'} is not a UUID`, 'text');
        return m.slice(1).join('-').toLowerCase();
      };
  }
}

function sameDecimal(a: string, b: string): boolean {
  return normalizeNumericText(a).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') === normalizeNumericText(b).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** The verification form of a JSON value: what jsonb::text prints. */
export function verifyJsonText(kind: ValueKind, canonical: string): string {
  return kind === 'jsonb' ? canonicalJsonb(canonical) : canonical;
}
