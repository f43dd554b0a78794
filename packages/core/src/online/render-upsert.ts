import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import type { FollowTable } from './follow-plan.js';

/**
 * INSERT … ON CONFLICT (primary key) DO UPDATE every other column. OVERRIDING SYSTEM VALUE:
 * an application's GENERATED ALWAYS identity column takes SQLite's id, as COPY took it.
 */
export function renderUpsert(schema: string, table: FollowTable, from: string): string {
  const cols = table.columns.map((c) => quoteIdent(c.target));
  const others = table.columns.filter((c) => !table.primaryKey.includes(c.target)).map((c) => `${quoteIdent(c.target)} = EXCLUDED.${quoteIdent(c.target)}`);
  const action = others.length > 0 ? `DO UPDATE SET ${others.join(', ')}` : 'DO NOTHING';
  return `INSERT INTO ${quoteQualified(schema, table.target)} (${cols.join(', ')}) OVERRIDING SYSTEM VALUE SELECT ${cols.join(', ')} FROM ${from} ON CONFLICT (${table.primaryKey.map(quoteIdent).join(', ')}) ${action}`;
}
