import { foldIdentifier, PG_MAX_IDENTIFIER_BYTES, truncateIdentifier, type IdentifierMode } from '../pg/fold-identifier.js';

/** A column whose folded name another column of its table already has. */
export interface ColumnRename {
  source: string;
  /** The column that keeps the folded name. */
  keeps: string;
  /** The folded name both would get. */
  clash: string;
  /** The name it gets instead. */
  target: string;
}

/**
 * The PostgreSQL names of a table's columns, in order. PostgreSQL keeps only the first 63
 * bytes of a name, so two long SQLite names can fold to one: the first keeps it, each later
 * one gets it cut to leave room for `_1`, `_2`… — the first such name no column of the
 * table has or folds to, so the result depends only on the table's column names. Pure.
 */
export function planColumnNames(columns: readonly string[], mode: IdentifierMode): { targets: string[]; renames: ColumnRename[] } {
  const folded = columns.map((c) => foldIdentifier(c, mode));
  const taken = new Set(folded);
  const owner = new Map<string, string>();
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
      renames.push({ source, keeps, clash, target });
      return target;
    }
  });
  return { targets, renames };
}
