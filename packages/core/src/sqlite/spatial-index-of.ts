import type { SqliteTable, SqliteVirtualTable } from './sqlite-schema.js';

/**
 * The geometry column an R*Tree indexes, when it is a spatial index by the GeoPackage
 * (`rtree_<table>_<column>`, spec §F.3) or SpatiaLite (`idx_<table>_<column>`) naming rule
 * and that table has that column: its rows are derived from the geometries, not data.
 */
export function spatialIndexOf(virtual: Pick<SqliteVirtualTable, 'name' | 'module'>, tables: readonly Pick<SqliteTable, 'name' | 'columns'>[]): { table: string; column: string } | undefined {
  if (!/^rtree(_i32)?$/i.test(virtual.module)) return undefined;
  const m = /^(?:rtree|idx)_(.+)$/i.exec(virtual.name);
  if (!m) return undefined;
  const rest = m[1]!.toLowerCase();
  for (const t of tables) {
    const prefix = `${t.name.toLowerCase()}_`;
    if (!rest.startsWith(prefix)) continue;
    const column = t.columns.find((c) => c.name.toLowerCase() === rest.slice(prefix.length));
    if (column) return { table: t.name, column: column.name };
  }
  return undefined;
}
