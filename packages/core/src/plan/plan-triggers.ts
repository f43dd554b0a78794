import type { SqliteSchema, SqliteTable, SqliteView } from '../sqlite/sqlite-schema.js';
import { translateTrigger } from '../translate/translate-trigger.js';
import type { TriggerRelation, TriggerRelations } from '../translate/trigger-relations.js';
import { foldIdentifier, type IdentifierMode } from '../pg/fold-identifier.js';
import type { MigrationPlan } from './migration-plan.js';
import { relationIncluded } from './relation-included.js';
import { rtreeUpkeepOf } from './rtree-upkeep-of.js';

export interface PlanTriggersOptions {
  schema: string;
  identifiers: IdentifierMode;
  booleans: ReadonlySet<string>;
  compatFunctions?: boolean;
  include?: readonly string[];
  exclude?: readonly string[];
}

/**
 * Sorts the source's triggers into those carried (plan.triggers), those left out with their
 * table or derived from an R*Tree (plan.skipped, not a loss), and those not translated
 * (plan.skipped with their SQL, counted as not created).
 */
export function planTriggers(schema: SqliteSchema, plan: MigrationPlan, tables: readonly SqliteTable[], options: PlanTriggersOptions): void {
  const relations = triggerRelations(plan, tables, schema.views);
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
    const translated = translateTrigger(t.name, t.sql, { ...options, relations });
    // Functions share the schema's namespace: two names cut to the same 63 bytes cannot both be made.
    const clash = 'target' in translated ? plan.triggers.find((o) => o.target === translated.target) : undefined;
    const untranslated = 'untranslated' in translated ? translated.untranslated : clash ? `its name cut to PostgreSQL's 63 bytes is that of trigger ${clash.name}` : undefined;
    if (untranslated !== undefined || 'untranslated' in translated) plan.skipped.push({ name: t.name, reason: `trigger on ${t.table} not translated: ${untranslated}`, sql: t.sql, notCreated: 'trigger' });
    else {
      plan.triggers.push({ name: t.name, table: t.table, sourceSql: t.sql, ...translated });
      if (translated.shape === 'fails') plan.warnings.push({ object: t.name, message: `trigger on ${t.table} fails whenever it fires, in SQLite as in PostgreSQL: its body names a column the table does not have`, sql: t.sql });
    }
  }
}

/** The plan's tables and views as trigger translation looks them up (case-insensitively, by source name). */
function triggerRelations(plan: MigrationPlan, tables: readonly SqliteTable[], views: readonly SqliteView[]): TriggerRelations {
  const relations = new Map<string, TriggerRelation>();
  for (const v of plan.views) {
    const columns = views.find((x) => x.name === v.source)?.columns ?? [];
    relations.set(v.source.toLowerCase(), { kind: 'view', target: v.target, columns: new Map(columns.map((c) => [c.toLowerCase(), foldIdentifier(c, plan.identifiers)])), primaryKey: [] });
  }
  for (const table of tables) {
    const tp = plan.tables.find((t) => t.source === table.name);
    if (!tp) continue;
    relations.set(table.name.toLowerCase(), {
      kind: 'table',
      target: tp.target,
      columns: new Map(tp.columns.map((c) => [c.source.toLowerCase(), c.target])),
      kinds: new Map(tp.columns.map((c) => [c.target, c.kind])),
      primaryKey: table.primaryKey,
      ...(table.rowidAlias ? { rowidAlias: table.rowidAlias } : {}),
      ...(table.withoutRowid ? { withoutRowid: true } : {}),
    });
  }
  return (name) => relations.get(name.toLowerCase());
}
