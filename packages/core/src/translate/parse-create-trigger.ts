import { closing, nameOf } from '../sqlite/parse-create-table.js';
import { lexSqlite, type SqliteToken } from '../sqlite/lex-sqlite.js';
import { readCreateHeader } from '../sqlite/read-create-header.js';
import { isName, isOp, isWord } from '../sqlite/token-predicates.js';

/** A CREATE TRIGGER cut into its parts, by SQLite's tokens (https://www.sqlite.org/lang_createtrigger.html). */
export interface ParsedTrigger {
  /** SQLite's default is BEFORE. */
  timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF';
  event: 'INSERT' | 'UPDATE' | 'DELETE';
  /** `UPDATE OF a, b`: the source column names; empty for any column. */
  ofColumns: string[];
  table: string;
  /** The tokens of the WHEN condition; empty when there is none. */
  when: SqliteToken[];
  /** The body's statements, each without its `;`. */
  statements: SqliteToken[][];
}

/** The parts of a CREATE TRIGGER, or why its text is not shaped as SQLite's grammar says. */
export function parseCreateTrigger(sql: string): ParsedTrigger | { untranslated: string } {
  if (sql.includes('\u0000')) return { untranslated: 'it contains a NUL character' };
  const tokens = lexSqlite(sql);
  const bad = { untranslated: 'its CREATE TRIGGER statement could not be read' };
  const afterName = readCreateHeader(tokens, 'TRIGGER');
  if (afterName === undefined) return bad;
  let i = afterName;
  const word = (upper: string): boolean => isWord(tokens[i], upper) && ++i > 0;
  let timing: ParsedTrigger['timing'] = 'BEFORE';
  if (word('BEFORE')) timing = 'BEFORE';
  else if (word('AFTER')) timing = 'AFTER';
  else if (word('INSTEAD')) {
    if (!word('OF')) return bad;
    timing = 'INSTEAD OF';
  }
  const event = word('INSERT') ? 'INSERT' : word('UPDATE') ? 'UPDATE' : word('DELETE') ? 'DELETE' : undefined;
  if (!event) return bad;
  const ofColumns: string[] = [];
  if (event === 'UPDATE' && word('OF')) {
    for (;;) {
      if (!isName(tokens[i])) return bad;
      ofColumns.push(nameOf(tokens[i++]!));
      if (!isOp(tokens[i], ',')) break;
      i++;
    }
  }
  if (!word('ON') || !isName(tokens[i])) return bad;
  let table = nameOf(tokens[i++]!);
  if (isOp(tokens[i], '.')) {
    if (!isName(tokens[i + 1])) return bad;
    table = nameOf(tokens[i + 1]!);
    i += 2;
  }
  if (word('FOR') && !(word('EACH') && word('ROW'))) return bad;
  let when: SqliteToken[] = [];
  if (word('WHEN')) {
    const begin = findBegin(tokens, i);
    if (begin < 0) return bad;
    when = tokens.slice(i, begin);
    i = begin;
  }
  if (!word('BEGIN')) return bad;
  const last = isOp(tokens.at(-1), ';') ? tokens.length - 2 : tokens.length - 1;
  if (!isWord(tokens[last], 'END') || last < i) return bad;
  const statements: SqliteToken[][] = [];
  let start = i;
  for (let k = i; k < last; k++) {
    if (isOp(tokens[k], '(')) k = closing(tokens, k);
    else if (isOp(tokens[k], ';')) {
      if (k > start) statements.push(tokens.slice(start, k));
      start = k + 1;
    }
  }
  if (start < last) return { untranslated: 'its last statement has no ;' };
  if (statements.length === 0) return { untranslated: 'its body is empty' };
  return { timing, event, ofColumns, table, when, statements };
}

/** The BEGIN that opens the body: the first one outside parentheses. */
function findBegin(tokens: readonly SqliteToken[], from: number): number {
  for (let k = from; k < tokens.length; k++) {
    if (isOp(tokens[k], '(')) k = closing(tokens, k);
    else if (isWord(tokens[k], 'BEGIN')) return k;
  }
  return -1;
}
