import { CatdbError } from '../errors.js';
import { connect } from '../pg/connect.js';
import { estimatePause } from './estimate-pause.js';
import { measureLag } from './measure-lag.js';
import type { CutoverOptions } from './online-options.js';
import { readOnlineRun } from './online-run.js';
import type { OnlineStatus } from './online-status.js';
import { openLiveSqlite } from './open-live-sqlite.js';
import { planCutoverChecks } from './plan-cutover-checks.js';
import { readCapture } from './read-capture.js';

/** What a cutover would do now (cutover --dry-run). */
export interface CutoverPreview {
  runId: string;
  status: OnlineStatus;
  /** Log entries not yet applied, and the age of the oldest (seconds). */
  pendingChanges: number;
  lagSeconds: number;
  /** The follower's last recorded speed (entries per second), null before it measured one. */
  changesPerSecond: number | null;
  /** A rough expected pause (without measuring the counts, which the cutover itself does), ms. */
  estimatedPauseMs: number;
  maxPauseMs: number;
  verify: 'changed' | 'full';
  /** Source tables whose rows would be counted, checksummed, or copied again under the lock. */
  count: string[];
  checksum: string[];
  reload: string[];
  /** Tables the fence would close. */
  fencedTables: number;
  /** Tables whose serial key's sequence would be moved. */
  sequences: string[];
}

// Rows per second of a count(*) on both sides at once: only for the preview's rough figure.
const COUNT_ROWS_PER_SECOND = 5_000_000;

/**
 * Reads what a cutover would do now, changing nothing anywhere: no lock, no lease, no
 * request to the follower.
 *
 * Errors: ONLINE_NO_RUN, SQLITE_*, PG_*.
 */
export async function previewCutover(options: Omit<CutoverOptions, 'handoverTimeoutMs'>): Promise<CutoverPreview> {
  const schema = options.schema ?? 'public';
  const reader = openLiveSqlite(options.source, { readonly: true, ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}) });
  try {
    const capture = readCapture(reader.db);
    const client = await connect(options.target, { applicationName: 'catdb online', ...(options.signal ? { signal: options.signal } : {}) });
    try {
      const exists = await client.query<{ ok: boolean }>(`SELECT to_regclass('catdb.online_run') IS NOT NULL AS ok`);
      const run = exists.rows[0]?.ok ? await readOnlineRun(client, schema, capture.installId) : undefined;
      if (!run || !run.followPlan || run.installId !== capture.installId) {
        throw new CatdbError('ONLINE_NO_RUN', `No online migration of ${options.source} into schema ${schema} that follows is recorded in the target`, {
          hint: 'Start one with `catdb migrate sqlite-to-pg <file> --to <url> --online`; a cutover can be previewed once it follows.',
          details: { file: options.source, schema, runId: run?.runId },
        });
      }
      const mode = options.verify ?? 'changed';
      const lag = run.status === 'done' ? { pendingChanges: 0, lagSeconds: 0 } : measureLag(reader.db, run.appliedSeq);
      const checks = planCutoverChecks(run.followPlan, run.changedTables, mode);
      const estimatedPauseMs = estimatePause({
        pendingChanges: lag.pendingChanges,
        changesPerSecond: run.applyRate ?? 2000,
        roundMs: 50,
        verifyMs: [...checks.checksum, ...checks.reload].reduce((n, t) => n + t.verifyMs, 0) + (checks.count.reduce((n, t) => n + t.rowCount, 0) / COUNT_ROWS_PER_SECOND) * 1000,
        reloadRows: checks.reload.reduce((n, t) => n + t.rowCount, 0),
        fencedTables: capture.tables?.length ?? 0,
      });
      const names = (ts: { source: string }[]): string[] => ts.map((t) => t.source);
      return {
        runId: run.runId,
        status: run.status,
        ...lag,
        changesPerSecond: run.applyRate,
        estimatedPauseMs,
        maxPauseMs: options.maxPauseMs ?? 5000,
        verify: mode,
        count: names(checks.count),
        checksum: names(checks.checksum),
        reload: names(checks.reload),
        fencedTables: capture.tables?.length ?? 0,
        sequences: run.followPlan.tables.filter((t) => t.serialColumn).map((t) => t.source),
      };
    } finally {
      await client.end().catch(() => {});
    }
  } finally {
    reader.close();
  }
}
