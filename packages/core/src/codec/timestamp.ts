import { quoteLiteral } from '../pg/quote-ident.js';
import { dateTimeOf } from './date-time-of.js';
import { fastTimestamp } from './fast-timestamp.js';
import { formatTimestamp, toUtc } from './parse-datetime.js';
import { timestampFormsCase } from './timestamp-forms-case.js';
import { blobsIn, type ValueCodec } from './value-codec.js';

/**
 * What timestamp and timestamptz share: SQLite date/time text, unix seconds or Julian days,
 * as UTC. `zone`: the target is timestamptz (prints `+00`, converts explicit offsets).
 */
export function timestampLike(zone: boolean, own: Pick<ValueCodec, 'kind' | 'pgTypes' | 'now' | 'describeConversion'>): ValueCodec {
  return {
    ...own,
    canonicalizer: () => (v, cell) => (v === null ? null : (typeof v === 'string' && fastTimestamp(v, zone)) || formatTimestamp(toUtc(dateTimeOf(v, cell)), zone)),
    copyField: (canonical) => canonical,
    verifyText: (canonical) => canonical,
    // Offset-free forms and `Z` are UTC for both types (the session runs in UTC, and
    // `timestamp` ignoring a Z loses nothing); explicit offsets only for timestamptz,
    // which converts them: `timestamp` would silently drop them.
    sqlCopyExpression: ({ c, cannot, byType }) =>
      byType(
        `WHEN 'text' THEN ${timestampFormsCase(c, cannot, () => c, { offsets: zone })} ` +
          `WHEN 'integer' THEN CASE WHEN ${c} BETWEEN -62135596800 AND 253402300799 THEN datetime(${c}, 'unixepoch') ELSE ${cannot} END`,
      ),
    // Printed unchecked: the T and Z go, and a fraction (a '.' where the seconds end) loses
    // its trailing zeros; a date alone gets midnight.
    sqlCanonicalExpression: ({ c, cannot, byType }) => {
      const whole = `replace(rtrim(${c}, 'Z'), 'T', ' ')`;
      const text =
        `CASE WHEN length(${c}) = 10 THEN ${c} || ' 00:00:00' WHEN length(${c}) <= 20 THEN ${whole} ` +
        `WHEN substr(${c}, 20, 1) = '.' THEN rtrim(rtrim(${whole}, '0'), '.') ELSE ${cannot} END${zone ? ` || '+00'` : ''}`;
      return byType('text', text);
    },
    // The output function, not to_char: a third of the cost, and exact for BC years too.
    pgNormalizer: (column) => `${column}::text`,
    literalDefault: (lit) => {
      if (lit.type === 'number' && /^-?\d+$/.test(lit.text)) {
        // A JavaScript Date reaches 8.64e15 ms either side of 1970; beyond it there is no date to write.
        const date = new Date(Number(lit.text) * 1000);
        if (Number.isNaN(date.getTime())) return { reason: 'a unix time beyond any date' };
        const iso = date.toISOString().replace('T', ' ').replace('Z', '');
        return { sql: zone ? `'${iso}+00'` : `'${iso}'` };
      }
      if (lit.type === 'string' && /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/.test(lit.value)) {
        return { sql: quoteLiteral(zone && !/(Z|[+-]\d{2}(:?\d{2})?)$/.test(lit.value) ? `${lit.value}+00` : lit.value) };
      }
      return { reason: 'not a date/time literal' };
    },
    foreignValues: (p) => blobsIn(p, 'date/time'),
  };
}

/** timestamp (without time zone): UTC wall-clock time. */
export const timestampCodec: ValueCodec = timestampLike(false, {
  kind: 'timestamp',
  pgTypes: ['timestamp', 'timestamp without time zone'],
  // SQLite's CURRENT_TIMESTAMP is UTC; a timestamp column keeps that meaning.
  now: { utc: "(now() AT TIME ZONE 'UTC')", local: 'LOCALTIMESTAMP' },
  describeConversion: () => 'date/time text (SQLite, ISO 8601 with T, Z or ±hh:mm, Go time strings) or unix seconds; offsets converted to UTC; fractions rounded to microseconds',
});
