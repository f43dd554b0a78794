import type { SqliteToken } from '../sqlite/lex-sqlite.js';

/**
 * The arguments of the call whose `(` is at `open`, as token lists split at its own
 * commas, and the index of its `)` (the last token when the parentheses do not close).
 */
export function callArguments(tokens: readonly SqliteToken[], open: number): { args: SqliteToken[][]; close: number } {
  const args: SqliteToken[][] = [];
  let current: SqliteToken[] = [];
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j]!;
    const op = t.kind === 'operator' ? t.text : undefined;
    if (op === '(' && depth++ === 0) continue;
    if (op === ')' && --depth === 0) {
      if (current.length > 0 || args.length > 0) args.push(current);
      return { args, close: j };
    }
    if (op === ',' && depth === 1) {
      args.push(current);
      current = [];
    } else current.push(t);
  }
  return { args: [...args, current], close: tokens.length - 1 };
}
