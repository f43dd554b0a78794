import type { ValueKind } from '../codec/value-kind.js';
import type { ReadKey } from '../sqlite/read-key.js';
import type { TargetForeignKey, TargetSequence } from './target-catalog.js';

/** One source column and the existing target column it loads into. */
export interface DataOnlyColumn {
  source: string;
  target: string;
  /** The SQLite declared type as written (may be empty). */
  sourceType: string;
  /** format_type() of the target column. */
  targetType: string;
  kind: ValueKind;
  notNull: boolean;
}

export interface DataOnlyTable {
  source: string;
  target: string;
  readKey: ReadKey;
  rowCount: number;
  columns: DataOnlyColumn[];
  /** The INTEGER PRIMARY KEY column (rowid alias), whose ids sqlite_sequence counts. */
  rowidAlias?: string;
  /** `sqlite_sequence.seq`, as decimal text (it is a 64-bit integer). */
  sqliteSequence?: string;
}

/** Columns that go through the same conversion: SQLite declared type → target type. */
export interface ConversionGroup {
  from: string;
  to: string;
  /** What happens to each value, in one sentence. */
  rule: string;
  /** `table.column` of each source column. */
  columns: string[];
}

export type DataOnlyIssueKind =
  | 'no-target-table'
  | 'no-target-column'
  | 'ambiguous-name'
  | 'required-column'
  | 'unsupported-type'
  | 'generated-column'
  | 'truncate-blocked'
  | 'existing-rows'
  | 'bad-value'
  | 'orphan';

/** Something that stops the load until it is fixed or excluded. */
export interface DataOnlyIssue {
  kind: DataOnlyIssueKind;
  table: string;
  column?: string;
  message: string;
}

/** What a data-only load will do, before it looks at any row. Plain data (JSON-safe). */
export interface DataOnlyPlan {
  schema: string;
  /** Tables to load, in load order (parents first). */
  tables: DataOnlyTable[];
  /** Target table names grouped by cycle, in load order (see orderByTargetFks). */
  groups: string[][];
  /** Target foreign keys whose child table is loaded. */
  foreignKeys: TargetForeignKey[];
  /** Foreign keys between tables of one cycle: checked at COMMIT (deferred, or dropped and re-added). */
  cycleForeignKeys: TargetForeignKey[];
  /** Sequences owned by columns of loaded tables. */
  sequences: TargetSequence[];
  conversions: ConversionGroup[];
  issues: DataOnlyIssue[];
  /** Source tables left out by include/exclude (and FTS/R*Tree tables the target has no table for), and excluded `table.column`s. */
  excluded: string[];
  /** Target tables no source table matches (left as they are). */
  targetOnly: string[];
}
