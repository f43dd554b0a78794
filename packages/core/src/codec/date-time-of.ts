import type { CellSource } from './cell-source.js';
import { fromJulianDay, fromUnixSeconds, isPlausibleJulianDay, parseDateTimeText, type DateTimeParts } from './parse-datetime.js';
import { ValueRejected } from './value-rejected.js';

/** A SQLite date/time value (text, unix seconds or a Julian day) as its parts. */
export function dateTimeOf(value: unknown, cell: CellSource): DateTimeParts {
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
