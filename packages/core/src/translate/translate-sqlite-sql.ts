import type { IdentifierMode } from '../pg/fold-identifier.js';
import { lexSqlite, type SqliteToken } from '../sqlite/lex-sqlite.js';
import { renderPgTokens } from './render-pg-tokens.js';
import { OPERATOR_MAP } from './sql-words.js';

export interface TranslateOptions {
  /** How names are folded, as for the tables and columns of the plan. */
  identifiers: IdentifierMode;
  /** Lower-case names of boolean columns: a 0/1 compared with one becomes false/true. */
  booleans?: ReadonlySet<string>;
  /**
   * The kind (see ValueKind) of columns by lower-case name, where it is certain: a number
   * compared with a text column is read as text, as SQLite's affinity does, and a compound
   * SELECT that unites text with another kind carries that column as text.
   */
  kinds?: ReadonlyMap<string, string>;
  /**
   * Whether SQLite functions PostgreSQL lacks may call catdb's own in the `catdb_sqlite`
   * schema (see compatStatements); without, what needs them is untranslated. Default false.
   */
  compatFunctions?: boolean;
  /**
   * PostgreSQL names of columns that do not get their folded name (two names equal in
   * their first 63 bytes, see planColumnNames), by lower-case SQLite name.
   */
  renames?: ReadonlyMap<string, string>;
}

/**
 * The PostgreSQL text and the catdb_sqlite functions it calls, or why the object cannot be
 * translated (it is then left out and reported).
 */
export type Translation = { sql: string; compat?: readonly string[] } | { untranslated: string };

/**
 * Translates a SQLite expression or query (a CHECK, an index term or predicate, a view
 * body) into PostgreSQL, token by token: nothing of the source text is copied. Names are
 * folded and re-quoted, strings and blobs re-rendered as literals, numbers normalised,
 * operators, keywords and function names taken from allow-lists; comments are dropped and
 * tokens are separated so that no two can fuse into another PostgreSQL token. A `;`, a
 * parameter, a character SQLite rejects or an operator PostgreSQL lacks makes the result
 * `untranslated`, with the reason. Rewrites where the meaning is certain: `==` → `=`,
 * ifnull → coalesce, instr → strpos, two-argument min/max → least/greatest, a 0/1 compared
 * with a boolean column → false/true, CAST types by SQLite's affinity rules.
 */
export function translateSqliteSql(sql: string, options: TranslateOptions): Translation {
  if (sql.includes('\u0000')) return { untranslated: 'it contains a NUL character' };
  return translateTokens(lexSqlite(sql), options);
}

/** translateSqliteSql for tokens already cut by lexSqlite (the query of a CREATE VIEW). */
export function translateTokens(tokens: readonly SqliteToken[], options: TranslateOptions): Translation {
  if (tokens.length === 0) return { untranslated: 'it is empty' };
  const refused = tokens.map(refusal).find((r) => r !== undefined);
  if (refused) return { untranslated: refused };
  return renderPgTokens(tokens, options);
}

function refusal(t: SqliteToken): string | undefined {
  const shown = JSON.stringify(t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text);
  if (t.kind === 'variable') return `it holds a parameter (${shown})`;
  if (t.kind === 'illegal') return `it holds ${shown}, which SQLite does not accept as SQL`;
  if (t.kind === 'operator' && t.text === ';') return 'it holds a statement separator (;)';
  if (t.kind === 'operator' && OPERATOR_MAP[t.text] === undefined) return `it uses SQLite's ${t.text} operator, which PostgreSQL does not have`;
  return undefined;
}
