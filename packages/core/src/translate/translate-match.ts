import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { isWord } from '../sqlite/token-predicates.js';
import { globToSimilar, likeForPg } from './rewrite-patterns.js';

/** Operators that bind no tighter than GLOB, so a pattern before them stands alone. */
const COMPARISON_LEVEL = new Set(['=', '==', '!=', '<>', '<', '<=', '>', '>=']);

/**
 * The PostgreSQL keywords for SQLite's LIKE, GLOB, REGEXP or MATCH operator at i, and the
 * value the string pattern after it takes. LIKE is ILIKE (SQLite's ignores ASCII case); with
 * no ESCAPE clause a literal pattern's backslashes are doubled, as SQLite's LIKE has no escape
 * character. `x GLOB 'pattern'` is SIMILAR TO; any other GLOB, REGEXP or MATCH is untranslated.
 */
export function translateMatch(tokens: readonly SqliteToken[], i: number, upper: string): { keywords: string[]; pattern?: string } | { untranslated: string } {
  const pattern = tokens[i + 1];
  if (upper === 'LIKE') {
    const escapes = tokens.some((t) => isWord(t, 'ESCAPE'));
    return pattern?.kind === 'string' && !escapes ? { keywords: ['ILIKE'], pattern: likeForPg(pattern.value) } : { keywords: ['ILIKE'] };
  }
  const after = tokens[i + 2];
  const alone = after === undefined || !(after.kind === 'operator' && after.text !== ')' && after.text !== ',') || COMPARISON_LEVEL.has(after.text);
  const collated = isWord(after, 'COLLATE');
  const similar = upper === 'GLOB' && pattern?.kind === 'string' && alone && !collated ? globToSimilar(pattern.value) : undefined;
  if (similar === undefined) return { untranslated: `it uses SQLite's ${upper} operator${upper === 'GLOB' ? ' with a pattern that is not a plain string' : ''}, which PostgreSQL does not have` };
  return { keywords: ['SIMILAR', 'TO'], pattern: similar };
}
