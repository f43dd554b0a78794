import type { ValueKind } from '../codec/value-kind.js';
import type { ReadKey } from '../sqlite/read-key.js';

/** Everything a migration will do, decided before anything is touched. Plain data (JSON-able but for bigint). */
export interface MigrationPlan {
  source: string;
  schema: string;
  identifiers: 'lower' | 'preserve';
  tables: TablePlan[];
  /** Statements after the load, in order of phases. */
  postLoad: PostLoadStatement[];
  views: ViewPlan[];
  /** Triggers carried as PL/pgSQL trigger functions, created after the views (see translateTrigger). */
  triggers: TriggerPlan[];
  /** What is left out: tables (internal, virtual, excluded) and objects whose SQL was not translated. */
  skipped: SkippedObject[];
  warnings: PlanWarning[];
  /** Columns whose values their declared type cannot carry, and the type chosen for them (each is also a warning). */
  decisions: TypeDecision[];
  /** Values the chosen types cannot carry; the migration stops on these unless rows may be rejected. */
  problems: PlanProblem[];
  /**
   * Statements that create catdb's `catdb_sqlite` schema and the functions the translated
   * views and CHECKs call, run before the tables; empty when none calls one.
   */
  compat?: string[];
}

export interface TablePlan {
  source: string;
  target: string;
  rowCount: number;
  readKey: ReadKey;
  columns: ColumnPlan[];
  /**
   * `nullable`: the key holds NULLs (SQLite allows them outside INTEGER PRIMARY KEY), so it
   * becomes a UNIQUE constraint, whose NULLs are distinct as SQLite's are, not a PRIMARY KEY.
   */
  primaryKey?: { name: string; columns: string[]; nullable?: boolean };
  /** Serial column whose sequence is set after the load. */
  serialColumn?: {
    target: string;
    sqliteSequence?: bigint;
    /**
     * The sequence's name when PostgreSQL's own choice (`<table>_<column>_seq`) is taken by
     * another object of the plan: catdb then creates the sequence itself, under this name.
     */
    sequence?: string;
  };
}

export interface ColumnPlan {
  source: string;
  target: string;
  declaredType: string;
  pgType: string;
  kind: ValueKind;
  notNull: boolean;
  defaultSql?: string;
  rule: string;
  notes: string[];
  /** The data chose the type, not the declaration (see MigrationPlan.decisions). */
  decided?: boolean;
  /** A user `--cast` rule chose the type: the data never overrules it. */
  userCast?: boolean;
  /** varchar(n) / numeric(p,s) / integer range limits the encoder enforces. */
  maxLength?: number;
  precision?: number;
  scale?: number;
}

export type PostLoadPhase = 'primary-key' | 'unique' | 'index' | 'check' | 'foreign-key' | 'sequence';

export interface PostLoadStatement {
  phase: PostLoadPhase;
  table: string;
  name: string;
  sql: string;
  /** A failing critical statement fails the migration; others become warnings quoting the SQL. */
  critical: boolean;
  /** For keys and plain-column indexes: their target columns, to name the duplicate rows when they fail. */
  columns?: string[];
  /** For foreign keys: what to look for when the constraint fails (orphan rows). */
  foreignKey?: { childColumns: string[]; parentTable: string; parentColumns: string[] };
}

export interface ViewPlan {
  source: string;
  target: string;
  sourceSql: string;
  /** The translated CREATE VIEW, tried after the tables; reported with its SQL if PostgreSQL rejects it. */
  sql: string;
  /** catdb_sqlite functions the view calls. */
  compat?: readonly string[];
}

export interface TriggerPlan {
  /** Source trigger and table names. */
  name: string;
  table: string;
  sourceSql: string;
  /** Target name of the trigger and of its function. */
  target: string;
  /** `CREATE FUNCTION …` and `CREATE TRIGGER …`, run one by one. */
  statements: [string, string];
  /** touch: a BEFORE trigger assigning NEW; raise: RAISE EXCEPTION checks; statements: INSERT/UPDATE/DELETE; fails: raises SQLite's own error whenever it fires. */
  shape: 'touch' | 'raise' | 'statements' | 'fails';
  /** Target views the body reads: if one was not created, neither is the trigger. */
  reads: string[];
  /** catdb_sqlite functions the body calls. */
  compat?: string[];
}

/** A source object the plan leaves out on purpose or derives from another, with the reason. */
export interface SkippedObject {
  name: string;
  reason: string;
  /** The source SQL of an object that was not translated (CHECK, index, view), to rewrite by hand. */
  sql?: string;
  /** Set when the source holds this object and the target will not: the run is then incomplete. */
  notCreated?: SchemaObjectKind;
}

/** Something the plan does differently from the source, or could not carry over, with the object it concerns. */
export interface PlanWarning {
  object: string;
  message: string;
  sql?: string;
  /** Set when the warning says that an object of the source was not created in the target. */
  notCreated?: SchemaObjectKind;
}

/** The kinds of schema object a run may fail to carry (see MigrateResult.incomplete). */
export type SchemaObjectKind = 'table' | 'index' | 'constraint' | 'view' | 'trigger';

/**
 * A column whose declared type cannot carry the values it holds: catdb migrates it as the
 * narrowest type that carries every one of them exactly (`strictTypes` stops instead).
 */
export interface TypeDecision {
  /** Source table and column. */
  table: string;
  column: string;
  declaredType: string;
  /** The type the declaration alone gave. */
  declaredAs: string;
  /** The type chosen. */
  pgType: string;
  /** The values the declared type cannot carry, e.g. `3 BLOB values in an integer column`. */
  reason: string;
  /** The `--cast` option, as valid shell, that pins this choice. */
  cast: string;
}

export interface PlanProblem {
  table: string;
  column: string;
  message: string;
  fix: string;
}
