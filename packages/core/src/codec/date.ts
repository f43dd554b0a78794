import { quoteLiteral } from '../pg/quote-ident.js';
import { dateTimeOf } from './date-time-of.js';
import { formatDate, formatTimestamp } from './parse-datetime.js';
import { DATE_GLOB } from './timestamp-forms-case.js';
import { blobsIn, type ValueCodec } from './value-codec.js';
import { ValueRejected } from './value-rejected.js';

/** date: a day, never a time of day dropped silently. */
export const dateCodec: ValueCodec = {
  kind: 'date',
  pgTypes: ['date'],
  canonicalizer: () => (v, cell) => {
    if (v === null) return null;
    const p = dateTimeOf(v, cell);
    if (p.hour || p.minute || p.second || p.micros) throw new ValueRejected(`${formatTimestamp(p)} has a time of day that a date column would drop`, 'timestamp');
    return formatDate(p);
  },
  copyField: (canonical) => canonical,
  verifyText: (canonical) => canonical,
  sqlCopyExpression: ({ c, cannot, byType }) => byType(`WHEN 'text' THEN CASE WHEN ${c} GLOB '${DATE_GLOB}' THEN ${c} ELSE ${cannot} END`),
  sqlCanonicalExpression: ({ c, cannot, byType }) => byType('text', `CASE WHEN ${c} GLOB '${DATE_GLOB}' THEN ${c} ELSE ${cannot} END`),
  pgNormalizer: (column) => `to_char(${column}, 'YYYY-MM-DD')`,
  literalDefault: (lit) => (lit.type === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(lit.value) ? { sql: quoteLiteral(lit.value) } : { reason: 'not a date literal' }),
  now: { utc: "((now() AT TIME ZONE 'UTC')::date)", local: 'CURRENT_DATE' },
  foreignValues: (p) => blobsIn(p, 'date/time'),
  describeConversion: () => 'dates; a value with a time of day stops the load',
};
