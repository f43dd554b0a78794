import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import { parseCreateView } from '../sqlite/parse-create-view.js';
import { translateTokens, type TranslateOptions } from '../translate/translate-sqlite-sql.js';
import { foldIdentifier, type IdentifierMode } from '../pg/fold-identifier.js';
import type { ViewPlan } from './migration-plan.js';

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_$ ]*$/;

/** SQLite's column names when one of them is not a plain name and all stay distinct in PostgreSQL; else none. */
function expressionNamed(columns: readonly string[], mode: IdentifierMode): readonly string[] {
  if (columns.every((c) => PLAIN_NAME.test(c))) return [];
  const folded = columns.map((c) => foldIdentifier(c, mode));
  return folded.every((c) => c.length > 0) && new Set(folded).size === folded.length ? columns : [];
}

/**
 * CREATE VIEW with the query translated, and the view's own column names if it gives them.
 * Where SQLite names a column after its expression (`date(d)`, `0`, `id:1`), `sqliteColumns`
 * (SQLite's names for the view's columns) become the column list: PostgreSQL would name such
 * columns `date` or `?column?`, twice over, and refuse the view.
 */
export function planView(source: string, sql: string, schema: string, mode: IdentifierMode, context: Omit<TranslateOptions, 'identifiers'> = {}, sqliteColumns?: readonly string[]): ViewPlan | { untranslated: string } {
  const parsed = parseCreateView(sql);
  if (!parsed) return { untranslated: 'its CREATE VIEW statement could not be read' };
  const query = translateTokens(parsed.query, { identifiers: mode, ...context });
  if ('untranslated' in query) return query;
  if (parsed.columns.some((c) => c.length === 0)) return { untranslated: 'it names a column with an empty name' };
  const target = foldIdentifier(source, mode);
  const named = parsed.columns.length > 0 ? parsed.columns : expressionNamed(sqliteColumns ?? [], mode);
  const columns = named.length > 0 ? ` (${named.map((c) => quoteIdent(foldIdentifier(c, mode))).join(', ')})` : '';
  return { source, target, sourceSql: sql, sql: `CREATE VIEW ${quoteQualified(schema, target)}${columns} AS ${query.sql}`, ...(query.compat ? { compat: query.compat } : {}) };
}
