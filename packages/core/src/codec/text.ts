import { quoteLiteral } from '../pg/quote-ident.js';
import { checkedText } from './checked-text.js';
import { literalText } from './default-literal.js';
import { escapeCopyText } from './encode-copy-text.js';
import { countValues, type ValueCodec } from './value-codec.js';

// CSV needs one replace() per text value where COPY's text format needs four: measured
// at 0.35 s against 1.4 s per million values on SQLite's side.
// Only for values known not to be NULL. `||` is one VDBE opcode where concat() is a
// function call: 0.71 s against 0.93 s per million JSON values of ~150 bytes.
const QUOTED = (e: string): string => `'"' || replace(${e}, '"', '""') || '"'`;

/** text, varchar(n), char(n), citext: valid UTF-8 without NUL, lengths in characters. */
export const textCodec: ValueCodec = {
  kind: 'text',
  pgTypes: ['text', 'varchar', 'character varying', 'char', 'character', 'bpchar', 'name', 'citext'],
  canonicalizer: (opts) => (v, cell) => (v === null ? null : checkedText(v, cell, opts)),
  copyField: escapeCopyText,
  verifyText: (canonical) => canonical,
  // Invalid UTF-8 or NUL makes PostgreSQL reject the COPY, and the JavaScript path names the row.
  sqlCopyExpression: ({ c }) => `CASE WHEN ${c} IS NULL THEN '' ELSE ${QUOTED(`CAST(${c} AS TEXT)`)} END`,
  // Printed unchecked: a value of another form comes out as text PostgreSQL never prints.
  sqlCanonicalExpression: (f) => `coalesce(${f.c}, ${f.nul})`,
  pgNormalizer: (column) => `${column}::text`,
  literalDefault: (lit) => {
    const text = literalText(lit);
    return text !== undefined ? { sql: quoteLiteral(text) } : { reason: 'a BLOB default on a text column' };
  },
  now: { utc: "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')", local: "to_char(LOCALTIMESTAMP, 'YYYY-MM-DD HH24:MI:SS')" },
  // What PostgreSQL text refuses: BLOBs, or TEXT values, that are not valid UTF-8, and NUL.
  foreignValues: (p) => {
    const bad = p.textsNotStorable;
    const parts = [
      p.notUtf8 > 0 ? `${countValues(p.notUtf8, 'BLOB')} that ${p.notUtf8 === 1 ? 'is' : 'are'} not valid UTF-8 text` : '',
      bad?.notUtf8 ? `${countValues(bad.notUtf8, 'text')} with bytes that are not valid UTF-8` : '',
      bad?.withNul ? `${countValues(bad.withNul, 'text')} holding NUL (U+0000)` : '',
    ].filter(Boolean);
    return parts.length ? `${parts.join(' and ')} in a text column` : undefined;
  },
  describeConversion: (targetType) => {
    const n = /\((\d+)\)/.exec(targetType)?.[1];
    return n ? `text of at most ${n} characters (longer stops the load)` : 'text as stored (numbers as SQLite prints them)';
  },
};
