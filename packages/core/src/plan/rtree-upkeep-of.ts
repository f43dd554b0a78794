import type { SqliteSchema } from '../sqlite/sqlite-schema.js';

/**
 * The GeoPackage R*Tree a trigger keeps up to date (`rtree_<t>_<c>_insert`, `_update1`…,
 * `_delete` on table t, spec §F.3), when that R*Tree is in the file; else undefined.
 */
export function rtreeUpkeepOf(trigger: string, table: string, schema: Pick<SqliteSchema, 'virtualTables'>): string | undefined {
  const m = /^(rtree_.+)_(?:insert|update\d*|delete)$/i.exec(trigger);
  if (!m) return undefined;
  // Only for an R*Tree that is itself derived (a spatial index of this very table).
  const rtree = schema.virtualTables.find((v) => v.name.toLowerCase() === m[1]!.toLowerCase() && v.indexes?.table.toLowerCase() === table.toLowerCase());
  return rtree?.name;
}
