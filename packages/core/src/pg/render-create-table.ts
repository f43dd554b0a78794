import { CatdbError } from '../errors.js';
import { pgTypeName } from '../mapping/pg-type-name.js';
import type { TablePlan } from '../plan/migration-plan.js';
import { quoteIdent, quoteQualified } from './quote-ident.js';

/**
 * CREATE TABLE for the load: columns, NOT NULL and defaults only. Keys, indexes and
 * constraints come after the data (see the plan's postLoad), which is much faster.
 */
export function renderCreateTable(schema: string, table: TablePlan): string {
  const cols = table.columns.map((c) => {
    const type = pgTypeName(c.pgType);
    if (type === undefined) {
      throw new CatdbError('MAP_UNSUPPORTED', `Column ${table.source}.${c.source} has a target type catdb cannot write: ${JSON.stringify(c.pgType)}`, {
        hint: 'Give the column a plain type name with a --cast rule, e.g. --cast "column t.c to text".',
        details: { table: table.source, column: c.source, pgType: c.pgType },
      });
    }
    let line = `  ${quoteIdent(c.target)} ${type}`;
    if (c.notNull && !/serial/.test(c.pgType)) line += ' NOT NULL';
    if (c.defaultSql !== undefined) line += ` DEFAULT ${c.defaultSql}`;
    return line;
  });
  return `CREATE TABLE ${quoteQualified(schema, table.target)} (\n${cols.join(',\n')}\n)`;
}
