import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { isOp, isWord } from '../sqlite/token-predicates.js';

const COMPARISONS = new Set(['=', '==', '!=', '<>']);

/**
 * The column a literal at i is compared with: `x = 1`, `1 = t.x`, `((t.x)) = 1`, `x IN (0, 1)`
 * or `x NOT IN (…)`; the token is x, the last name of a qualified one. Undefined for any other
 * place of the literal.
 */
export function comparedColumn(tokens: readonly SqliteToken[], i: number): SqliteToken | undefined {
  const compares = (t: SqliteToken | undefined): boolean => t?.kind === 'operator' && COMPARISONS.has(t.text);
  if (compares(tokens[i - 1])) return tokens[unwrapBefore(tokens, i - 2)];
  if (compares(tokens[i + 1])) {
    let after = i + 2;
    while (isOp(tokens[after + 1], '.')) after += 2;
    return tokens[after];
  }
  return listOwner(tokens, i);
}

/** For `((t.x))` ending at j, the index of x; else j. */
function unwrapBefore(tokens: readonly SqliteToken[], j: number): number {
  let inner = j;
  let depth = 0;
  while (isOp(tokens[inner], ')')) {
    inner--;
    depth++;
  }
  if (depth === 0) return j;
  let start = inner;
  while (isOp(tokens[start - 1], '.')) start -= 2;
  for (let d = 0; d < depth; d++) if (!isOp(tokens[start - 1 - d], '(')) return j;
  return inner;
}

/** For a number in `x IN (1, 2, …)` (or NOT IN), the token x. */
function listOwner(tokens: readonly SqliteToken[], i: number): SqliteToken | undefined {
  let j = i - 1;
  while (isOp(tokens[j], ',') && tokens[j - 1]?.kind === 'number') j -= 2;
  if (!isOp(tokens[j], '(') || !isWord(tokens[j - 1], 'IN')) return undefined;
  return tokens[isWord(tokens[j - 2], 'NOT') ? j - 3 : j - 2];
}

