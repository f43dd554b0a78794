import type pg from 'pg';
import { planDataOnly } from '../data-only/plan-data-only.js';
import { readTargetCatalog } from '../data-only/read-target-catalog.js';
import { CatdbError } from '../errors.js';
import type { DataOnlyResult } from '../migrate/migrate-data-only.js';
import { migrateSqliteToPg, type MigrateResult } from '../migrate/migrate-sqlite-to-pg.js';
import type { MigrateOptions } from '../migrate/migrate-options.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { introspectSqlite } from '../sqlite/introspect-sqlite.js';
import { openSqlite } from '../sqlite/open-sqlite.js';
import type { CaptureTable } from './capture-table.js';
import type { FollowPlan } from './follow-plan.js';
import type { OnlineRun } from './online-run.js';
import { updateOnlineRun } from './online-run.js';
import { planFollowDataOnly } from './plan-follow-data-only.js';
import { planFollow } from './plan-follow.js';
import { planAfterLoad } from '../migrate/plan-after-load.js';
import { readTargetPrimaryKeys } from './read-target-primary-keys.js';

/**
 * The copy of an online migration: the usual migration (COPY, keys, indexes, sequences,
 * views, verification of every table against its snapshot), or with `dataOnly` the
 * data-only load into the application's own schema, which starts after the capture was
 * installed, so every change after its snapshot is in the log. Then the run records the
 * follower's plan and moves to `following`.
 *
 * `again`: an earlier attempt of this run started copying. A full copy it began (a migration
 * run into the schema started after this online run) is replaced: its tables are dropped and
 * copied again from a new snapshot. A data-only load is one transaction; one that committed
 * before the run moved on left rows that are replaced (`existingRows: 'truncate'`).
 */
export async function copySnapshot(control: pg.Client, run: OnlineRun, capture: readonly CaptureTable[], options: MigrateOptions, again: boolean): Promise<{ result: MigrateResult | DataOnlyResult; followPlan: FollowPlan }> {
  const common = { ...options, verify: true, dryRun: false, resume: false };
  let result: MigrateResult | DataOnlyResult;
  let followPlan: FollowPlan;
  if (options.dataOnly) {
    result = await migrateSqliteToPg({ ...common, dataOnly: true, ...(again ? { existingRows: 'truncate' as const } : {}) });
    followPlan = await planDataOnlyFollow(control, options, capture, verifyTimes(result));
  } else {
    result = await migrateSqliteToPg({ ...common, ...(again && (await copyStartedSince(control, run)) ? { ifExists: 'drop' as const } : {}), dataOnly: false });
    followPlan = planFollow(planAfterLoad(result.plan, result.loadDecisions), capture, verifyTimes(result));
  }
  if (!(await updateOnlineRun(control, run.runId, { status: 'following', followPlan }, 'copying'))) {
    throw new CatdbError('ONLINE_BUSY', `The online migration ${run.runId} changed state while its tables were copied; another catdb process is working on it`, {
      hint: 'Let the other process finish, then run the command again.',
      details: { runId: run.runId },
    });
  }
  return { result, followPlan };
}

function verifyTimes(result: MigrateResult | DataOnlyResult): Map<string, number> {
  return new Map((result.verification?.tables ?? []).map((t) => [t.table, t.ms]));
}

/** The data-only plan again (from the target's catalog, which the load did not change), for the follower. */
async function planDataOnlyFollow(control: pg.Client, options: MigrateOptions, capture: readonly CaptureTable[], verifyMs: Map<string, number>): Promise<FollowPlan> {
  const schema = options.schema ?? 'public';
  const catalog = await readTargetCatalog(control, schema);
  const db = openSqlite(options.source);
  let source;
  try {
    source = introspectSqlite(db, options.source);
  } finally {
    db.close();
  }
  const plan = planDataOnly(source, catalog, { ...(options.include ? { include: options.include } : {}), ...(options.exclude ? { exclude: options.exclude } : {}), existingRows: 'truncate' });
  return planFollowDataOnly(plan, capture, await readTargetPrimaryKeys(control, schema), verifyMs);
}

/** Whether a migration into the run's schema started since the online run did (then its tables are ours). */
export async function copyStartedSince(control: pg.Client, run: OnlineRun): Promise<boolean> {
  try {
    const res = await control.query<{ ok: boolean }>(`SELECT EXISTS (SELECT 1 FROM catdb.migration_run WHERE target_schema = $1 AND started_at >= $2) AS ok`, [run.schema, run.startedAt]);
    return res.rows[0]!.ok;
  } catch (err) {
    throw mapPgError(err, { what: 'Reading the migration state (catdb.migration_run) failed' });
  }
}
