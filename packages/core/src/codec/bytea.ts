import { quoteBytea } from '../pg/quote-ident.js';
import { literalText } from './default-literal.js';
import { LARGE_VALUE_BYTES } from './large-values.js';
import type { ValueCodec } from './value-codec.js';

/** bytea: the stored bytes (text as its UTF-8 bytes), as hex. */
export const byteaCodec: ValueCodec = {
  kind: 'bytea',
  pgTypes: ['bytea'],
  canonicalizer: () => (v, cell) => {
    if (v === null) return null;
    if (Buffer.isBuffer(v)) return v.toString('hex');
    if (typeof v === 'string') return cell.storageClass() === 'text' ? cell.rawBytes().toString('hex') : Buffer.from(v, 'utf8').toString('hex');
    return Buffer.from(cell.exactText(), 'utf8').toString('hex');
  },
  // `\x` reaches byteain only if the backslash itself is escaped for COPY.
  copyField: (canonical) => '\\\\x' + canonical,
  verifyText: (canonical) => canonical,
  // A huge BLOB would be held whole (and twice, as hex) by SQLite and Node: leave it to
  // the slice-by-slice path. '\\c…' is invalid bytea input, so the COPY fails and hands over.
  sqlCopyExpression: ({ c }) => `CASE WHEN ${c} IS NULL THEN '' WHEN octet_length(${c}) > ${LARGE_VALUE_BYTES} THEN '\\catdb-large-value' ELSE '\\x' || hex(${c}) END`,
  sqlCanonicalExpression: ({ c, cannot, nul }) => `CASE WHEN ${c} IS NULL THEN ${nul} WHEN octet_length(${c}) > ${LARGE_VALUE_BYTES} THEN ${cannot} ELSE lower(hex(${c})) END`,
  pgNormalizer: (column) => `encode(${column}, 'hex')`,
  literalDefault: (lit) => {
    if (lit.type === 'blob') return { sql: quoteBytea(lit.hex) };
    // Text becomes its UTF-8 bytes, as the load carries text into bytea (bytea input would read `\x…` as hex).
    const text = literalText(lit);
    if (text !== undefined) return { sql: quoteBytea(Buffer.from(text, 'utf8').toString('hex')) };
    return { reason: 'not bytes' };
  },
  foreignValues: () => undefined,
  describeConversion: () => 'bytes as stored',
};
