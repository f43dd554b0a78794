import { CatdbError } from '../errors.js';
import { pgTypeName } from '../mapping/pg-type-name.js';
import type { TablePlan } from './migration-plan.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../pg/quote-ident.js';

/** The integer type behind each serial pseudo-type. */
const SERIAL_BASE: Record<string, string> = { smallserial: 'smallint', serial: 'integer', bigserial: 'bigint' };

/**
 * CREATE TABLE for the load, as statements to send one at a time: columns, NOT NULL and defaults only. Keys, indexes and
 * constraints come after the data (see the plan's postLoad), which is much faster.
 * A serial column whose sequence the plan names gets what `serial` stands for, spelled
 * out under that name: CREATE SEQUENCE, the nextval default, and OWNED BY.
 */
export function renderCreateTable(schema: string, table: TablePlan): string[] {
  const sequence = table.serialColumn?.sequence;
  const explicit = sequence === undefined ? undefined : table.columns.find((c) => c.target === table.serialColumn!.target && SERIAL_BASE[c.pgType]);
  const cols = table.columns.map((c) => {
    if (c === explicit) return `  ${quoteIdent(c.target)} ${SERIAL_BASE[c.pgType]} NOT NULL DEFAULT nextval(${quoteLiteral(quoteQualified(schema, sequence!))}::regclass)`;
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
  const create = `CREATE TABLE ${quoteQualified(schema, table.target)} (\n${cols.join(',\n')}\n)`;
  if (!explicit) return [create];
  // https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-SERIAL
  const seq = quoteQualified(schema, sequence!);
  return [`CREATE SEQUENCE ${seq} AS ${SERIAL_BASE[explicit.pgType]}`, create, `ALTER SEQUENCE ${seq} OWNED BY ${quoteQualified(schema, table.target)}.${quoteIdent(explicit.target)}`];
}
