import { isCatdbError } from '../errors.js';
import { renderCastOption } from '../mapping/cast-rules.js';
import { decideFromData } from '../mapping/decide-from-data.js';
import { mapDefault } from '../translate/map-default.js';
import { decisionWarning } from '../plan/decision-warning.js';
import { foreignKeyKindClash } from '../plan/foreign-key-kind-clash.js';
import type { ColumnPlan, MigrationPlan, PlanWarning, TablePlan, TypeDecision } from '../plan/migration-plan.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { countStorageClasses } from '../sqlite/profile-table.js';
import type { LoadDecision } from './load-decision.js';

/**
 * The decisions from the data that a table's load failure calls for (column types and
 * defaults, foreign keys that can no longer be made), and their warnings; empty when the
 * failure is something else. Big tables are planned from a lean profile, which does not
 * count storage classes (that scan costs as much as the load), so a BLOB in a `POINT`
 * column first shows as a rejected value: the table's storage classes are counted then,
 * and its columns get the types the planner would have chosen (see decideFromData). The
 * caller loads the table again. Columns a user rule typed are left as they are.
 * `plan` and `table` are the ones the load has reached (see planAfterLoad); neither is changed.
 */
export function decideAfterRejection(db: SqliteDatabase, plan: MigrationPlan, table: TablePlan, err: unknown): { decisions: LoadDecision[]; warnings: PlanWarning[] } {
  const decisions: LoadDecision[] = [];
  const warnings: PlanWarning[] = [];
  if (!isCatdbError(err, 'COPY_VALUE_REJECTED') || err.details.table !== table.source) return { decisions, warnings };
  const open = table.columns.filter((c) => !c.userCast && !c.decided && c.target !== table.serialColumn?.target);
  const profiles = countStorageClasses(db, table.source, open.map((c) => c.source), new Set(open.filter((c) => c.kind === 'text').map((c) => c.source)));
  let defaults: Map<string, string> | undefined;
  const decided = new Map<string, ColumnPlan>();
  for (const c of open) {
    const chosen = decideFromData(c.kind, profiles.get(c.source));
    if (!chosen) continue;
    const cast = renderCastOption(table.source, c.source, chosen.pgType);
    const typeDecision: TypeDecision = { table: table.source, column: c.source, declaredType: c.declaredType, declaredAs: c.pgType, pgType: chosen.pgType, reason: chosen.reason, cast };
    const loadedAs: ColumnPlan = { ...c, pgType: chosen.pgType, kind: chosen.kind, decided: true, rule: `${c.rule}; the data decides → ${chosen.pgType}`, notes: [...c.notes, `${chosen.reason}: ${chosen.pgType}, which carries every value`] };
    delete loadedAs.maxLength;
    delete loadedAs.precision;
    delete loadedAs.scale;
    delete loadedAs.defaultSql;
    defaults ??= readDefaults(db, table.source);
    const mapped = mapDefault(defaults.get(c.source), chosen.kind);
    if ('sql' in mapped) loadedAs.defaultSql = mapped.sql;
    else if ('dropped' in mapped) warnings.push({ object: `${table.source}.${c.source}`, message: `default dropped (${mapped.reason})`, sql: mapped.dropped });
    decided.set(c.source, loadedAs);
    decisions.push({ kind: 'column', table: table.source, column: c.source, declaredAs: c.pgType, pgType: chosen.pgType, reason: chosen.reason, loadedAs, typeDecision });
    warnings.push(decisionWarning(typeDecision));
  }
  if (decided.size === 0) return { decisions, warnings };
  const now: TablePlan = { ...table, columns: table.columns.map((c) => decided.get(c.source) ?? c) };
  for (const left of clashingForeignKeys(plan, now)) {
    decisions.push(left.decision);
    warnings.push(left.warning);
  }
  return { decisions, warnings };
}

/** Foreign keys of `table` (either side) whose columns the decisions made incomparable. */
function clashingForeignKeys(plan: MigrationPlan, table: TablePlan): { decision: LoadDecision; warning: PlanWarning }[] {
  const byTarget = new Map(plan.tables.map((t) => [t.target, t]));
  byTarget.set(table.target, table);
  return plan.postLoad.flatMap((s) => {
    const fk = s.foreignKey;
    if (!fk || (s.table !== table.target && fk.parentTable !== table.target)) return [];
    const child = byTarget.get(s.table);
    const parent = byTarget.get(fk.parentTable);
    const clash = child && parent && foreignKeyKindClash(child, fk.childColumns, parent, fk.parentColumns);
    if (!clash) return [];
    return [{ decision: { kind: 'left-out' as const, table: s.table, name: s.name, reason: clash }, warning: { object: child.source, message: `foreign key ${s.name} left out: ${clash}`, sql: s.sql } }];
  });
}

function readDefaults(db: SqliteDatabase, table: string): Map<string, string> {
  const rows = db.prepare(`PRAGMA main.table_xinfo(${quoteSqliteIdent(table)})`).all() as { name: string; dflt_value: string | null }[];
  return new Map(rows.filter((r) => r.dflt_value !== null).map((r) => [r.name, r.dflt_value!]));
}
