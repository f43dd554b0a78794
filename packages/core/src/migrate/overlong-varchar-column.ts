import { CatdbError } from '../errors.js';
import type { ColumnPlan, TablePlan } from '../plan/migration-plan.js';

/**
 * The varchar(n) column of `table` that a load failed on because a value is longer than
 * n, or undefined when the failure is something else. Big tables are planned with
 * SQLite's declared lengths taken on trust (SQLite does not enforce them), so the load
 * is where a longer value shows: PostgreSQL refuses it with SQLSTATE 22001 and names the
 * column in its context line; the JavaScript encoder refuses it with the fix `--cast … to text`.
 */
export function overlongVarcharColumn(table: TablePlan, err: unknown): ColumnPlan | undefined {
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
