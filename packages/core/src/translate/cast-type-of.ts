import { affinityOf } from '../sqlite/parse-declared-type.js';
import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { CAST_TYPES } from './sql-words.js';

/**
 * The type of CAST(x AS type) whose type starts at i: SQLite's affinity of whatever the type
 * says, as a PostgreSQL type, and the index of the type's last token.
 */
export function castTypeOf(tokens: readonly SqliteToken[], i: number): { type: string; end: number } | { untranslated: string } {
  let depth = 0;
  let j = i;
  const words: string[] = [];
  const op = (t: SqliteToken, text: string): boolean => t.kind === 'operator' && t.text === text;
  for (; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (op(t, ')') && depth === 0) break;
    if (op(t, '(')) depth++;
    else if (op(t, ')')) depth--;
    else if (t.kind === 'word' || t.kind === 'quoted' || t.kind === 'string') words.push(t.value);
    else if (!(t.kind === 'number' || op(t, ',') || op(t, '+') || op(t, '-'))) return { untranslated: `it casts to a type written ${JSON.stringify(t.text)}` };
  }
  if (words.length === 0) return { untranslated: 'it casts to a type it does not name' };
  return { type: CAST_TYPES[affinityOf(words.join(' '))]!, end: j - 1 };
}
