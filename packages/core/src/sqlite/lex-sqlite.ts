/**
 * A token of SQL text as SQLite's tokenizer (src/tokenize.c, sqlite3GetToken) cuts it.
 * Whitespace and comments are not tokens here: they separate tokens and are dropped.
 */
export interface SqliteToken {
  kind: SqliteTokenKind;
  /** The token as written in the source. */
  text: string;
  /**
   * What the token means: the name of a `word` or `quoted` identifier without its quotes,
   * a `string` without quotes and with `''` undone, the lower-case hex digits of a `blob`;
   * else the text.
   */
  value: string;
  start: number;
  end: number;
}

/**
 * `word`: bare identifier or keyword (SQLite decides which by grammar). `quoted`: "…", […] or `…`.
 * `illegal`: what SQLite itself rejects (unterminated quotes, a lone `!`, odd blobs, `1abc`, NUL).
 */
export type SqliteTokenKind = 'word' | 'quoted' | 'string' | 'blob' | 'number' | 'variable' | 'operator' | 'illegal';

/**
 * Cuts SQL text into tokens with SQLite's lexical rules, which differ from PostgreSQL's in
 * ways that matter: `/* … *\/` does not nest (and may run unterminated to the end), `--` ends
 * only at LF, `[x]` and `` `x` `` are identifiers, `$x`, `:x`, `@x`, `#x` and `?` are variables.
 * Never throws: what SQLite would refuse becomes an `illegal` token.
 */
export function lexSqlite(source: string): SqliteToken[] {
  const tokens: SqliteToken[] = [];
  // SQLite reads C strings: its text ends at a NUL, which is kept here as one illegal token.
  const nul = source.indexOf('\u0000');
  const sql = nul < 0 ? source : source.slice(0, nul);
  const n = sql.length;
  const push = (kind: SqliteTokenKind, start: number, end: number, value?: string): void => {
    const text = source.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end });
  };
  let i = 0;
  while (i < n) {
    const c = sql[i]!;
    const start = i;
    // A byte-order mark where a token would start is blank to SQLite (CC_BOM in tokenize.c).
    if (isSpace(c) || c === '\uFEFF') {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      i = quotedEnd(sql, i, c);
      if (i > n) push('illegal', start, (i = n));
      else if (c === "'") push('string', start, i, sql.slice(start + 1, i - 1).replaceAll("''", "'"));
      else push('quoted', start, i, sql.slice(start + 1, i - 1).replaceAll(c + c, c));
    } else if (c === '[') {
      const close = sql.indexOf(']', i + 1);
      if (close < 0) push('illegal', start, (i = n));
      else push('quoted', start, (i = close + 1), sql.slice(start + 1, close));
    } else if ((c === 'x' || c === 'X') && sql[i + 1] === "'") {
      i = blobEnd(sql, i, push);
    } else if (isDigit(c) || (c === '.' && isDigit(sql[i + 1]))) {
      i = numberEnd(sql, i, push);
    } else if (isIdStart(c)) {
      while (i < n && isIdChar(sql[i])) i++;
      push('word', start, i);
    } else if (c === '?') {
      i++;
      while (isDigit(sql[i])) i++;
      push('variable', start, i);
    } else if (c === '$' || c === '@' || c === ':' || c === '#') {
      i = variableEnd(sql, i, push);
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      if (op) push('operator', start, (i += op.length));
      else push('illegal', start, (i += 1));
    }
  }
  if (nul >= 0) push('illegal', nul, source.length);
  return tokens;
}

/** Longest first, as tokenize.c matches them. `!` alone is illegal in SQLite. */
const OPERATORS = ['->>', '->', '==', '<=', '<>', '<<', '>=', '>>', '!=', '||', '-', '(', ')', ';', '+', '*', '/', '%', '=', '<', '>', ',', '&', '~', '|', '.'];

/** End of a '…', "…" or `…` token (doubled quote escapes it); past the end when unterminated. */
function quotedEnd(sql: string, i: number, quote: string): number {
  for (let j = i + 1; j < sql.length; j++) {
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) j++;
      else return j + 1;
    }
  }
  return sql.length + 1;
}

/** X'…' with an even number of hex digits; anything else up to the next quote is illegal. */
function blobEnd(sql: string, i: number, push: (kind: SqliteTokenKind, start: number, end: number, value?: string) => void): number {
  let j = i + 2;
  while (isHexDigit(sql[j])) j++;
  if (sql[j] === "'" && (j - i) % 2 === 0) {
    push('blob', i, j + 1, sql.slice(i + 2, j).toLowerCase());
    return j + 1;
  }
  while (j < sql.length && sql[j] !== "'") j++;
  if (j < sql.length) j++;
  push('illegal', i, j);
  return j;
}

/**
 * Digits with `_` separators, a fraction, an exponent; or 0x and hex digits. The separators'
 * placement is checked where the number is read (normalizeSqliteNumber), as SQLite does.
 * Letters straight after a number make the whole run illegal (`1abc`, `0x1g`).
 */
function numberEnd(sql: string, i: number, push: (kind: SqliteTokenKind, start: number, end: number) => void): number {
  const start = i;
  const digits = (test: (c: string | undefined) => boolean): void => {
    while (test(sql[i]) || sql[i] === '_') i++;
  };
  if (sql[i] === '0' && (sql[i + 1] === 'x' || sql[i + 1] === 'X') && isHexDigit(sql[i + 2])) {
    i += 2;
    digits(isHexDigit);
  } else {
    digits(isDigit);
    if (sql[i] === '.') {
      i++;
      digits(isDigit);
    }
    if ((sql[i] === 'e' || sql[i] === 'E') && (isDigit(sql[i + 1]) || ((sql[i + 1] === '+' || sql[i + 1] === '-') && isDigit(sql[i + 2])))) {
      i += 2;
      digits(isDigit);
    }
  }
  if (isIdChar(sql[i])) {
    while (isIdChar(sql[i])) i++;
    push('illegal', start, i);
  } else push('number', start, i);
  return i;
}

/** `$name`, `:name`, `@name`, `#name` (with Tcl's `::` and `(…)` suffixes); a bare sigil is illegal. */
function variableEnd(sql: string, i: number, push: (kind: SqliteTokenKind, start: number, end: number) => void): number {
  const start = i;
  let named = 0;
  for (i++; i < sql.length; i++) {
    const ch = sql[i]!;
    if (isIdChar(ch)) named++;
    else if (ch === '(' && named > 0) {
      while (i + 1 < sql.length && !isSpace(sql[i + 1]!) && sql[i + 1] !== ')') i++;
      if (sql[i + 1] !== ')') {
        push('illegal', start, i + 1);
        return i + 1;
      }
      i += 2;
      break;
    } else if (ch === ':' && sql[i + 1] === ':') i++;
    else break;
  }
  push(named > 0 ? 'variable' : 'illegal', start, i);
  return i;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

/** SQLite treats every byte at or above 0x80 as part of a name, so every non-ASCII character is one too. */
function isIdStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c.charCodeAt(0) >= 0x80);
}

function isIdChar(c: string | undefined): boolean {
  return isIdStart(c) || isDigit(c) || c === '$';
}
