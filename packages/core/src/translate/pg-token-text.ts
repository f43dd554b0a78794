import { quoteLiteral } from '../pg/quote-ident.js';
import { normalizeSqliteNumber } from './normalize-sqlite-number.js';
import type { SqliteToken } from '../sqlite/lex-sqlite.js';

/** Why tokens cannot be rendered; renderPgTokens turns it into `untranslated`. */
export class Untranslatable extends Error {}

/** A SQLite number as PostgreSQL reads it; a negative one in parentheses, so it stays one operand next to an operator. */
export function number(text: string): string {
  const n = normalizeSqliteNumber(text);
  if (n === undefined) throw new Untranslatable(`it holds ${JSON.stringify(text)}, which SQLite does not read as a number`);
  return n.startsWith('-') ? `(${n})` : n;
}

/** A string literal; PostgreSQL text cannot hold NUL. */
export function literal(value: string): string {
  if (value.includes('\u0000')) throw new Untranslatable('a string holds a NUL character');
  return quoteLiteral(value);
}
