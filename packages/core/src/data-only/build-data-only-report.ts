import type { ConversionGroup, DataOnlyIssue, DataOnlyPlan } from './data-only-plan.js';
import type { OrphanRow } from './find-orphans.js';
import type { BadValue, RoundedColumn } from './scan-findings.js';

export type ExistingRowsMode = 'error' | 'truncate' | 'skip';
export type OrphansMode = 'error' | 'skip';

/** Everything a data-only load will do and everything that stops it, before any change. JSON-safe. */
export interface DataOnlyReport {
  schema: string;
  existingRows: ExistingRowsMode;
  orphans: OrphansMode;
  /** Tables in load order. `load`: `copy` into an empty table, `truncate` then copy, or `merge` (keep existing rows). */
  tables: { source: string; target: string; rows: number; existingRows: number; load: 'copy' | 'truncate' | 'merge' }[];
  conversions: ConversionGroup[];
  /** Cycles of the target's foreign keys and how each edge is checked. */
  cycles: { tables: string[]; foreignKeys: { name: string; table: string; parent: string; check: 'deferred' | 're-created' }[] }[];
  sequences: { sequence: string; table: string; column: string }[];
  rounded: RoundedColumn[];
  badValues: BadValue[];
  badValueCount: number;
  orphanRows: OrphanRow[];
  orphanCount: number;
  /** What stops the load; empty when it can go ahead. */
  issues: DataOnlyIssue[];
  excluded: string[];
  targetOnly: string[];
  sourceRows: number;
}

export interface ReportFindings {
  existingRows: ReadonlyMap<string, number>;
  badValues: BadValue[];
  badValueCount: number;
  rounded: RoundedColumn[];
  orphans: OrphanRow[];
}

/** The report of a planned data-only load with what the source scan and the target's row counts found. Pure. */
export function buildDataOnlyReport(plan: DataOnlyPlan, findings: ReportFindings, modes: { existingRows: ExistingRowsMode; orphans: OrphansMode }, maxListed = 1000): DataOnlyReport {
  const issues: DataOnlyIssue[] = [...plan.issues];
  const tables = plan.tables.map((t) => {
    const existing = findings.existingRows.get(t.target) ?? 0;
    const load: 'copy' | 'truncate' | 'merge' = modes.existingRows === 'truncate' ? 'truncate' : existing > 0 && modes.existingRows === 'skip' ? 'merge' : 'copy';
    if (existing > 0 && modes.existingRows === 'error') {
      issues.push({ kind: 'existing-rows', table: t.source, message: `${t.target} already holds ${existing} row(s); use --existing-rows truncate (replace them) or skip (keep them, add the rest)` });
    }
    return { source: t.source, target: t.target, rows: t.rowCount, existingRows: existing, load };
  });
  for (const b of findings.badValues) {
    issues.push({ kind: 'bad-value', table: b.table, column: b.column, message: `${b.table}.${b.column} rowid ${String(b.row)}: ${b.value} cannot become ${b.targetType}: ${b.reason}` });
  }
  if (findings.badValueCount > findings.badValues.length) {
    issues.push({ kind: 'bad-value', table: '', message: `… and ${findings.badValueCount - findings.badValues.length} more value(s) that cannot convert` });
  }
  if (modes.orphans === 'error') {
    for (const r of findings.orphans.slice(0, maxListed)) issues.push({ kind: 'orphan', table: r.table, column: r.columns.join(', '), message: describeOrphan(r) + '; fix it in SQLite or use --orphans skip' });
    if (findings.orphans.length > maxListed) issues.push({ kind: 'orphan', table: '', message: `… and ${findings.orphans.length - maxListed} more orphan row(s)` });
  }
  const byGroup = plan.groups.filter((g) => g.length > 1);
  return {
    schema: plan.schema,
    existingRows: modes.existingRows,
    orphans: modes.orphans,
    tables,
    conversions: plan.conversions,
    cycles: byGroup.map((g) => ({
      tables: g,
      foreignKeys: plan.cycleForeignKeys.filter((f) => g.includes(f.table)).map((f) => ({ name: f.name, table: f.table, parent: f.parentTable, check: f.deferrable ? ('deferred' as const) : ('re-created' as const) })),
    })),
    sequences: plan.sequences.map((s) => ({ sequence: s.name, table: s.table, column: s.column })),
    rounded: findings.rounded,
    badValues: findings.badValues,
    badValueCount: findings.badValueCount,
    orphanRows: findings.orphans.slice(0, maxListed),
    orphanCount: findings.orphans.length,
    issues,
    excluded: plan.excluded,
    targetOnly: plan.targetOnly,
    sourceRows: plan.tables.reduce((n, t) => n + t.rowCount, 0),
  };
}

/** `media_files rowid 7: media_item_id=99 has no row in media_items(id)`. */
export function describeOrphan(r: OrphanRow): string {
  const values = r.columns.map((c, i) => `${c}=${r.values[i]}`).join(', ');
  return `${r.table} rowid ${String(r.row)}: ${values} has no row in ${r.parentTable}(${r.parentColumns.join(', ')})${r.cascaded ? ' (its parent is itself an orphan left out)' : ''}`;
}
