/** What catdb knows about a SQLite database, read by {@link introspectSqlite}. Plain data. */
export interface SqliteSchema {
  file: string;
  tables: SqliteTable[];
  views: SqliteView[];
  triggers: SqliteTrigger[];
  /** Virtual tables (CREATE VIRTUAL TABLE … USING module), with their shadow tables. */
  virtualTables: SqliteVirtualTable[];
  /** Tables catdb does not migrate, with the reason (SQLite's own). */
  skipped: { name: string; reason: string }[];
  sqliteVersion: string;
  encoding: string;
}

export interface SqliteTable {
  name: string;
  sql: string;
  columns: SqliteColumn[];
  /** Column names of the primary key in key order; empty when there is none. */
  primaryKey: string[];
  primaryKeyName?: string;
  /** The INTEGER PRIMARY KEY column that aliases the rowid, if any. */
  rowidAlias?: string;
  autoincrement: boolean;
  withoutRowid: boolean;
  /** `sqlite_sequence.seq` for AUTOINCREMENT tables. */
  sequenceValue?: bigint;
  uniques: SqliteIndex[];
  indexes: SqliteIndex[];
  foreignKeys: SqliteForeignKey[];
  checks: { name?: string; expression: string }[];
  /** Exact row count, read inside the migration's snapshot. */
  rowCount: number;
}

export interface SqliteColumn {
  name: string;
  /** The declared type exactly as written (may be empty). */
  declaredType: string;
  notNull: boolean;
  /** Default expression as SQLite stores it (SQL text), or undefined. */
  defaultSql?: string;
  primaryKeyPosition: number;
  generated?: { expression: string; stored: boolean };
  collation?: string;
}

export interface SqliteIndex {
  name: string;
  unique: boolean;
  /** `c` = created by CREATE INDEX, `u` = UNIQUE constraint, `pk` = PRIMARY KEY. */
  origin: 'c' | 'u' | 'pk';
  partialWhere?: string;
  columns: { name?: string; expression?: string; desc: boolean; collation?: string }[];
  sql?: string;
}

export interface SqliteForeignKey {
  id: number;
  columns: string[];
  referencedTable: string;
  /** Empty when the FK names no columns (it then means the parent's primary key). */
  referencedColumns: string[];
  onUpdate: string;
  onDelete: string;
  deferrable: boolean;
}

export interface SqliteView {
  name: string;
  sql: string;
  /** Its column names as SQLite reports them; empty when SQLite cannot prepare the view. */
  columns: string[];
}

export interface SqliteTrigger {
  name: string;
  table: string;
  sql: string;
}

export interface SqliteVirtualTable {
  name: string;
  /** The module after USING, as written (`fts5`, `rtree`, `VirtualSpatialIndex`…). */
  module: string;
  sql: string;
  /** Shadow tables SQLite (or the module) keeps for it. */
  shadowTables: string[];
  /**
   * This SQLite has the module and the table keeps rows of its own (FTS with its own content,
   * R*Tree): it is also in `tables`, read as an ordinary table.
   */
  readable: boolean;
  /** An R*Tree that is the spatial index of a geometry column (GeoPackage `rtree_<t>_<c>`, SpatiaLite `idx_<t>_<c>`). */
  indexes?: { table: string; column: string };
}
