import type { SqliteToken } from './lex-sqlite.js';

// What a parser over SQLite's tokens asks of one token, said once for every parser.

/** A keyword or bare word, compared without case: `isWord(t, 'CREATE')`. */
export function isWord(t: SqliteToken | undefined, upper: string): boolean {
  return t?.kind === 'word' && t.text.toUpperCase() === upper;
}

/** An operator or punctuation token with exactly this text. */
export function isOp(t: SqliteToken | undefined, text: string): boolean {
  return t?.kind === 'operator' && t.text === text;
}

/** A token SQLite accepts as a name: a bare word, a quoted identifier, or a string literal. */
export function isName(t: SqliteToken | undefined): boolean {
  return t?.kind === 'word' || t?.kind === 'quoted' || t?.kind === 'string';
}
