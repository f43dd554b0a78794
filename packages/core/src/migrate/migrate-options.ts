import type { CastRule } from '../mapping/cast-rules.js';
import type { IdentifierMode } from '../pg/fold-identifier.js';
import type { MigrationEventHandler } from './migration-event.js';

/** Options of migrateSqliteToPg and planSqliteMigration; each maps onto a `catdb migrate sqlite-to-pg` flag. */
export interface MigrateOptions {
  /** Path of the SQLite file (opened read-only). */
  source: string;
  /** PostgreSQL URL; a missing password is read from PGPASSFILE / ~/.pgpass. */
  target: string;
  /** Target schema, created when missing. Default `public`. */
  schema?: string;
  /** Parallel connections for loading and index builds. Default: number of CPU cores, at least 2. */
  jobs?: number;
  /** User cast rules (parseCastRule), consulted before the defaults. */
  casts?: readonly CastRule[];
  identifiers?: IdentifierMode;
  /**
   * Where a column holds values its declared type cannot carry (BLOBs in a `POINT` column,
   * text in an INTEGER one), stop before any change (`MAP_MIXED_TYPES`) instead of
   * migrating it as the narrowest type that carries every value; likewise for a primary key
   * holding NULLs, which otherwise becomes a UNIQUE constraint. Default false.
   */
  strictTypes?: boolean;
  /**
   * Create the schema `catdb_sqlite` with catdb's functions for SQLite functions PostgreSQL
   * lacks (datetime, strftime, iif, typeof, group_concat, …) when a view or CHECK calls one;
   * false leaves such objects out, reported as not translated. Default true.
   */
  compatFunctions?: boolean;
  /** What to do when a target table exists: `error` (default) fails before any change; `drop` replaces it. */
  ifExists?: 'error' | 'drop';
  include?: readonly string[];
  exclude?: readonly string[];
  /** Plan only: touch nothing. */
  dryRun?: boolean;
  /** Compare counts and checksums after the load. Default true. */
  verify?: boolean;
  /** `stop` (default) at the first value that cannot be carried; `skip-row` leaves such rows out. */
  onError?: 'stop' | 'skip-row';
  /** Text with U+0000: `error` (default) or `strip`. */
  nul?: 'error' | 'strip';
  /**
   * Continue the unfinished run recorded in the target's `catdb` schema: tables it
   * loaded are kept, the others are dropped and reloaded, then keys, indexes and views
   * that are missing are created and everything is verified. Default false.
   */
  resume?: boolean;
  /**
   * When another migration into the same schema of the target database is running: false
   * (default) fails at once with MIGRATION_IN_PROGRESS; true waits for it to end (abortable
   * through `signal`), reporting a `waiting-for-run` event, then runs.
   */
  wait?: boolean;
  /**
   * Load rows only, into tables that already exist in `schema` (made by the application's
   * own migrations); see migrateDataOnly. Default false.
   */
  dataOnly?: boolean;
  /** Data-only: target tables that already hold rows: `error` (default), `truncate` them, or `skip` (keep them, add the rest). */
  existingRows?: 'error' | 'truncate' | 'skip';
  /** Data-only: rows whose foreign key finds no parent in the target: `error` (default) or `skip` (left out, listed as rejects). */
  orphans?: 'error' | 'skip';
  /**
   * Let SQLite render COPY data for tables whose columns it can render exactly (much
   * faster; values it cannot render fall back to the value-by-value path). Default true.
   */
  fastPath?: boolean;
  /**
   * Finish without an error when some object of the source (view, trigger, index, constraint,
   * a virtual table's rows) was not created in the target. Default false: the data is still
   * loaded, committed and verified, and then MIGRATION_INCOMPLETE_SCHEMA names every such
   * object. Either way MigrateResult.incomplete lists them.
   */
  allowIncompleteSchema?: boolean;
  /** Run PRAGMA integrity_check on the source first. */
  checkIntegrity?: boolean;
  signal?: AbortSignal;
  onEvent?: MigrationEventHandler;
}
