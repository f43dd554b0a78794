import type { ValueKind } from '../codec/value-kind.js';

/** A relation of the plan as trigger translation sees it. */
export interface TriggerRelation {
  kind: 'table' | 'view';
  /** The target name (unqualified). */
  target: string;
  /** Source column name, lower-cased → target column name. */
  columns: ReadonlyMap<string, string>;
  /** Target column name → its value kind (for SQLite's current-time keywords, which mean UTC). */
  kinds?: ReadonlyMap<string, ValueKind>;
  /** Source names of the primary key columns. */
  primaryKey: readonly string[];
  /** The source column that aliases the rowid (INTEGER PRIMARY KEY), if any. */
  rowidAlias?: string;
  /** A WITHOUT ROWID table: `rowid` names nothing. */
  withoutRowid?: boolean;
}

/** Looks a source relation name up, case-insensitively; undefined when the plan does not create it. */
export type TriggerRelations = (sourceName: string) => TriggerRelation | undefined;
