import type { FollowPlan, FollowTable } from './follow-plan.js';

/** What the cutover checks under the lock, per table. */
export interface CutoverChecks {
  /** Row counts compared (`changed`). */
  count: FollowTable[];
  /** Count and checksum (`full`: every table addressed by key). */
  checksum: FollowTable[];
  /** Tables without a primary key that changed: copied again whole, then count and checksum. */
  reload: FollowTable[];
}

/**
 * Which tables the cutover checks, and how. Pure. `changed` counts the tables that
 * changed since the copy and every table whose foreign keys lead to one of them: a delete
 * in a parent can cascade in the target where SQLite (foreign keys off) kept the children.
 */
export function planCutoverChecks(plan: FollowPlan, changedTables: readonly string[], mode: 'changed' | 'full'): CutoverChecks {
  const changed = new Set(changedTables);
  const reload = plan.tables.filter((t) => t.key.kind === 'none' && changed.has(t.source));
  const keyed = plan.tables.filter((t) => t.key.kind !== 'none');
  if (mode === 'full') return { count: [], checksum: keyed, reload };
  const sourceOf = new Map(plan.tables.map((t) => [t.target, t.source]));
  const reached = new Set([...changed].map((s) => plan.tables.find((t) => t.source === s)?.target).filter((t): t is string => t !== undefined));
  for (let grew = true; grew; ) {
    grew = false;
    for (const fk of plan.foreignKeys) {
      if (reached.has(fk.parent) && !reached.has(fk.table) && sourceOf.has(fk.table)) {
        reached.add(fk.table);
        grew = true;
      }
    }
  }
  return { count: keyed.filter((t) => reached.has(t.target)), checksum: [], reload };
}
