import type { MigrationPlan, PlanWarning, SchemaObjectKind } from '../plan/migration-plan.js';

/** An object of the source that the run did not create in the target. */
export interface IncompleteObject {
  kind: SchemaObjectKind;
  /** The source name (a generated name for a CHECK without one). */
  name: string;
  reason: string;
  /** The source SQL (or the statement PostgreSQL refused), to carry it by hand. */
  sql?: string;
}

/**
 * Everything the plan or the run marked as not created: objects left untranslated, statements
 * PostgreSQL refused, views and triggers that failed. Tables left out on purpose (--exclude,
 * SQLite's own tables, tables derived from others) are not in it.
 */
export function incompleteObjects(plan: Pick<MigrationPlan, 'skipped'>, warnings: readonly PlanWarning[]): IncompleteObject[] {
  const out: IncompleteObject[] = [];
  for (const s of plan.skipped) if (s.notCreated) out.push({ kind: s.notCreated, name: s.name, reason: s.reason, ...(s.sql !== undefined ? { sql: s.sql } : {}) });
  for (const w of warnings) if (w.notCreated) out.push({ kind: w.notCreated, name: w.object, reason: w.message, ...(w.sql !== undefined ? { sql: w.sql } : {}) });
  return out;
}
