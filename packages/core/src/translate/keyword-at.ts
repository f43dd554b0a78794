import type { SqliteToken } from '../sqlite/lex-sqlite.js';
import { isOp } from '../sqlite/token-predicates.js';
import { JOIN_KEYWORDS, RESERVED_KEYWORDS, VALUE_KEYWORDS, WINDOW_KEYWORDS } from './sql-words.js';

/** What keywordAt needs to know of the rendering so far. */
export interface KeywordContext {
  /** Whether what was rendered last ends a value. */
  endsValue(): boolean;
  /** Whether token i is the word `upper` and was rendered as a keyword. */
  isKeyword(i: number, upper: string): boolean;
  /** Whether the innermost parenthesis is an `OVER (…)` window. */
  inWindow: boolean;
  /** Whether a CASE is open. */
  inCase: boolean;
  }

/** Whether the word at i is a keyword where it stands (SQLite lets most keywords name columns). */
export function keywordAt(tokens: readonly SqliteToken[], i: number, upper: string, at: KeywordContext): boolean {
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const nextUpper = next?.kind === 'word' ? next.text.toUpperCase() : undefined;
  if (RESERVED_KEYWORDS.has(upper) || VALUE_KEYWORDS.has(upper)) return true;
  if (JOIN_KEYWORDS.has(upper)) return startsJoin(tokens, i) && (at.endsValue() || (prev?.kind === 'word' && at.isKeyword(i - 1, prev.text.toUpperCase()) && JOIN_KEYWORDS.has(prev.text.toUpperCase())));
  if (at.inWindow && WINDOW_KEYWORDS.has(upper)) return true;
  switch (upper) {
    case 'BY':
      return at.isKeyword(i - 1, 'GROUP') || at.isKeyword(i - 1, 'ORDER') || at.isKeyword(i - 1, 'PARTITION');
    case 'ASC':
    case 'DESC':
      return at.endsValue() && (next === undefined || isOp(next, ',') || isOp(next, ')') || nextUpper === 'NULLS' || nextUpper === 'LIMIT' || nextUpper === 'OFFSET');
    case 'END':
      return at.inCase && at.endsValue();
    case 'CAST':
      return isOp(next, '(');
    case 'LIKE':
      return at.endsValue() || at.isKeyword(i - 1, 'NOT');
    case 'OFFSET':
      return at.endsValue() && next !== undefined && (next.kind === 'number' || isOp(next, '(') || isOp(next, '-') || isOp(next, '+'));
    case 'WITH':
      return (prev === undefined || isOp(prev, '(')) && (next?.kind === 'word' || next?.kind === 'quoted');
    case 'RECURSIVE':
      return at.isKeyword(i - 1, 'WITH');
    case 'MATERIALIZED':
      return (at.isKeyword(i - 1, 'AS') || at.isKeyword(i - 1, 'NOT')) && isOp(next, '(');
    case 'NULLS':
      return nextUpper === 'FIRST' || nextUpper === 'LAST';
    case 'FIRST':
    case 'LAST':
      return at.isKeyword(i - 1, 'NULLS');
    case 'OVER':
      return isOp(prev, ')') && (isOp(next, '(') || next?.kind === 'word' || next?.kind === 'quoted');
    case 'FILTER':
      return isOp(prev, ')') && isOp(next, '(');
    default:
      return false;
  }
}

/** Whether join words from i on lead to JOIN (`LEFT OUTER JOIN`, `NATURAL JOIN`). */
export function startsJoin(tokens: readonly SqliteToken[], i: number): boolean {
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind !== 'word') return false;
    const upper = t.text.toUpperCase();
    if (upper === 'JOIN') return true;
    if (!JOIN_KEYWORDS.has(upper)) return false;
  }
  return false;
}
