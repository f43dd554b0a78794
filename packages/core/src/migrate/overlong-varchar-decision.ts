import { CatdbError } from '../errors.js';
import type { ColumnPlan, PlanWarning, TablePlan } from '../plan/migration-plan.js';
import type { LoadDecision } from './load-decision.js';

/**
 * For a load that failed because a value is longer than its varchar(n) column: that column
 * as text, and the warning to report; undefined when the failure is something else. Big
 * tables are planned with SQLite's declared lengths taken on trust (SQLite does not enforce
 * them), so the load is where a longer value shows: PostgreSQL refuses it with SQLSTATE
 * 22001 and names the column in its context line; the JavaScript encoder refuses it with
 * the fix `--cast … to text`.
 */
export function overlongVarcharDecision(table: TablePlan, err: unknown): { decision: LoadDecision; warning: PlanWarning } | undefined {
  const column = overlongColumn(table, err);
  if (!column) return undefined;
  const loadedAs: ColumnPlan = { ...column, pgType: 'text', notes: [...column.notes, `values longer than ${column.pgType}: text`] };
  delete loadedAs.maxLength;
  const reason = `holds values longer than its declared ${column.pgType}`;
  return {
    decision: { kind: 'column', table: table.source, column: column.source, declaredAs: column.pgType, pgType: 'text', reason, loadedAs },
    warning: { object: `${table.source}.${column.source}`, message: `${reason}: migrated as text` },
  };
}

function overlongColumn(table: TablePlan, err: unknown): ColumnPlan | undefined {
  const limited = table.columns.filter((c) => c.maxLength !== undefined);
  if (limited.length === 0) return undefined;
  if (err instanceof CatdbError && err.code === 'COPY_VALUE_REJECTED') {
    const d = err.details as { column?: string; castTo?: string } | undefined;
    return d?.castTo === 'text' ? limited.find((c) => c.source === d.column) : undefined;
  }
  const pgErr = ((err as { cause?: unknown }).cause ?? err) as { code?: string; where?: string };
  if (pgErr.code !== '22001' || typeof pgErr.where !== 'string') return undefined;
  // The context reads `COPY t, line 3, column name: "…"`.
  const where = pgErr.where;
  return limited.find((c) => where.includes(`, column ${c.target}: `));
}
