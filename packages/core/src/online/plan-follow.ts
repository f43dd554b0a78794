import { orderByTargetFks, type FkEdge } from '../data-only/order-by-target-fks.js';
import type { MigrationPlan } from '../plan/migration-plan.js';
import type { CaptureTable } from './capture-table.js';
import type { FollowPlan, FollowTable } from './follow-plan.js';

/**
 * The follower's plan from the migration plan the copy used (with the column types it
 * ended with) and the installed capture. Pure. A table whose target has no primary key is
 * followed as `none` whatever its capture key, since no upsert could find its rows.
 */
export function planFollow(plan: MigrationPlan, capture: readonly CaptureTable[], verifyMs: ReadonlyMap<string, number> = new Map()): FollowPlan {
  const keys = new Map(capture.map((c) => [c.name, c.key]));
  const foreignKeys: FkEdge[] = plan.postLoad
    .filter((s) => s.phase === 'foreign-key' && s.foreignKey)
    .map((s) => ({ name: s.name, table: s.table, parent: s.foreignKey!.parentTable }));
  const tables = plan.tables
    .filter((t) => keys.has(t.source))
    .map((t): FollowTable => {
      const pk = t.primaryKey?.columns ?? [];
      const key = pk.length > 0 ? keys.get(t.source)! : { kind: 'none' as const };
      return {
        source: t.source,
        target: t.target,
        key,
        readKey: t.readKey,
        columns: t.columns.map((c) => ({
          source: c.source,
          target: c.target,
          kind: c.kind,
          pgType: c.pgType,
          notNull: c.notNull,
          ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}),
          ...(c.precision !== undefined ? { precision: c.precision } : {}),
          ...(c.scale !== undefined ? { scale: c.scale } : {}),
        })),
        primaryKey: key.kind === 'none' ? [] : [...pk],
        // The plan makes only the rowid alias serial.
        ...(t.serialColumn ? { serialColumn: t.serialColumn.target, serialFromSqlite: true } : {}),
        rowCount: t.rowCount,
        verifyMs: verifyMs.get(t.source) ?? 0,
      };
    });
  const order = orderByTargetFks(tables.map((t) => t.target), foreignKeys).groups.flat();
  const rank = new Map(order.map((name, i) => [name, i]));
  tables.sort((a, b) => rank.get(a.target)! - rank.get(b.target)!);
  return { schema: plan.schema, tables, foreignKeys, quietTriggers: true };
}
