import type { TargetColumn } from '../pg/target-table.js';
import type { SqliteSchema } from '../sqlite/sqlite-schema.js';
import { codecForTargetColumn } from '../verify/codecs-for-target.js';
import type { ConversionGroup, DataOnlyColumn, DataOnlyIssue, DataOnlyPlan, DataOnlyTable } from './data-only-plan.js';
import { describeConversion } from './describe-conversion.js';
import { orderByTargetFks } from './order-by-target-fks.js';
import type { TargetCatalog } from './target-catalog.js';
import { relationIncluded } from '../plan/relation-included.js';
import { renderShellArg } from '../render-shell-arg.js';

export interface PlanDataOnlyOptions {
  include?: readonly string[];
  /** Table names, or `table.column` to leave one source column out. */
  exclude?: readonly string[];
  existingRows?: 'error' | 'truncate' | 'skip';
}

/**
 * Matches a SQLite schema against an existing PostgreSQL schema for a data-only load:
 * tables and columns by name (exact first, then case-insensitively when that is
 * unambiguous), every conversion a value will go through, the load order of the
 * target's foreign keys, the sequences to reset, and every structural issue that must
 * be fixed first. Pure.
 */
export function planDataOnly(source: SqliteSchema, catalog: TargetCatalog, options: PlanDataOnlyOptions = {}): DataOnlyPlan {
  const lower = (s: string): string => s.toLowerCase();
  const excludedColumns = new Set((options.exclude ?? []).filter((e) => e.includes('.')).map(lower));
  const included = (name: string): boolean => relationIncluded(name, options);
  const issues: DataOnlyIssue[] = [];
  const excluded: string[] = [];
  const tables: DataOnlyTable[] = [];
  const conversions = new Map<string, ConversionGroup>();
  const targets = [...catalog.tables.values()];
  const exclude = (name: string): string => `--exclude ${renderShellArg(name)}`;
  const sequenceColumns = new Set(catalog.sequences.filter((s) => s.identity).map((s) => `${s.table}\u0000${s.column}`));

  for (const table of source.tables) {
    if (!included(table.name)) {
      excluded.push(table.name);
      continue;
    }
    const target = match(table.name, targets, (t) => t.name);
    // An FTS or R*Tree table's rows are loaded where the application made a table for them; else it is left out as before.
    if (!target && source.virtualTables.some((v) => v.name === table.name)) {
      excluded.push(table.name);
      continue;
    }
    if (target === 'ambiguous' || !target) {
      issues.push(
        target === 'ambiguous'
          ? { kind: 'ambiguous-name', table: table.name, message: `several target tables match ${table.name} when case is ignored; rename one or ${exclude(table.name)}` }
          : { kind: 'no-target-table', table: table.name, message: `no table ${table.name} in schema ${catalog.schema}; create it or ${exclude(table.name)}` },
      );
      continue;
    }
    const columns: DataOnlyColumn[] = [];
    const used = new Set<string>();
    for (const column of table.columns) {
      if (excludedColumns.has(lower(`${table.name}.${column.name}`))) {
        excluded.push(`${table.name}.${column.name}`);
        continue;
      }
      const tc = match(column.name, target.columns, (c) => c.name);
      if (tc === 'ambiguous' || !tc) {
        issues.push({
          kind: tc ? 'ambiguous-name' : 'no-target-column',
          table: table.name,
          column: column.name,
          message: tc
            ? `several columns of ${target.name} match ${column.name} when case is ignored`
            : `${target.name} has no column ${column.name}; add it or ${exclude(`${table.name}.${column.name}`)}`,
        });
        continue;
      }
      if (tc.generated) {
        issues.push({ kind: 'generated-column', table: table.name, column: column.name, message: `${target.name}.${tc.name} is a generated column and cannot be loaded; ${exclude(`${table.name}.${column.name}`)}` });
        continue;
      }
      const codec = codecForTargetColumn(column.name, tc);
      if (!codec) {
        issues.push({ kind: 'unsupported-type', table: table.name, column: column.name, message: `${target.name}.${tc.name} has type ${tc.type}, which catdb cannot convert to; ${exclude(`${table.name}.${column.name}`)}` });
        continue;
      }
      used.add(tc.name);
      columns.push({ source: column.name, target: tc.name, sourceType: column.declaredType, targetType: tc.type, kind: codec.kind, notNull: tc.notNull });
      const from = column.declaredType.trim().toUpperCase() || '(no type)';
      const key = `${from}\u0000${tc.type}`;
      const group = conversions.get(key) ?? { from, to: tc.type, rule: describeConversion(codec.kind, tc.type), columns: [] };
      group.columns.push(`${table.name}.${column.name}`);
      conversions.set(key, group);
    }
    for (const tc of target.columns) {
      if (used.has(tc.name) || !needsValue(tc, sequenceColumns.has(`${target.name}\u0000${tc.name}`))) continue;
      issues.push({ kind: 'required-column', table: table.name, column: tc.name, message: `${target.name}.${tc.name} is NOT NULL without a default and no source column matches it` });
    }
    tables.push({
      source: table.name,
      target: target.name,
      readKey: table.withoutRowid ? { kind: 'columns', columns: table.primaryKey } : { kind: 'rowid' },
      rowCount: table.rowCount,
      columns,
      ...(table.rowidAlias ? { rowidAlias: table.rowidAlias } : {}),
      ...(table.sequenceValue !== undefined ? { sqliteSequence: table.sequenceValue.toString() } : {}),
    });
  }

  const loaded = new Set(tables.map((t) => t.target));
  const twice = tables.filter((t, i) => tables.findIndex((u) => u.target === t.target) !== i);
  for (const t of twice) issues.push({ kind: 'ambiguous-name', table: t.source, message: `more than one source table loads into ${t.target}; leave all but one out with ${exclude(t.source)}` });
  const foreignKeys = catalog.foreignKeys.filter((f) => loaded.has(f.table));
  const order = orderByTargetFks(
    [...loaded],
    foreignKeys.filter((f) => f.parentSchema === catalog.schema).map((f) => ({ name: f.name, table: f.table, parent: f.parentTable })),
  );
  const cycleNames = new Set(order.cycleEdges.map((e) => `${e.table}\u0000${e.name}`));
  if (options.existingRows === 'truncate') {
    // TRUNCATE refuses a table another table references, unless that one is truncated too.
    for (const f of catalog.foreignKeys) {
      if (!loaded.has(f.table) && f.parentSchema === catalog.schema && loaded.has(f.parentTable)) {
        issues.push({ kind: 'truncate-blocked', table: f.parentTable, message: `${f.table} references ${f.parentTable} (${f.name}) but is not loaded, so ${f.parentTable} cannot be truncated; load ${f.table} too or use --existing-rows skip` });
      }
    }
  }
  const position = new Map(order.groups.flat().map((t, i) => [t, i]));
  tables.sort((a, b) => position.get(a.target)! - position.get(b.target)!);
  return {
    schema: catalog.schema,
    tables,
    groups: order.groups,
    foreignKeys,
    cycleForeignKeys: foreignKeys.filter((f) => cycleNames.has(`${f.table}\u0000${f.name}`)),
    sequences: catalog.sequences.filter((s) => loaded.has(s.table)),
    conversions: [...conversions.values()].sort((a, b) => b.columns.length - a.columns.length || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    issues,
    excluded,
    targetOnly: targets.map((t) => t.name).filter((n) => !loaded.has(n)).sort(),
  };
}

/** Exact name first (a quoted, mixed-case target), then the only case-insensitive match. */
function match<T>(name: string, candidates: readonly T[], nameOf: (c: T) => string): T | 'ambiguous' | undefined {
  const exact = candidates.find((c) => nameOf(c) === name);
  if (exact) return exact;
  const folded = candidates.filter((c) => nameOf(c).toLowerCase() === name.toLowerCase());
  return folded.length > 1 ? 'ambiguous' : folded[0];
}

function needsValue(c: TargetColumn, identity: boolean): boolean {
  return c.notNull && !c.hasDefault && !c.generated && !identity;
}

