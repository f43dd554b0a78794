import { foldIdentifier, PG_MAX_IDENTIFIER_BYTES, truncateIdentifier, type IdentifierMode } from '../pg/fold-identifier.js';

/**
 * Names every PostgreSQL table has already (its system columns): a user column cannot take one
 * (`column name "xmin" conflicts with a system column name`), though GIS data often names its
 * bounding box xmin, ymin, xmax, ymax.
 */
export const PG_SYSTEM_COLUMNS: ReadonlySet<string> = new Set(['tableoid', 'xmin', 'cmin', 'xmax', 'cmax', 'ctid']);

/** A column whose folded name another column of its table, or a system column, already has. */
export interface ColumnRename {
  source: string;
  /** The column that keeps the folded name; for a system column's name, that name. */
  keeps: string;
  /** Set when the name is a PostgreSQL system column's. */
  system?: true;
  /** The folded name both would get. */
  clash: string;
  /** The name it gets instead. */
  target: string;
}

/**
 * The PostgreSQL names of a table's columns, in order. PostgreSQL keeps only the first 63
 * bytes of a name, so two long SQLite names can fold to one: the first keeps it, each later
 * one gets it cut to leave room for `_1`, `_2`… — the first such name no column of the
 * table has or folds to, so the result depends only on the table's column names. A name a
 * system column has is numbered the same way, as if an earlier column held it. Pure.
 */
export function planColumnNames(columns: readonly string[], mode: IdentifierMode): { targets: string[]; renames: ColumnRename[] } {
  const folded = columns.map((c) => foldIdentifier(c, mode));
  const taken = new Set(folded);
  const owner = new Map<string, string>([...PG_SYSTEM_COLUMNS].map((name) => [name, name]));
  const renames: ColumnRename[] = [];
  const targets = columns.map((source, i) => {
    const clash = folded[i]!;
    const keeps = owner.get(clash);
    if (keeps === undefined) {
      owner.set(clash, source);
      return clash;
    }
    for (let n = 1; ; n++) {
      const suffix = `_${n}`;
      const target = truncateIdentifier(clash, PG_MAX_IDENTIFIER_BYTES - Buffer.byteLength(suffix, 'utf8')) + suffix;
      if (taken.has(target)) continue;
      taken.add(target);
      renames.push({ source, keeps, clash, target, ...(PG_SYSTEM_COLUMNS.has(clash) ? { system: true as const } : {}) });
      return target;
    }
  });
  return { targets, renames };
}
