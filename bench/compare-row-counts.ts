import type { RowCounts } from './bench-types.js';

/**
 * Tables whose target count differs from the source, as `table: pg=X sqlite=Y`
 * (`pg=missing` when the table is absent). Empty means every source table arrived whole.
 */
export function compareRowCounts(sqlite: RowCounts, pg: RowCounts): string[] {
  const mismatches: string[] = [];
  for (const [table, expected] of Object.entries(sqlite)) {
    const actual = pg[table];
    if (actual !== expected) mismatches.push(`${table}: pg=${actual ?? 'missing'} sqlite=${expected}`);
  }
  return mismatches;
}
