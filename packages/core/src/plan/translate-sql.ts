import { quoteIdent } from '../pg/quote-ident.js';
import { tokenize, unquoteIdent } from '../sqlite/parse-create-table.js';
import { foldIdentifier, type IdentifierMode } from './fold-identifier.js';

const FUNCTION_RENAMES: Record<string, string> = { ifnull: 'coalesce', instr: 'strpos' };

/**
 * Rewrites a SQLite expression or query for PostgreSQL where the rewrite is certain:
 * quoted identifiers ("x", [x], `x`) become PostgreSQL-quoted folded names, unquoted
 * identifiers are folded the same way, `==` becomes `=`, a few functions are renamed.
 * Anything else is left as is; PostgreSQL then accepts it or the caller reports it
 * with its SQL. String literals are never touched.
 */
export function translateSql(sql: string, mode: IdentifierMode): string {
  let out = '';
  let last = 0;
  const tokens = flatTokens(sql);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    out += sql.slice(last, t.start);
    last = t.end;
    if (t.kind === 'ident') {
      out += quoteIdent(foldIdentifier(unquoteIdent(t.text), mode));
    } else if (t.kind === 'punct' && t.text === '=' && tokens[i + 1]?.text === '=' && tokens[i + 1]!.start === t.end) {
      out += '=';
      last = tokens[i + 1]!.end;
      i++;
    } else if (t.kind === 'word' && tokens[i + 1]?.text === '(' && FUNCTION_RENAMES[t.text.toLowerCase()]) {
      out += FUNCTION_RENAMES[t.text.toLowerCase()];
    } else if (t.kind === 'word' && mode === 'preserve' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(t.text) && /[A-Z]/.test(t.text) && !KEYWORDS.has(t.text.toUpperCase())) {
      // Preserved mixed-case names must be quoted, or PostgreSQL folds them.
      out += quoteIdent(t.text);
    } else {
      out += t.text;
    }
  }
  return out + sql.slice(last);
}

/** Tokens of the whole text, descending into parentheses. */
function flatTokens(sql: string): { text: string; kind: string; start: number; end: number }[] {
  const result: { text: string; kind: string; start: number; end: number }[] = [];
  for (const t of tokenize(sql)) {
    if (t.kind === 'group') {
      result.push({ text: '(', kind: 'punct', start: t.start, end: t.start + 1 });
      for (const inner of flatTokens(t.text.slice(1, -1))) result.push({ ...inner, start: inner.start + t.start + 1, end: inner.end + t.start + 1 });
      result.push({ text: ')', kind: 'punct', start: t.end - 1, end: t.end });
    } else result.push(t);
  }
  return result;
}

const KEYWORDS = new Set(
  'SELECT FROM WHERE AND OR NOT NULL IS IN AS ON JOIN LEFT RIGHT INNER OUTER CROSS FULL GROUP BY ORDER HAVING LIMIT OFFSET UNION ALL DISTINCT CASE WHEN THEN ELSE END LIKE BETWEEN EXISTS ASC DESC CAST INTEGER TEXT REAL COUNT SUM AVG MIN MAX COALESCE TRUE FALSE WITH VALUES USING NATURAL EXCEPT INTERSECT COLLATE ESCAPE GLOB LOWER UPPER LENGTH SUBSTR ROUND ABS'.split(' '),
);
