import { quoteLiteral } from '../pg/quote-ident.js';
import { checkedText } from './checked-text.js';
import { literalText } from './default-literal.js';
import { escapeCopyText } from './encode-copy-text.js';
import { blobsIn, type ValueCodec } from './value-codec.js';
import { ValueRejected } from './value-rejected.js';

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** What json and jsonb share: text that parses as JSON (jsonb: without \u0000), written as stored. */
export function jsonLike(kind: 'json' | 'jsonb', overrides: Pick<ValueCodec, 'verifyText' | 'sqlCanonicalExpression' | 'describeConversion'> & Partial<ValueCodec>): ValueCodec {
  return {
    kind,
    pgTypes: [kind],
    canonicalizer: (opts) => (v, cell) => {
      if (v === null) return null;
      const text = checkedText(v, cell, opts);
      if (kind === 'jsonb' && text.includes('\\u0000')) throw new ValueRejected('JSON with \\u0000, which jsonb cannot store', 'json');
      try {
        JSON.parse(text);
      } catch (err) {
        throw new ValueRejected(`invalid JSON: ${(err as Error).message}`, 'text');
      }
      return text;
    },
    copyField: escapeCopyText,
    // Valid JSON is checked in JavaScript only.
    sqlCopyExpression: () => undefined,
    pgNormalizer: (column) => `${column}::text`,
    literalDefault: (lit) => {
      const text = literalText(lit);
      return text !== undefined && isJson(text) ? { sql: `${quoteLiteral(text)}::${kind}` } : { reason: 'not valid JSON' };
    },
    foreignValues: (p) => blobsIn(p, 'JSON'),
    ...overrides,
  };
}

/** json: JSON text, validated, stored as written. */
export const jsonCodec: ValueCodec = jsonLike('json', {
  verifyText: (canonical) => canonical,
  sqlCanonicalExpression: () => undefined,
  describeConversion: () => 'JSON text, validated; stored as written',
});
