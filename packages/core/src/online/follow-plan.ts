import type { FkEdge } from '../data-only/order-by-target-fks.js';
import type { ColumnPlan } from '../plan/migration-plan.js';
import type { ReadKey } from '../sqlite/read-key.js';
import type { CaptureKey } from './capture-table.js';

/** A column as the follower encodes it: the fields the COPY path builds its codec from. */
export type FollowColumn = Pick<ColumnPlan, 'source' | 'target' | 'kind' | 'pgType' | 'notNull' | 'maxLength' | 'precision' | 'scale'>;

/** One migrated table, as the follower and the cutover need it. Plain JSON, stored with the run. */
export interface FollowTable {
  source: string;
  target: string;
  /** How the change log names its rows (see CaptureKey). */
  key: CaptureKey;
  /** How the copy read it: the key that comes first in every row read (rowid, or the WITHOUT ROWID key). */
  readKey: ReadKey;
  columns: FollowColumn[];
  /** The target's primary key columns, the conflict target of every upsert; empty for `key.kind: 'none'`. */
  primaryKey: string[];
  /** The serial column whose sequence the cutover moves past max(id) (and sqlite_sequence, see below). */
  serialColumn?: string;
  /** The serial column holds the SQLite rowid, so the table's sqlite_sequence value counts too. */
  serialFromSqlite?: boolean;
  /** Rows at the snapshot. */
  rowCount: number;
  /** How long the snapshot's verification of this table took: the estimate for `--verify full`. */
  verifyMs: number;
}

/** Everything the follower needs, fixed when the copy is done. */
export interface FollowPlan {
  schema: string;
  /** Parents before children (by the target's foreign keys): upserts run in this order, deletes in the reverse. */
  tables: FollowTable[];
  foreignKeys: FkEdge[];
  /**
   * The tables and their triggers are catdb's (a full migration): the follower's writes do
   * not fire them (see quietTriggers). Absent in data-only runs and in runs recorded before.
   */
  quietTriggers?: boolean;
}
