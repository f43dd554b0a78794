import type { TablePlan } from '../plan/migration-plan.js';
import { quoteIdent, quoteQualified } from './quote-ident.js';

/**
 * CREATE TABLE for the load: columns, NOT NULL and defaults only. Keys, indexes and
 * constraints come after the data (see the plan's postLoad), which is much faster.
 */
export function renderCreateTable(schema: string, table: TablePlan): string {
  const cols = table.columns.map((c) => {
    let line = `  ${quoteIdent(c.target)} ${c.pgType}`;
    if (c.notNull && !/serial/.test(c.pgType)) line += ' NOT NULL';
    if (c.defaultSql !== undefined) line += ` DEFAULT ${c.defaultSql}`;
    return line;
  });
  return `CREATE TABLE ${quoteQualified(schema, table.target)} (\n${cols.join(',\n')}\n)`;
}
