import { quoteBytea, quoteLiteral } from '../pg/quote-ident.js';
import { closing } from '../sqlite/parse-create-table.js';
import { lexSqlite } from '../sqlite/lex-sqlite.js';
import { normalizeSqliteNumber } from './normalize-sqlite-number.js';
import { mapNowDefault } from './map-now-default.js';
import type { ValueKind } from '../mapping/value-kind.js';

export type DefaultMapping = { sql: string } | { dropped: string; reason: string } | { none: true };

const NOW_UTC: Partial<Record<ValueKind, string>> = {
  timestamptz: 'CURRENT_TIMESTAMP',
  // SQLite's CURRENT_TIMESTAMP is UTC; a timestamp column keeps that meaning.
  timestamp: "(now() AT TIME ZONE 'UTC')",
  date: "((now() AT TIME ZONE 'UTC')::date)",
  time: "((now() AT TIME ZONE 'UTC')::time)",
  text: "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
  integer: 'extract(epoch FROM now())::bigint',
};
const NOW_LOCAL: Partial<Record<ValueKind, string>> = {
  timestamptz: 'CURRENT_TIMESTAMP',
  timestamp: 'LOCALTIMESTAMP',
  date: 'CURRENT_DATE',
  time: 'LOCALTIME',
  text: "to_char(LOCALTIMESTAMP, 'YYYY-MM-DD HH24:MI:SS')",
};

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

  const now = (local: boolean): DefaultMapping => {
    const sql = (local ? NOW_LOCAL : NOW_UTC)[kind];
    return sql ? { sql } : { dropped: defaultSql, reason: `a current-time default does not fit a ${kind} column` };
  };
  if (upper === 'CURRENT_TIMESTAMP' || /^DATETIME\('NOW'\)$/.test(upper) || /^STRFTIME\('%Y-%M-%D%H:%M:%(S|F)','NOW'\)$/.test(upper)) return now(false);
  if (/^(DATETIME|STRFTIME\('[^']*'),?'NOW','LOCALTIME'\)$/.test(upper) || /^DATETIME\('NOW','LOCALTIME'\)$/.test(upper)) return now(true);
  if (upper === 'CURRENT_DATE' || /^DATE\('NOW'\)$/.test(upper)) return kind === 'timestamptz' || kind === 'timestamp' || kind === 'date' || kind === 'text' ? { sql: kind === 'text' ? "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : NOW_UTC.date! } : { dropped: defaultSql, reason: `a current-date default does not fit a ${kind} column` };
  if (upper === 'CURRENT_TIME' || /^TIME\('NOW'\)$/.test(upper)) return kind === 'time' || kind === 'text' ? { sql: kind === 'text' ? "to_char(now() AT TIME ZONE 'UTC', 'HH24:MI:SS')" : NOW_UTC.time! } : { dropped: defaultSql, reason: `a current-time default does not fit a ${kind} column` };
  if (/^STRFTIME\('%S','NOW'\)$/.test(upper)) return kind === 'integer' || kind === 'text' ? { sql: kind === 'integer' ? NOW_UTC.integer! : "extract(epoch FROM now())::bigint::text" } : { dropped: defaultSql, reason: 'a unix-time default does not fit this column' };

  const literal = readLiteral(expr);
  if (literal === undefined) return { dropped: defaultSql, reason: 'expression with no PostgreSQL translation' };
  return literalDefault(literal, kind, defaultSql);
}

type Literal = { type: 'number'; text: string } | { type: 'string'; value: string } | { type: 'blob'; hex: string } | { type: 'bool'; value: boolean };

/** A literal read with SQLite's own tokens (comments, `1_000`, `0x1F` and all), or undefined for any other expression. */
function readLiteral(expr: string): Literal | undefined {
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

const TRUE_WORDS = new Set(['1', 't', 'true', 'y', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'f', 'false', 'n', 'no', 'off']);

function literalDefault(lit: Literal, kind: ValueKind, original: string): DefaultMapping {
  const text = lit.type === 'number' ? lit.text : lit.type === 'string' ? lit.value : lit.type === 'bool' ? (lit.value ? 'true' : 'false') : undefined;
  const drop = (reason: string): DefaultMapping => ({ dropped: original, reason });
  switch (kind) {
    case 'boolean': {
      const t = text?.trim().toLowerCase();
      if (t !== undefined && TRUE_WORDS.has(t)) return { sql: 'true' };
      if (t !== undefined && FALSE_WORDS.has(t)) return { sql: 'false' };
      return drop('not a boolean value');
    }
    case 'integer':
      if (text !== undefined && /^-?\d+$/.test(text.trim())) return { sql: text.trim() };
      if (lit.type === 'bool') return { sql: lit.value ? '1' : '0' };
      return drop('not an integer');
    case 'float':
    case 'numeric':
      if (text !== undefined && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return { sql: text.trim() };
      return drop('not a number');
    case 'text':
      if (text !== undefined) return { sql: quoteLiteral(text) };
      return drop('a BLOB default on a text column');
    case 'bytea':
      if (lit.type === 'blob') return { sql: quoteBytea(lit.hex) };
      // Text becomes its UTF-8 bytes, as the load carries text into bytea (bytea input would read `\x…` as hex).
      if (text !== undefined) return { sql: quoteBytea(Buffer.from(text, 'utf8').toString('hex')) };
      return drop('not bytes');
    case 'timestamptz':
    case 'timestamp':
      if (lit.type === 'number' && /^-?\d+$/.test(lit.text)) {
        // A JavaScript Date reaches 8.64e15 ms either side of 1970; beyond it there is no date to write.
        const date = new Date(Number(lit.text) * 1000);
        if (Number.isNaN(date.getTime())) return drop('a unix time beyond any date');
        const iso = date.toISOString().replace('T', ' ').replace('Z', '');
        return { sql: kind === 'timestamptz' ? `'${iso}+00'` : `'${iso}'` };
      }
      if (lit.type === 'string' && /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/.test(lit.value)) {
        return { sql: quoteLiteral(kind === 'timestamptz' && !/(Z|[+-]\d{2}(:?\d{2})?)$/.test(lit.value) ? `${lit.value}+00` : lit.value) };
      }
      return drop('not a date/time literal');
    case 'date':
      if (lit.type === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(lit.value)) return { sql: quoteLiteral(lit.value) };
      return drop('not a date literal');
    case 'time':
      if (lit.type === 'string' && /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(lit.value)) return { sql: quoteLiteral(lit.value) };
      return drop('not a time literal');
    case 'jsonb':
    case 'json':
      if (text !== undefined && isJson(text)) return { sql: `${quoteLiteral(text)}::${kind}` };
      return drop('not valid JSON');
    case 'uuid':
      if (text !== undefined && /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(text)) return { sql: `${quoteLiteral(text)}::uuid` };
      return drop('not a UUID');
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
