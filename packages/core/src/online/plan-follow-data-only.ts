import type { DataOnlyPlan } from '../data-only/data-only-plan.js';
import { columnForTarget } from '../verify/codecs-for-target.js';
import type { CaptureKey, CaptureTable } from './capture-table.js';
import type { FollowColumn, FollowPlan, FollowTable } from './follow-plan.js';

/**
 * The follower's plan for a data-only copy (into the application's own schema): columns
 * encoded with the codecs of the target's types (as the data-only load and verification
 * build them), in the load order of the target's foreign keys. A table is followed by key
 * when its target primary key is exactly the captured key's columns; otherwise it is
 * reloaded whole at cutover when it changed. Pure.
 */
export function planFollowDataOnly(plan: DataOnlyPlan, capture: readonly CaptureTable[], primaryKeys: ReadonlyMap<string, string[]>, verifyMs: ReadonlyMap<string, number> = new Map()): FollowPlan {
  const keys = new Map(capture.map((c) => [c.name, c.key]));
  const tables = plan.tables
    .filter((t) => keys.has(t.source))
    .map((t): FollowTable => {
      const targetOf = (source: string): string | undefined => t.columns.find((c) => c.source === source)?.target;
      const captured = keys.get(t.source)!;
      const keyColumns = captured.kind === 'rowid' ? [t.rowidAlias ? targetOf(t.rowidAlias) : undefined] : captured.kind === 'columns' ? captured.columns.map(targetOf) : [];
      const pk = primaryKeys.get(t.target) ?? [];
      const matches = keyColumns.length > 0 && keyColumns.length === pk.length && keyColumns.every((c) => c !== undefined && pk.includes(c));
      const key: CaptureKey = matches ? captured : { kind: 'none' };
      const sequence = plan.sequences.find((s) => s.table === t.target);
      const columns = t.columns.map((c): FollowColumn => {
        const described = columnForTarget(c.source, { name: c.target, type: c.targetType, notNull: c.notNull });
        // The data-only plan refuses a target type without a codec before any load; the same
        // description gives the same codec as the load's (codecForTargetColumn).
        return { ...described!, notNull: c.notNull };
      });
      return {
        source: t.source,
        target: t.target,
        key,
        readKey: t.readKey,
        columns,
        primaryKey: matches ? (keyColumns as string[]) : [],
        ...(sequence ? { serialColumn: sequence.column, serialFromSqlite: t.rowidAlias !== undefined && targetOf(t.rowidAlias) === sequence.column } : {}),
        rowCount: t.rowCount,
        verifyMs: verifyMs.get(t.source) ?? 0,
      };
    });
  const known = new Set(tables.map((t) => t.target));
  const foreignKeys = plan.foreignKeys.filter((f) => f.parentSchema === plan.schema && known.has(f.table) && known.has(f.parentTable)).map((f) => ({ name: f.name, table: f.table, parent: f.parentTable }));
  return { schema: plan.schema, tables, foreignKeys };
}
