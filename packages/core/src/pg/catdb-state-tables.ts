import type { ColumnType, Generated, Selectable } from 'kysely';

/** A timestamp column: read as Date, written as Date or ISO text. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A bigint column: node-postgres returns int8 as text, so reads are strings. */
type Int8 = ColumnType<string, number | bigint | string, number | bigint | string>;

/**
 * One row per `catdb migrate sqlite-to-pg` run into a target schema. A run stays
 * `loading` until every table is loaded and verified (or verification is turned off);
 * `--resume` continues the newest `loading` run of the schema.
 */
export interface MigrationRunTable {
  run_id: string;
  /** Absolute path of the SQLite file as catdb saw it. */
  source_path: string;
  /** Size in bytes and modification time of the SQLite file when the run started. */
  source_size: Int8;
  source_mtime: Timestamp;
  /** SHA-256 (hex) of the source schema: every `sqlite_master` row, sorted. */
  schema_hash: string;
  target_schema: string;
  /** `loading`, `complete`, or `abandoned` (replaced by a run with `--if-exists drop`). */
  status: 'loading' | 'complete' | 'abandoned';
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
}

/**
 * One row per table of a run. `done` is written in the same transaction as the table's
 * COPY, so `done` always means "all its rows are committed" and never the opposite.
 */
export interface MigrationStateTable {
  run_id: string;
  /** Table name in SQLite. */
  source_table: string;
  /** Table name in PostgreSQL (in the run's target schema). */
  target_table: string;
  status: 'pending' | 'done';
  /** Rows committed (rejected rows excluded). */
  rows: Int8 | null;
  rejected: Int8 | null;
  /** Order-independent checksum of the target table from the verification, NULL until verified. */
  checksum: string | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/**
 * The `catdb` schema catdb keeps in the target, typed for kysely:
 * `kyselyForClient<CatdbStateTables>(client).selectFrom('catdb.migration_state')…`.
 */
export interface CatdbStateTables {
  'catdb.migration_run': MigrationRunTable;
  'catdb.migration_state': MigrationStateTable;
}

export type MigrationRunRow = Selectable<MigrationRunTable>;
export type MigrationStateRow = Selectable<MigrationStateTable>;
