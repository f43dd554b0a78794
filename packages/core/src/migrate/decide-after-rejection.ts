import { isCatdbError } from '../errors.js';
import { renderCastOption } from '../mapping/cast-rules.js';
import { decideFromData } from '../mapping/decide-from-data.js';
import { mapDefault } from '../translate/map-default.js';
import { decisionWarning } from '../plan/decision-warning.js';
import { foreignKeyKindClash } from '../plan/foreign-key-kind-clash.js';
import type { MigrationPlan, PlanWarning, TablePlan, TypeDecision } from '../plan/migration-plan.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { countStorageClasses } from '../sqlite/profile-table.js';

/**
 * The decisions from the data that a table's load failure calls for, applied to `plan`
 * (column types and defaults, foreign keys that can no longer be made); empty when the
 * failure is something else. Big tables are planned from a lean profile, which does not
 * count storage classes (that scan costs as much as the load), so a BLOB in a `POINT`
 * column first shows as a rejected value: the table's storage classes are counted then,
 * and its columns get the types the planner would have chosen (see decideFromData). The
 * caller loads the table again. Columns a user rule typed are left as they are.
 */
export function decideAfterRejection(db: SqliteDatabase, plan: MigrationPlan, table: TablePlan, err: unknown): PlanWarning[] {
  if (!isCatdbError(err, 'COPY_VALUE_REJECTED') || err.details.table !== table.source) return [];
  const open = table.columns.filter((c) => !c.userCast && !c.decided && c.target !== table.serialColumn?.target);
  const profiles = countStorageClasses(db, table.source, open.map((c) => c.source), new Set(open.filter((c) => c.kind === 'text').map((c) => c.source)));
  const warnings: PlanWarning[] = [];
  let defaults: Map<string, string> | undefined;
  for (const c of open) {
    const decided = decideFromData(c.kind, profiles.get(c.source));
    if (!decided) continue;
    const cast = renderCastOption(table.source, c.source, decided.pgType);
    const decision: TypeDecision = { table: table.source, column: c.source, declaredType: c.declaredType, declaredAs: c.pgType, pgType: decided.pgType, reason: decided.reason, cast };
    Object.assign(c, { pgType: decided.pgType, kind: decided.kind, decided: true, rule: `${c.rule}; the data decides → ${decided.pgType}` });
    delete c.maxLength;
    delete c.precision;
    delete c.scale;
    c.notes.push(`${decided.reason}: ${decided.pgType}, which carries every value`);
    defaults ??= readDefaults(db, table.source);
    const mapped = mapDefault(defaults.get(c.source), c.kind);
    delete c.defaultSql;
    if ('sql' in mapped) c.defaultSql = mapped.sql;
    else if ('dropped' in mapped) warnings.push({ object: `${table.source}.${c.source}`, message: `default dropped (${mapped.reason})`, sql: mapped.dropped });
    plan.decisions.push(decision);
    warnings.push(decisionWarning(decision));
  }
  if (warnings.length > 0) warnings.push(...dropClashingForeignKeys(plan, table));
  return warnings;
}

/** Foreign keys of `table` (either side) whose columns the decisions made incomparable: removed from the plan. */
function dropClashingForeignKeys(plan: MigrationPlan, table: TablePlan): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const byTarget = new Map(plan.tables.map((t) => [t.target, t]));
  plan.postLoad = plan.postLoad.filter((s) => {
    const fk = s.foreignKey;
    if (!fk || (s.table !== table.target && fk.parentTable !== table.target)) return true;
    const child = byTarget.get(s.table);
    const parent = byTarget.get(fk.parentTable);
    const clash = child && parent && foreignKeyKindClash(child, fk.childColumns, parent, fk.parentColumns);
    if (clash) warnings.push({ object: child.source, message: `foreign key ${s.name} left out: ${clash}`, sql: s.sql });
    return !clash;
  });
  return warnings;
}

function readDefaults(db: SqliteDatabase, table: string): Map<string, string> {
  const rows = db.prepare(`PRAGMA main.table_xinfo(${quoteSqliteIdent(table)})`).all() as { name: string; dflt_value: string | null }[];
  return new Map(rows.filter((r) => r.dflt_value !== null).map((r) => [r.name, r.dflt_value!]));
}
