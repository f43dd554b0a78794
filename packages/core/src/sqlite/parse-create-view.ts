import { lexSqlite, type SqliteToken } from './lex-sqlite.js';
import { closing, nameOf } from './parse-create-table.js';
import { readCreateHeader } from './read-create-header.js';
import { isName, isOp, isWord } from './token-predicates.js';

export interface ParsedCreateView {
  /** Column names from `CREATE VIEW v(a, b) AS …`; empty when the view names none. */
  columns: string[];
  /** The tokens of the query after AS (without a trailing `;`). */
  query: SqliteToken[];
}

/**
 * Splits `CREATE [TEMP] VIEW [IF NOT EXISTS] [schema.]name [(columns)] AS query` into its
 * column names and query, by SQLite's tokens. Undefined when the text is not shaped so.
 */
export function parseCreateView(sql: string): ParsedCreateView | undefined {
  const tokens = lexSqlite(sql);
  const afterName = readCreateHeader(tokens, 'VIEW');
  if (afterName === undefined) return undefined;
  let i = afterName;
  const word = (upper: string): boolean => isWord(tokens[i], upper) && ++i > 0;
  const columns: string[] = [];
  if (isOp(tokens[i], '(')) {
    const close = closing(tokens, i);
    for (let k = i + 1; k < close; k += 2) {
      if (!isName(tokens[k]) || !(k + 1 === close || isOp(tokens[k + 1], ','))) return undefined;
      columns.push(nameOf(tokens[k]!));
    }
    i = close + 1;
  }
  if (!word('AS')) return undefined;
  const end = isOp(tokens.at(-1), ';') ? tokens.length - 1 : tokens.length;
  return { columns, query: tokens.slice(i, end) };
}
