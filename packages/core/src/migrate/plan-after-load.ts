import type { MigrationPlan, TablePlan } from '../plan/migration-plan.js';
import type { LoadDecision } from './load-decision.js';

/**
 * The plan with the load's decisions applied, as a new object: columns as created,
 * statements left out removed, data-chosen types added to `decisions`. `plan` is not
 * touched; with no decisions it is returned as it is.
 */
export function planAfterLoad(plan: MigrationPlan, decisions: readonly LoadDecision[]): MigrationPlan {
  if (decisions.length === 0) return plan;
  const leftOut = new Set(decisions.flatMap((d) => (d.kind === 'left-out' ? [`${d.table}\u0000${d.name}`] : [])));
  return {
    ...plan,
    tables: plan.tables.map((t) => tableAfterLoad(t, decisions)),
    postLoad: plan.postLoad.filter((s) => !leftOut.has(`${s.table}\u0000${s.name}`)),
    decisions: [...plan.decisions, ...decisions.flatMap((d) => (d.kind === 'column' && d.typeDecision ? [d.typeDecision] : []))],
  };
}

/** One table with the column decisions among `decisions` applied (the last one for a column wins); `table` itself when none concerns it. */
export function tableAfterLoad(table: TablePlan, decisions: readonly LoadDecision[]): TablePlan {
  const columns = new Map(decisions.flatMap((d) => (d.kind === 'column' && d.table === table.source ? [[d.column, d.loadedAs] as const] : [])));
  if (columns.size === 0) return table;
  return { ...table, columns: table.columns.map((c) => columns.get(c.source) ?? c) };
}
