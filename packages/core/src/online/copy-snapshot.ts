import type pg from 'pg';
import { CatdbError } from '../errors.js';
import { migrateSqliteToPg, type MigrateResult } from '../migrate/migrate-sqlite-to-pg.js';
import type { MigrateOptions } from '../migrate/migrate-options.js';
import { mapPgError } from '../pg/map-pg-error.js';
import type { CaptureTable } from './capture-table.js';
import type { FollowPlan } from './follow-plan.js';
import type { OnlineRun } from './online-run.js';
import { updateOnlineRun } from './online-run.js';
import { planFollow } from './plan-follow.js';

/**
 * The copy of an online migration: the usual migration (COPY, keys, indexes, sequences,
 * views, verification of every table against its snapshot), which starts after the capture
 * was installed, so every change after its snapshot is in the log. Then the run records the
 * follower's plan and moves to `following`.
 *
 * A copy that an earlier attempt started (a migration run into the schema began after this
 * online run) is replaced: its tables are dropped and copied again from a new snapshot.
 */
export async function copySnapshot(control: pg.Client, run: OnlineRun, capture: readonly CaptureTable[], options: MigrateOptions): Promise<{ result: MigrateResult; followPlan: FollowPlan }> {
  const again = await copyStartedSince(control, run);
  const result = await migrateSqliteToPg({ ...options, ...(again ? { ifExists: 'drop' as const } : {}), verify: true, dryRun: false, resume: false, dataOnly: false });
  const verifyMs = new Map((result.verification?.tables ?? []).map((t) => [t.table, t.ms]));
  const followPlan = planFollow(result.plan, capture, verifyMs);
  if (!(await updateOnlineRun(control, run.runId, { status: 'following', followPlan }, 'copying'))) {
    throw new CatdbError('ONLINE_BUSY', `The online migration ${run.runId} changed state while its tables were copied; another catdb process is working on it`, {
      hint: 'Let the other process finish, then run the command again.',
      details: { runId: run.runId },
    });
  }
  return { result, followPlan };
}

/** Whether a migration into the run's schema started since the online run did (then its tables are ours). */
async function copyStartedSince(control: pg.Client, run: OnlineRun): Promise<boolean> {
  try {
    const res = await control.query<{ ok: boolean }>(`SELECT EXISTS (SELECT 1 FROM catdb.migration_run WHERE target_schema = $1 AND started_at >= $2) AS ok`, [run.schema, run.startedAt]);
    return res.rows[0]!.ok;
  } catch (err) {
    throw mapPgError(err, { what: 'Reading the migration state (catdb.migration_run) failed' });
  }
}
