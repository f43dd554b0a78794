import { literalText } from './default-literal.js';
import { countValues, type ValueCodec } from './value-codec.js';
import { ValueRejected } from './value-rejected.js';

const TRUE_TEXT = new Set(['1', 't', 'true', 'y', 'yes', 'on']);
const FALSE_TEXT = new Set(['0', 'f', 'false', 'n', 'no', 'off']);
// The same words as SQL lists, for SQLite to test on the fast path.
const BOOL_TRUE = "('1','t','true','y','yes','on')";
const BOOL_FALSE = "('0','f','false','n','no','off')";

/** boolean: 0/1 and the words PostgreSQL's boolin takes in full (never its prefixes). */
export const booleanCodec: ValueCodec = {
  kind: 'boolean',
  pgTypes: ['boolean', 'bool'],
  canonicalizer: () => (v) => {
    if (v === null) return null;
    if (v === 0 || v === 1 || v === 0n || v === 1n) return Number(v) === 1 ? 't' : 'f';
    if (typeof v === 'string') {
      const t = v.trim().toLowerCase();
      if (TRUE_TEXT.has(t)) return 't';
      if (FALSE_TEXT.has(t)) return 'f';
    }
    throw new ValueRejected(`${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : String(v)} is not a boolean (0/1, true/false)`, 'smallint');
  },
  copyField: (canonical) => canonical,
  verifyText: (canonical) => canonical,
  sqlCopyExpression: ({ c, cannot, byType }) =>
    byType(
      `WHEN 'integer' THEN CASE ${c} WHEN 1 THEN 't' WHEN 0 THEN 'f' ELSE ${cannot} END ` +
        `WHEN 'text' THEN CASE WHEN lower(trim(${c})) IN ${BOOL_TRUE} THEN 't' WHEN lower(trim(${c})) IN ${BOOL_FALSE} THEN 'f' ELSE ${cannot} END`,
    ),
  sqlCanonicalExpression: ({ c, cannot, byType }) => byType('integer', `CASE ${c} WHEN 1 THEN 't' WHEN 0 THEN 'f' ELSE ${cannot} END`),
  // ELSE 'f' would turn NULL into false and hide a NULL/false difference.
  pgNormalizer: (column) => `CASE WHEN ${column} THEN 't' WHEN NOT ${column} THEN 'f' END`,
  literalDefault: (lit) => {
    const t = literalText(lit)?.trim().toLowerCase();
    if (t !== undefined && TRUE_TEXT.has(t)) return { sql: 'true' };
    if (t !== undefined && FALSE_TEXT.has(t)) return { sql: 'false' };
    return { reason: 'not a boolean value' };
  },
  foreignValues: (p) => {
    if (p.reals > 0 || p.blobs > 0) return `${countValues(p.reals + p.blobs, 'non-boolean')} in a boolean column`;
    if ((p.minInteger ?? 0n) < 0n || (p.maxInteger ?? 0n) > 1n) return `integers other than 0/1 (${p.minInteger}..${p.maxInteger}) in a boolean column`;
    return undefined;
  },
  describeConversion: () => "0/1, 't'/'f', 'true'/'false', 'yes'/'no', 'on'/'off' become booleans; any other value stops the load",
};
