import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import { parseCreateView } from '../sqlite/parse-create-view.js';
import { translateTokens, type TranslateOptions } from '../translate/translate-sqlite-sql.js';
import { foldIdentifier, type IdentifierMode } from './fold-identifier.js';
import type { ViewPlan } from './migration-plan.js';

/** CREATE VIEW with the query translated, and the view's own column names if it gives them. */
export function planView(source: string, sql: string, schema: string, mode: IdentifierMode, context: Omit<TranslateOptions, 'identifiers'> = {}): ViewPlan | { untranslated: string } {
  const parsed = parseCreateView(sql);
  if (!parsed) return { untranslated: 'its CREATE VIEW statement could not be read' };
  const query = translateTokens(parsed.query, { identifiers: mode, ...context });
  if ('untranslated' in query) return query;
  if (parsed.columns.some((c) => c.length === 0)) return { untranslated: 'it names a column with an empty name' };
  const target = foldIdentifier(source, mode);
  const columns = parsed.columns.length > 0 ? ` (${parsed.columns.map((c) => quoteIdent(foldIdentifier(c, mode))).join(', ')})` : '';
  return { source, target, sourceSql: sql, sql: `CREATE VIEW ${quoteQualified(schema, target)}${columns} AS ${query.sql}`, ...(query.compat ? { compat: query.compat } : {}) };
}
