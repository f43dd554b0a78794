import { lexSqlite, type SqliteToken } from './lex-sqlite.js';
import { closing, nameOf } from './parse-create-table.js';

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
  let i = 0;
  const word = (upper: string): boolean => tokens[i]?.kind === 'word' && tokens[i]!.text.toUpperCase() === upper && ++i > 0;
  if (!word('CREATE')) return undefined;
  if (!word('TEMP')) word('TEMPORARY');
  if (!word('VIEW')) return undefined;
  if (word('IF') && !(word('NOT') && word('EXISTS'))) return undefined;
  if (!isName(tokens[i])) return undefined;
  i++;
  if (isOp(tokens[i], '.')) {
    if (!isName(tokens[i + 1])) return undefined;
    i += 2;
  }
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

function isName(t: SqliteToken | undefined): boolean {
  return t?.kind === 'word' || t?.kind === 'quoted' || t?.kind === 'string';
}

function isOp(t: SqliteToken | undefined, text: string): boolean {
  return t?.kind === 'operator' && t.text === text;
}
