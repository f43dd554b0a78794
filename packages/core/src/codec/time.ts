import { quoteLiteral } from '../pg/quote-ident.js';
import { parseTimeText } from './parse-datetime.js';
import { TIME_GLOB } from './timestamp-forms-case.js';
import { blobsIn, type ValueCodec } from './value-codec.js';
import { ValueRejected } from './value-rejected.js';

/** time (without time zone): a time of day as text. */
export const timeCodec: ValueCodec = {
  kind: 'time',
  pgTypes: ['time', 'time without time zone'],
  canonicalizer: () => (v) => {
    if (v === null) return null;
    if (typeof v !== 'string') throw new ValueRejected(`${String(v)} is not a time of day`, 'text');
    return parseTimeText(v);
  },
  copyField: (canonical) => canonical,
  verifyText: (canonical) => canonical,
  sqlCopyExpression: ({ c, cannot, byType }) => byType(`WHEN 'text' THEN CASE WHEN ${c} GLOB '${TIME_GLOB}' OR ${c} GLOB '[0-2][0-9]:[0-5][0-9]' THEN ${c} ELSE ${cannot} END`),
  sqlCanonicalExpression: () => undefined,
  pgNormalizer: (column) => `to_char(DATE '2000-01-01' + ${column}, 'HH24:MI:SS.US')`,
  literalDefault: (lit) => (lit.type === 'string' && /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(lit.value) ? { sql: quoteLiteral(lit.value) } : { reason: 'not a time literal' }),
  now: { utc: "((now() AT TIME ZONE 'UTC')::time)", local: 'LOCALTIME' },
  foreignValues: (p) => blobsIn(p, 'date/time'),
  describeConversion: () => 'times of day',
};
