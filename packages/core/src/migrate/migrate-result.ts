import type { RejectRecord } from '../copy/reject-record.js';
import type { MigrationPlan, PlanWarning } from '../plan/migration-plan.js';
import type { TableVerification } from '../verify/table-verification.js';
import type { IncompleteObject } from './incomplete-objects.js';
import type { LoadDecision } from './load-decision.js';

/** One loaded table: rows, COPY bytes, rows rejected, and the time it took in milliseconds. */
export interface TableLoadResult {
  table: string;
  target: string;
  rows: number;
  bytes: number;
  rejected: number;
  ms: number;
}

/** What migrateSqliteToPg returns: the plan, per-table loads, rejects, warnings, verification, and what was not created. */
export interface MigrateResult {
  /** The plan as made before anything was touched: the one `--dry-run` shows. Never changed by the run. */
  plan: MigrationPlan;
  dryRun: boolean;
  tables: TableLoadResult[];
  rows: number;
  bytes: number;
  rejected: number;
  rejects: RejectRecord[];
  warnings: PlanWarning[];
  /**
   * What the load found the plan needed (each is also among the warnings): columns created
   * with another type, foreign keys left out. planAfterLoad(plan, loadDecisions) is what was created.
   */
  loadDecisions: LoadDecision[];
  verification?: { ok: boolean; tables: TableVerification[] };
  /** Objects of the source not created in the target (a dry run: those the plan already leaves out). */
  incomplete: IncompleteObject[];
  ms: number;
}
