import { quoteLiteral } from '../pg/quote-ident.js';
import { literalText } from './default-literal.js';
import { countValues, type ValueCodec } from './value-codec.js';
import { ValueRejected } from './value-rejected.js';

const UUID = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

/** uuid: UUID text (braces and hyphens optional) or a 16-byte BLOB. */
export const uuidCodec: ValueCodec = {
  kind: 'uuid',
  pgTypes: ['uuid'],
  canonicalizer: () => (v) => {
    if (v === null) return null;
    if (Buffer.isBuffer(v) && v.length === 16) {
      const h = v.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    const m = typeof v === 'string' ? UUID.exec(v.trim()) : null;
    if (!m) throw new ValueRejected(`${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : 'value'} is not a UUID`, 'text');
    return m.slice(1).join('-').toLowerCase();
  },
  copyField: (canonical) => canonical,
  verifyText: (canonical) => canonical,
  sqlCopyExpression: ({ c, cannot, byType }) => byType(`WHEN 'text' THEN CASE WHEN length(${c}) = 36 AND ${c} GLOB '*-*-*-*-*' AND NOT ${c} GLOB '*[^0-9a-fA-F-]*' THEN ${c} ELSE ${cannot} END`),
  sqlCanonicalExpression: () => undefined,
  pgNormalizer: (column) => `${column}::text`,
  literalDefault: (lit) => {
    const text = literalText(lit);
    return text !== undefined && /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(text) ? { sql: `${quoteLiteral(text)}::uuid` } : { reason: 'not a UUID' };
  },
  foreignValues: (p) => (p.integers + p.reals > 0 ? `${countValues(p.integers + p.reals, 'numeric')} in a uuid column` : undefined),
  describeConversion: () => 'UUID text or 16-byte BLOBs',
};
