import type { TargetTable } from '../pg/target-table.js';

/** A foreign key declared in the target schema, by column name. */
export interface TargetForeignKey {
  name: string;
  table: string;
  columns: string[];
  parentSchema: string;
  parentTable: string;
  parentColumns: string[];
  /** DEFERRABLE: its check can wait for COMMIT (SET CONSTRAINTS … DEFERRED). */
  deferrable: boolean;
  /** pg_get_constraintdef(): what re-creates it when it has to be dropped for a load. */
  definition: string;
}

/** A sequence that belongs to a column (SERIAL/BIGSERIAL default, or an identity). */
export interface TargetSequence {
  /** Schema-qualified, quoted: usable as SQL and as a regclass literal. */
  qualifiedName: string;
  name: string;
  table: string;
  column: string;
  identity: boolean;
}

/** What a data-only load needs to know about the target schema. Plain data. */
export interface TargetCatalog {
  schema: string;
  tables: Map<string, TargetTable>;
  foreignKeys: TargetForeignKey[];
  sequences: TargetSequence[];
}
