import type { SqliteToken } from './lex-sqlite.js';
import { isName, isOp, isWord } from './token-predicates.js';

/**
 * Reads `CREATE [TEMP | TEMPORARY] <kind> [IF NOT EXISTS] [schema.]name` from the start of
 * `tokens`: the index of the first token after the name, or undefined when the statement does
 * not start so. `kind` is the object keyword, e.g. `VIEW` or `TRIGGER`.
 */
export function readCreateHeader(tokens: readonly SqliteToken[], kind: string): number | undefined {
  let i = 0;
  const word = (upper: string): boolean => isWord(tokens[i], upper) && ++i > 0;
  if (!word('CREATE')) return undefined;
  if (!word('TEMP')) word('TEMPORARY');
  if (!word(kind)) return undefined;
  if (word('IF') && !(word('NOT') && word('EXISTS'))) return undefined;
  if (!isName(tokens[i])) return undefined;
  i++;
  if (isOp(tokens[i], '.')) {
    if (!isName(tokens[i + 1])) return undefined;
    i += 2;
  }
  return i;
}
