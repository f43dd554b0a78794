import { codecFor } from '../codec/codec-for.js';
import type { DefaultLiteral } from '../codec/default-literal.js';
import { closing } from '../sqlite/parse-create-table.js';
import { lexSqlite } from '../sqlite/lex-sqlite.js';
import { normalizeSqliteNumber } from './normalize-sqlite-number.js';
import { mapNowDefault } from './map-now-default.js';
import type { ValueKind } from '../codec/value-kind.js';

export type DefaultMapping = { sql: string } | { dropped: string; reason: string } | { none: true };

/**
 * Translates a SQLite DEFAULT (as PRAGMA table_info reports it) for a column of the
 * given kind. What has no faithful PostgreSQL equivalent is dropped with the reason,
 * never guessed.
 */
export function mapDefault(defaultSql: string | undefined, kind: ValueKind): DefaultMapping {
  if (defaultSql === undefined) return { none: true };
  let expr = defaultSql.trim();
  while (expr.startsWith('(') && expr.endsWith(')') && balanced(expr.slice(1, -1))) expr = expr.slice(1, -1).trim();
  const upper = expr.toUpperCase().replace(/\s+/g, '');
  if (upper === 'NULL') return { none: true };
  const fromNow = mapNowDefault(expr, kind);
  if (fromNow) return fromNow;

  const codec = codecFor(kind);
  const utc = (k: ValueKind): string => codecFor(k).now!.utc!;
  const now = (local: boolean): DefaultMapping => {
    const sql = local ? codec.now?.local : codec.now?.utc;
    return sql ? { sql } : { dropped: defaultSql, reason: `a current-time default does not fit a ${kind} column` };
  };
  if (upper === 'CURRENT_TIMESTAMP' || /^DATETIME\('NOW'\)$/.test(upper) || /^STRFTIME\('%Y-%M-%D%H:%M:%(S|F)','NOW'\)$/.test(upper)) return now(false);
  if (/^(DATETIME|STRFTIME\('[^']*'),?'NOW','LOCALTIME'\)$/.test(upper) || /^DATETIME\('NOW','LOCALTIME'\)$/.test(upper)) return now(true);
  if (upper === 'CURRENT_DATE' || /^DATE\('NOW'\)$/.test(upper)) return kind === 'timestamptz' || kind === 'timestamp' || kind === 'date' || kind === 'text' ? { sql: kind === 'text' ? "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : utc('date') } : { dropped: defaultSql, reason: `a current-date default does not fit a ${kind} column` };
  if (upper === 'CURRENT_TIME' || /^TIME\('NOW'\)$/.test(upper)) return kind === 'time' || kind === 'text' ? { sql: kind === 'text' ? "to_char(now() AT TIME ZONE 'UTC', 'HH24:MI:SS')" : utc('time') } : { dropped: defaultSql, reason: `a current-time default does not fit a ${kind} column` };
  if (/^STRFTIME\('%S','NOW'\)$/.test(upper)) return kind === 'integer' || kind === 'text' ? { sql: kind === 'integer' ? utc('integer') : "extract(epoch FROM now())::bigint::text" } : { dropped: defaultSql, reason: 'a unix-time default does not fit this column' };

  const literal = readLiteral(expr);
  if (literal === undefined) return { dropped: defaultSql, reason: 'expression with no PostgreSQL translation' };
  const mapped = codec.literalDefault(literal);
  return 'sql' in mapped ? mapped : { dropped: defaultSql, reason: mapped.reason };
}

/** A literal read with SQLite's own tokens (comments, `1_000`, `0x1F` and all), or undefined for any other expression. */
function readLiteral(expr: string): DefaultLiteral | undefined {
  let tokens = lexSqlite(expr);
  while (tokens[0]?.text === '(' && tokens[0].kind === 'operator' && closing(tokens, 0) === tokens.length - 1) tokens = tokens.slice(1, -1);
  const [first, second] = tokens;
  if (!first) return undefined;
  if (tokens.length === 2 && first.kind === 'operator' && (first.text === '-' || first.text === '+') && second!.kind === 'number') {
    const n = normalizeSqliteNumber(second!.text);
    if (n === undefined) return undefined;
    return { type: 'number', text: first.text === '+' ? n : n.startsWith('-') ? n.slice(1) : `-${n}` };
  }
  if (tokens.length !== 1) return undefined;
  if (first.kind === 'number') {
    const n = normalizeSqliteNumber(first.text);
    return n === undefined ? undefined : { type: 'number', text: n };
  }
  if (first.kind === 'string') return { type: 'string', value: first.value };
  // SQLite accepts a double-quoted string where no column has that name.
  if (first.kind === 'quoted' && first.text.startsWith('"')) return { type: 'string', value: first.value };
  if (first.kind === 'blob') return { type: 'blob', hex: first.value };
  if (first.kind === 'word' && /^(TRUE|FALSE)$/i.test(first.text)) return { type: 'bool', value: /^TRUE$/i.test(first.text) };
  return undefined;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
