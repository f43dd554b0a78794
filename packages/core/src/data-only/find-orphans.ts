/** A row reference as the scan records it: the SQLite rowid (or primary key, as JSON). */
export type RowRef = number | string;

/** The values one table holds in a column tuple that some foreign key references. */
export interface ParentKeys {
  table: string;
  columns: string[];
  /** Canonical key text (fields joined by U+001F) of each row. */
  byRow: Map<RowRef, string>;
}

/** The rows of a child table whose foreign-key columns are all non-NULL. */
export interface ChildReferences {
  foreignKey: { name: string; table: string; columns: string[]; parentTable: string; parentColumns: string[] };
  /** Source table name, for the report. */
  sourceTable: string;
  rows: { row: RowRef; key: string }[];
}

export interface OrphanRow {
  /** Source table and its rowid (or primary key). */
  table: string;
  row: RowRef;
  foreignKey: string;
  columns: string[];
  /** The key values that have no parent, as canonical text. */
  values: string[];
  parentTable: string;
  parentColumns: string[];
  /** Its parent exists in SQLite but is itself left out as an orphan. */
  cascaded: boolean;
}

/** Key tuple name used to find a ParentKeys entry: `table` U+0000 `col,col`. */
export const parentKeyName = (table: string, columns: readonly string[]): string => `${table}\u0000${columns.join(',')}`;

/**
 * Child rows whose foreign key finds no parent among the rows that will be in the target:
 * the parent's loaded rows (`parents`) plus rows already there (`existing`). With
 * `cascade`, rows left out as orphans no longer count as parents, so their own children
 * become orphans too (what `--orphans skip` needs). Pure; MATCH SIMPLE (rows with a NULL
 * in the key are never orphans, the scan leaves them out).
 */
export function findOrphans(references: readonly ChildReferences[], parents: ReadonlyMap<string, ParentKeys>, existing: ReadonlyMap<string, ReadonlySet<string>>, cascade: boolean): OrphanRow[] {
  const present = new Map<string, Map<string, number>>();
  for (const [name, p] of parents) {
    const counts = new Map<string, number>();
    for (const key of p.byRow.values()) counts.set(key, (counts.get(key) ?? 0) + 1);
    present.set(name, counts);
  }
  const has = (name: string, key: string): boolean => (present.get(name)?.get(key) ?? 0) > 0 || Boolean(existing.get(name)?.has(key));
  const orphaned = new Map<string, Set<RowRef>>();
  const removed = new Map<string, Set<string>>();
  const out: OrphanRow[] = [];
  const leaveOut = (table: string, row: RowRef): void => {
    for (const [name, p] of parents) {
      if (p.table !== table) continue;
      const key = p.byRow.get(row);
      if (key === undefined) continue;
      const counts = present.get(name)!;
      counts.set(key, counts.get(key)! - 1);
      removed.set(name, (removed.get(name) ?? new Set()).add(key));
    }
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const ref of references) {
      const fk = ref.foreignKey;
      const name = parentKeyName(fk.parentTable, fk.parentColumns);
      const gone = orphaned.get(fk.table) ?? new Set<RowRef>();
      orphaned.set(fk.table, gone);
      for (const { row, key } of ref.rows) {
        if (gone.has(row) || has(name, key)) continue;
        gone.add(row);
        changed = true;
        out.push({ table: ref.sourceTable, row, foreignKey: fk.name, columns: fk.columns, values: key.split('\u001f'), parentTable: fk.parentTable, parentColumns: fk.parentColumns, cascaded: Boolean(removed.get(name)?.has(key)) });
        if (cascade) leaveOut(fk.table, row);
      }
    }
    if (!cascade) break;
  }
  return out;
}
