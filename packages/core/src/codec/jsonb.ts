import { canonicalJsonb } from './canonical-jsonb.js';
import { jsonLike } from './json.js';
import type { ValueCodec } from './value-codec.js';

/** jsonb: JSON text, validated; verified in jsonb's own text (key order, number forms). */
export const jsonbCodec: ValueCodec = jsonLike('jsonb', {
  verifyText: canonicalJsonb,
  // Always a placeholder, NULL included: JavaScript formats the value or the NULL mark.
  sqlCanonicalExpression: () => 'char(29)',
  jsCanonical: {
    always: true,
    sqlValue: (c) => `CASE typeof(${c}) WHEN 'text' THEN ${c} WHEN 'null' THEN NULL ELSE char(28) END`,
    format: (v) => {
      if (typeof v !== 'string') return undefined;
      try {
        return canonicalJsonb(v);
      } catch {
        return undefined;
      }
    },
  },
  describeConversion: () => 'JSON text, validated (jsonb cannot hold \\u0000); stored as jsonb',
});
