import { lexSqlite, type SqliteToken } from './lex-sqlite.js';
import { isOp, isWord } from './token-predicates.js';

/**
 * Reads what SQLite's PRAGMAs do not expose from a CREATE TABLE statement: CHECK
 * constraints, generated-column expressions, constraint names, AUTOINCREMENT.
 * Not a full SQL parser: it walks SQLite's own tokens (lexSqlite) and their parentheses,
 * and hands expressions on as source text for the translator.
 */
export interface ParsedCreateTable {
  /** By {@link columnKey} of the name. */
  columns: Map<string, ParsedColumn>;
  checks: { name?: string; expression: string }[];
  primaryKeyName?: string;
  autoincrement: boolean;
  /**
   * Each foreign key clause (`REFERENCES …`, of a column or a table constraint) in the order
   * written: whether it is DEFERRABLE INITIALLY DEFERRED, which no PRAGMA reports.
   */
  foreignKeys: { deferred: boolean }[];
}

export interface ParsedColumn {
  name: string;
  checks: { name?: string; expression: string }[];
  generated?: { expression: string; stored: boolean };
}

/** A run of tokens, [from, to). */
interface Span {
  from: number;
  to: number;
}

const TABLE_CONSTRAINT = /^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)$/i;

export function parseCreateTable(sql: string): ParsedCreateTable {
  const tokens = lexSqlite(sql);
  const result: ParsedCreateTable = { columns: new Map(), checks: [], autoincrement: tokens.some((t) => isWord(t, 'AUTOINCREMENT')), foreignKeys: [] };
  const open = tokens.findIndex((t) => isOp(t, '('));
  if (open < 0) return result;
  for (const def of splitAtCommas(tokens, { from: open + 1, to: closing(tokens, open) })) {
    const first = tokens[def.from]!;
    const top = topLevel(tokens, def);
    const checks = top.filter((i) => isWord(tokens[i], 'CHECK') && isOp(tokens[i + 1], '(')).map((i) => {
      const name = isWord(tokens[i - 2], 'CONSTRAINT') && i - 2 >= def.from ? nameOf(tokens[i - 1]!) : undefined;
      return { ...(name !== undefined ? { name } : {}), expression: inside(sql, tokens, i + 1) };
    });
    const references = top.filter((i) => isWord(tokens[i], 'REFERENCES'));
    references.forEach((r, n) => result.foreignKeys.push({ deferred: isDeferred(tokens, top.filter((i) => i > r && i < (references[n + 1] ?? def.to))) }));
    const pk = top.find((i) => isWord(tokens[i], 'PRIMARY'));
    if (pk !== undefined && pk - 2 >= def.from && isWord(tokens[pk - 2], 'CONSTRAINT')) result.primaryKeyName = nameOf(tokens[pk - 1]!);
    if (first.kind === 'word' && TABLE_CONSTRAINT.test(first.text)) {
      result.checks.push(...checks);
      continue;
    }
    const column: ParsedColumn = { name: nameOf(first), checks };
    const as = top.find((i) => isWord(tokens[i], 'AS') && isOp(tokens[i + 1], '('));
    if (as !== undefined) {
      const after = tokens[closing(tokens, as + 1) + 1];
      column.generated = { expression: inside(sql, tokens, as + 1), stored: after !== undefined && isWord(after, 'STORED') };
    }
    result.columns.set(columnKey(column.name), column);
  }
  return result;
}

/**
 * A column name as SQLite compares it: case-insensitive for ASCII letters only, so "Ä" and
 * "ä" are two columns (String#toLowerCase would make them one, and drop one's CHECKs).
 */
export function columnKey(name: string): string {
  return name.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** The WHERE clause of a CREATE INDEX statement (partial index), if any. */
export function partialIndexWhere(sql: string): string | undefined {
  const tokens = lexSqlite(sql);
  const at = topLevel(tokens, { from: 0, to: tokens.length }).find((i) => isWord(tokens[i], 'WHERE'));
  if (at === undefined) return undefined;
  const last = tokens.at(-1)!;
  return sql.slice(tokens[at]!.end, isOp(last, ';') ? last.start : sql.length).trim();
}

/**
 * The terms of a CREATE INDEX column list, in order, without the COLLATE and ASC/DESC that
 * PRAGMA index_xinfo reports on its own: the expressions of an expression index.
 */
export function indexColumnTexts(sql: string): string[] {
  const tokens = lexSqlite(sql);
  const top = topLevel(tokens, { from: 0, to: tokens.length });
  const on = top.find((i) => isWord(tokens[i], 'ON'));
  const open = top.find((i) => on !== undefined && i > on && isOp(tokens[i], '('));
  if (open === undefined) return [];
  return splitAtCommas(tokens, { from: open + 1, to: closing(tokens, open) }).map((term) => {
    let to = term.to;
    if (to - 1 > term.from && (isWord(tokens[to - 1], 'ASC') || isWord(tokens[to - 1], 'DESC'))) to--;
    if (to - 2 > term.from && isWord(tokens[to - 2], 'COLLATE')) to -= 2;
    return sql.slice(tokens[term.from]!.start, tokens[to - 1]!.end);
  });
}

/** The name a token spells: SQLite accepts "x", [x], `x`, 'x' and bare words as names here. */
export function nameOf(t: SqliteToken): string {
  return t.kind === 'quoted' || t.kind === 'string' || t.kind === 'word' ? t.value : t.text;
}

/**
 * SQLite's defer_subclause: `DEFERRABLE INITIALLY DEFERRED` defers; `NOT DEFERRABLE …` never
 * does, whatever follows (parse.y).
 */
function isDeferred(tokens: readonly SqliteToken[], clause: readonly number[]): boolean {
  return clause.some((i, k) => isWord(tokens[i], 'DEFERRABLE') && !isWord(tokens[clause[k - 1]!], 'NOT') && isWord(tokens[clause[k + 1]!], 'INITIALLY') && isWord(tokens[clause[k + 2]!], 'DEFERRED'));
}

/** The index of the `)` closing the `(` at `open`, or the token count when it is never closed. */
export function closing(tokens: readonly SqliteToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isOp(tokens[i], '(')) depth++;
    else if (isOp(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length;
}

/** The source text between the `(` at `open` and its `)`. */
function inside(sql: string, tokens: readonly SqliteToken[], open: number): string {
  const close = tokens[closing(tokens, open)];
  return sql.slice(tokens[open]!.end, close ? close.start : sql.length).trim();
}

/** Indexes of the tokens of a span that are not inside parentheses (an opening one is). */
function topLevel(tokens: readonly SqliteToken[], span: Span): number[] {
  const out: number[] = [];
  for (let i = span.from; i < span.to; i++) {
    out.push(i);
    if (isOp(tokens[i], '(')) i = closing(tokens, i);
  }
  return out;
}

/** A span cut at its top-level commas; empty pieces are dropped. */
function splitAtCommas(tokens: readonly SqliteToken[], span: Span): Span[] {
  const parts: Span[] = [];
  let from = span.from;
  for (const i of [...topLevel(tokens, span).filter((k) => isOp(tokens[k], ',')), span.to]) {
    if (i > from) parts.push({ from, to: i });
    from = i + 1;
  }
  return parts;
}

