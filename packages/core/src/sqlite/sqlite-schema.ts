/** What catdb knows about a SQLite database, read by {@link introspectSqlite}. Plain data. */
export interface SqliteSchema {
  file: string;
  tables: SqliteTable[];
  views: SqliteView[];
  triggers: SqliteTrigger[];
  /** Tables catdb does not migrate, with the reason (internal, FTS shadow, virtual). */
  skipped: { name: string; reason: string; sql?: string; notCreated?: 'table' }[];
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
}

export interface SqliteTrigger {
  name: string;
  table: string;
  sql: string;
}
