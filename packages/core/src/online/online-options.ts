import type { MigrateOptions } from '../migrate/migrate-options.js';
import type { OnlineEventHandler } from './online-event.js';
import type { CutoverSettings } from './cutover-result.js';

/** Where the online migration is: the SQLite file, the target, the schema. */
export interface OnlineTarget {
  /** Path of the application's live SQLite file (WAL mode). */
  source: string;
  /** PostgreSQL URL; a missing password is read from PGPASSFILE / ~/.pgpass. */
  target: string;
  /** Target schema. Default `public`. */
  schema?: string;
  /** catdb's own connections to the SQLite file wait this long for the application's lock, ms. Default 5000. */
  busyTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: OnlineEventHandler;
}

/** Options of migrateOnline: the copy's (as migrateSqliteToPg), the follower's and the cutover's. */
export interface MigrateOnlineOptions
  extends OnlineTarget,
    Pick<MigrateOptions, 'jobs' | 'casts' | 'identifiers' | 'include' | 'exclude' | 'nul' | 'fastPath' | 'checkIntegrity'> {
  /** Existing target tables when the copy starts: `error` (default) or `drop`; `drop` also abandons a run whose capture is gone. */
  ifExists?: 'error' | 'drop';
  /**
   * Copy into the tables the application's own migrations created in `schema` (see
   * migrateDataOnly) instead of creating them. Default false.
   */
  dataOnly?: boolean;
  /** With dataOnly, target tables that already hold rows: `error` (default) or `truncate` them first. */
  existingRows?: 'error' | 'truncate';
  /** Cut over by itself once the follower has caught up (else it follows until a cutover is requested). Default false. */
  cutoverWhenCaughtUp?: boolean;
  /** For the cutover this process makes (cutoverWhenCaughtUp, or finishing one an earlier attempt fenced). */
  cutover?: CutoverSettings;
  /** Wait between rounds when the log is drained, ms. Default 200. */
  pollMs?: number;
}

/** Options of cutover(). */
export interface CutoverOptions extends OnlineTarget, CutoverSettings {
  /** How long to wait for a running follower to hand over, ms. Default 30000. */
  handoverTimeoutMs?: number;
}
