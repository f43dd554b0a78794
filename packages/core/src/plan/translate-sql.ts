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
export function translateSql(sql: string, mode: IdentifierMode, booleans: ReadonlySet<string> = new Set()): string {
  let out = '';
  let last = 0;
  const tokens = flatTokens(sql);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    out += sql.slice(last, t.start);
    last = t.end;
    const bool = booleanLiteral(tokens, i, booleans);
    if (bool !== undefined) {
      out += bool;
    } else if (t.kind === 'ident') {
      out += quoteIdent(foldIdentifier(unquoteIdent(t.text), mode));
    } else if (t.kind === 'punct' && t.text === '=' && tokens[i + 1]?.text === '=' && tokens[i + 1]!.start === t.end) {
      out += '=';
      last = tokens[i + 1]!.end;
      i++;
    } else if (t.kind === 'word' && tokens[i + 1]?.text === '(' && FUNCTION_RENAMES[t.text.toLowerCase()]) {
      out += FUNCTION_RENAMES[t.text.toLowerCase()];
    } else if (t.kind === 'word' && mode === 'preserve' && /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(t.text) && /[A-Z]/.test(t.text)) {
      // Preserved mixed-case names must be quoted, or PostgreSQL folds them (each part of t.Col too).
      out += t.text
        .split('.')
        .map((part) => (/[A-Z]/.test(part) && !KEYWORDS.has(part.toUpperCase()) ? quoteIdent(part) : part))
        .join('.');
    } else {
      out += t.text;
    }
  }
  return out + sql.slice(last);
}

type Tok = { text: string; kind: string; start: number; end: number };
const COMPARE = new Set(['=', '==', '!=', '<>']);

/**
 * SQLite compares booleans with 0/1 (`is_favorite = 1`); PostgreSQL has no boolean =
 * integer operator. A 0/1 literal compared with a column known to be boolean becomes
 * false/true.
 */
function booleanLiteral(tokens: Tok[], i: number, booleans: ReadonlySet<string>): string | undefined {
  const t = tokens[i]!;
  if (booleans.size === 0 || t.kind !== 'word' || (t.text !== '0' && t.text !== '1')) return undefined;
  const isBool = (tok: Tok | undefined): boolean => tok !== undefined && (tok.kind === 'word' || tok.kind === 'ident') && booleans.has(unquoteIdent(tok.text).toLowerCase().split('.').pop()!);
  const op = (a: Tok | undefined, b: Tok | undefined): string | undefined => (a && b && b.start === a.end && b.kind === 'punct' ? a.text + b.text : a?.text);
  // col = 1 / col == 1 / col <> 1
  const before1 = tokens[i - 1];
  const before2 = tokens[i - 2];
  if (before1 && COMPARE.has(before1.text) && isBool(before2)) return t.text === '1' ? 'true' : 'false';
  if (before1 && before2 && COMPARE.has(op(before2, before1) ?? '') && isBool(tokens[i - 3])) return t.text === '1' ? 'true' : 'false';
  // 1 = col
  const after1 = tokens[i + 1];
  const after2 = tokens[i + 2];
  if (after1 && COMPARE.has(after1.text) && isBool(after2)) return t.text === '1' ? 'true' : 'false';
  if (after1 && after2 && COMPARE.has(op(after1, after2) ?? '') && isBool(tokens[i + 3])) return t.text === '1' ? 'true' : 'false';
  return undefined;
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
