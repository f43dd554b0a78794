import type pg from 'pg';
import { mapPgError } from '../pg/map-pg-error.js';
import type { FollowPlan } from './follow-plan.js';
import type { OnlineStatus } from './online-status.js';

/** One online migration, as recorded in `catdb.online_run` of the target. */
export interface OnlineRun {
  runId: string;
  /** Pairs the run with the capture in the SQLite file (its `_catdb_meta.install_id`). */
  installId: string;
  sourcePath: string;
  schema: string;
  status: OnlineStatus;
  /** Set when the copy is done. */
  followPlan: FollowPlan | null;
  /** Every change up to this log position is in the target (committed with the rows). */
  appliedSeq: bigint;
  appliedChanges: number;
  /** Source tables with at least one applied change since the copy. */
  changedTables: string[];
  /** Changes per second the follower applied lately, for cutover estimates. */
  applyRate: number | null;
  cutoverRequestedAt: Date | null;
  /** The cutover's report, once done. */
  cutover: Record<string, unknown> | null;
  startedAt: Date;
  finishedAt: Date | null;
}

const COLUMNS = `run_id, install_id, source_path, target_schema, status, follow_plan, applied_seq::text AS applied_seq, applied_changes::text AS applied_changes,
  changed_tables, apply_rate, cutover_requested_at, cutover, started_at, finished_at`;

interface Row {
  run_id: string;
  install_id: string;
  source_path: string;
  target_schema: string;
  status: OnlineStatus;
  follow_plan: FollowPlan | null;
  applied_seq: string;
  applied_changes: string;
  changed_tables: string[];
  apply_rate: number | null;
  cutover_requested_at: Date | null;
  cutover: Record<string, unknown> | null;
  started_at: Date;
  finished_at: Date | null;
}

function fromRow(r: Row): OnlineRun {
  return {
    runId: r.run_id,
    installId: r.install_id,
    sourcePath: r.source_path,
    schema: r.target_schema,
    status: r.status,
    followPlan: r.follow_plan,
    appliedSeq: BigInt(r.applied_seq),
    appliedChanges: Number(r.applied_changes),
    changedTables: r.changed_tables,
    applyRate: r.apply_rate,
    cutoverRequestedAt: r.cutover_requested_at,
    cutover: r.cutover,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

async function query(client: pg.Client, what: string, text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
  try {
    return await client.query<Row>(text, values);
  } catch (err) {
    throw mapPgError(err, { what });
  }
}

/**
 * The run of `schema` that is not finished, else the one paired with `installId` (which may
 * be done or aborted), else undefined.
 */
export async function readOnlineRun(client: pg.Client, schema: string, installId?: string): Promise<OnlineRun | undefined> {
  const res = await query(
    client,
    'Reading the online migration (catdb.online_run) failed',
    `SELECT ${COLUMNS} FROM catdb.online_run WHERE target_schema = $1 AND (status NOT IN ('done', 'aborted') OR install_id = $2)
      ORDER BY (status NOT IN ('done', 'aborted')) DESC, started_at DESC LIMIT 1`,
    [schema, installId ?? null],
  );
  return res.rows[0] ? fromRow(res.rows[0]) : undefined;
}

/** Re-reads a run by id. */
export async function rereadOnlineRun(client: pg.Client, runId: string): Promise<OnlineRun> {
  const res = await query(client, 'Reading the online migration (catdb.online_run) failed', `SELECT ${COLUMNS} FROM catdb.online_run WHERE run_id = $1`, [runId]);
  return fromRow(res.rows[0]!);
}

/** Records a new run in `copying`. */
export async function createOnlineRun(client: pg.Client, r: { runId: string; installId: string; sourcePath: string; schema: string }): Promise<OnlineRun> {
  const res = await query(
    client,
    'Recording the online migration (catdb.online_run) failed',
    `INSERT INTO catdb.online_run (run_id, install_id, source_path, target_schema, status) VALUES ($1, $2, $3, $4, 'copying') RETURNING ${COLUMNS}`,
    [r.runId, r.installId, r.sourcePath, r.schema],
  );
  return fromRow(res.rows[0]!);
}

/** The fields a step may change, written with `updated_at`. */
export interface OnlineRunUpdate {
  status?: OnlineStatus;
  followPlan?: FollowPlan;
  cutoverRequested?: boolean;
  cutover?: Record<string, unknown>;
  finished?: boolean;
}

/** Updates a run; with `fromStatus`, only while it is in that status (returns false otherwise). */
export async function updateOnlineRun(client: pg.Client, runId: string, u: OnlineRunUpdate, fromStatus?: OnlineStatus): Promise<boolean> {
  const sets: string[] = ['updated_at = now()'];
  const values: unknown[] = [runId];
  const set = (column: string, value: unknown, cast = ''): void => {
    values.push(value);
    sets.push(`${column} = $${values.length}${cast}`);
  };
  if (u.status) set('status', u.status);
  if (u.followPlan) set('follow_plan', JSON.stringify(u.followPlan), '::jsonb');
  if (u.cutoverRequested !== undefined) sets.push(`cutover_requested_at = ${u.cutoverRequested ? 'now()' : 'NULL'}`);
  if (u.cutover) set('cutover', JSON.stringify(u.cutover), '::jsonb');
  if (u.finished) sets.push('finished_at = now()');
  let where = 'run_id = $1';
  if (fromStatus) {
    values.push(fromStatus);
    where += ` AND status = $${values.length}`;
  }
  const res = await query(client, 'Updating the online migration (catdb.online_run) failed', `UPDATE catdb.online_run SET ${sets.join(', ')} WHERE ${where}`, values);
  return (res.rowCount ?? 0) > 0;
}
