import type { SqliteSchema } from '../sqlite/sqlite-schema.js';
import { translateTrigger } from '../translate/translate-trigger.js';
import type { TriggerRelations } from '../translate/trigger-relations.js';
import type { IdentifierMode } from './fold-identifier.js';
import type { MigrationPlan } from './migration-plan.js';
import { relationIncluded } from './relation-included.js';
import { rtreeUpkeepOf } from './rtree-upkeep-of.js';

export interface PlanTriggersOptions {
  schema: string;
  identifiers: IdentifierMode;
  booleans: ReadonlySet<string>;
  relations: TriggerRelations;
  include?: readonly string[];
  exclude?: readonly string[];
}

/**
 * Sorts the source's triggers into those carried (plan.triggers), those left out with their
 * table or derived from an R*Tree (plan.skipped, not a loss), and those not translated
 * (plan.skipped with their SQL, counted as not created).
 */
export function planTriggers(schema: SqliteSchema, plan: MigrationPlan, options: PlanTriggersOptions): void {
  for (const t of schema.triggers) {
    if (!relationIncluded(t.table, options)) {
      plan.skipped.push({ name: t.name, reason: `trigger on ${t.table}, which is excluded by --include/--exclude` });
      continue;
    }
    const rtree = rtreeUpkeepOf(t.name, t.table, schema);
    if (rtree) {
      plan.skipped.push({ name: t.name, reason: `upkeep trigger of the R*Tree ${rtree}, which is derived from ${t.table} and not carried (build a GiST index on the geometry instead)` });
      continue;
    }
    const translated = translateTrigger(t.name, t.sql, options);
    if ('untranslated' in translated) plan.skipped.push({ name: t.name, reason: `trigger on ${t.table} not translated: ${translated.untranslated}`, sql: t.sql, notCreated: 'trigger' });
    else plan.triggers.push({ name: t.name, table: t.table, sourceSql: t.sql, ...translated });
  }
}
