import type pg from 'pg';
import type { SequenceReset } from '../data-only/sequence-reset.js';
import { CatdbError, throwIfAborted } from '../errors.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { TableVerification } from '../verify/table-verification.js';
import { applyRoundWidening, type RoundResult } from './apply-round.js';
import { updateRate, type ApplyRate } from './apply-rate.js';
import type { ApplierContext } from './applier-context.js';
import type { CaptureTable } from './capture-table.js';
import type { RowCount } from './cutover-result.js';
import { estimatePause } from './estimate-pause.js';
import { fenceCapture } from './fence-capture.js';
import { ROUND_LIMIT } from './follow-changes.js';
import { measureLag } from './measure-lag.js';
import { planCutoverChecks } from './plan-cutover-checks.js';
import type { OnlineEventHandler } from './online-event.js';
import { rereadOnlineRun, updateOnlineRun } from './online-run.js';
import type { LiveSqlite } from './open-live-sqlite.js';
import { readCapture } from './read-capture.js';
import { FENCE_MESSAGE } from './render-capture-sql.js';
import { resetOnlineSequences } from './reset-online-sequences.js';
import { takeWriteLock } from './take-write-lock.js';
import { verifyUnderLock } from './verify-under-lock.js';
import { verifyCountsSince } from './verify-counts-since.js';
import { takeCountSnapshot, type CountSnapshot } from './take-count-snapshot.js';
import type { FollowTable } from './follow-plan.js';
import type { CutoverResult, CutoverSettings } from './cutover-result.js';

export interface RunCutoverOptions {
  ctx: ApplierContext;
  reader: LiveSqlite;
  writer: LiveSqlite;
  control: pg.Client;
  capture: readonly CaptureTable[];
  rate: ApplyRate;
  settings: CutoverSettings;
  signal?: AbortSignal;
  onEvent?: OnlineEventHandler;
}

/**
 * The cutover, for a caller that holds the applier lease and has set the run to
 * `cutting-over`: catch up without the lock, estimate the pause (refuse past maxPauseMs),
 * take SQLite's write lock, apply the last changes, verify, fence, and release the lock;
 * then move the sequences and record the run as done. Any failure before the fence rolls the
 * SQLite transaction back: the application's writers go on and nothing is fenced.
 *
 * Errors: ONLINE_PAUSE_TOO_LONG, VERIFY_MISMATCH, SQLITE_LOCKED, ONLINE_APPLY_FAILED, ABORTED, PG_*.
 */
export async function runCutover(o: RunCutoverOptions): Promise<CutoverResult> {
  const started = performance.now();
  const { ctx } = o;
  const emit: OnlineEventHandler = (e) => o.onEvent?.(e);
  const maxPauseMs = o.settings.maxPauseMs ?? 5000;
  const mode = o.settings.verify ?? 'changed';
  emit({ type: 'online-phase', phase: 'cutover', runId: ctx.runId });
  const retry = (reason: string, limit: number | undefined): void => emit({ type: 'online-retry', reason, limit: limit ?? null });
  const result: CutoverResult = {
    runId: ctx.runId,
    pauseMs: null,
    estimatedPauseMs: null,
    drainedChanges: 0,
    verify: mode,
    counts: [],
    verified: [],
    reloaded: [],
    sequences: [],
    fencedTables: o.capture.length,
    finishedEarlierAttempt: readCapture(o.writer.db).phase === 'fenced',
    ms: 0,
  };
  let snap: CountSnapshot | undefined;
  const verifyOn = async (db: SqliteDatabase): Promise<void> => {
    // ctx.client, not control: control may hold the snapshot's transaction, which would not see the last rounds.
    const changed = (await rereadOnlineRun(ctx.client, ctx.runId)).changedTables;
    const at = snap;
    const countRows = at ? { countRows: (planned: FollowTable[]) => verifyCountsSince(ctx, db, at, planned) } : {};
    const checked = await verifyUnderLock({ db, ctx, changed, mode, ...countRows, ...(o.signal ? { signal: o.signal } : {}), ...(o.onEvent ? { onEvent: o.onEvent } : {}) });
    Object.assign(result, checked);
  };
  try {
    if (result.finishedEarlierAttempt) {
      // The fence stops every writer, so the file holds still without a lock.
      result.drainedChanges = (await applyRoundWidening(ctx, o.reader.db, { limit: undefined, onRetry: retry })).entries;
      await verifyOn(o.reader.db);
      result.sequences = await resetOnlineSequences(o.reader.db, ctx.client, ctx.plan);
    } else {
      await catchUp(o, retry);
      const planned = planCutoverChecks(ctx.plan, (await rereadOnlineRun(o.control, ctx.runId)).changedTables, mode);
      // `changed`: the whole-table counts are taken here, without the lock, at a log position
      // S; under the lock only the keys logged after S are looked up (verifyCountsSince says
      // why that is as strong as counting at the fence).
      if (mode === 'changed') snap = await takeCountSnapshot(ctx, o.control, planned.count, retry);
      const checks = { verifyMs: [...planned.checksum, ...planned.reload].reduce((n, t) => n + t.verifyMs, 0), reloadRows: planned.reload.reduce((n, t) => n + t.rowCount, 0) };
      // What arrived while counting (seconds, on big tables) is applied now, not under the lock,
      // and is not part of the estimate.
      await catchUp(o, retry);
      const pendingChanges = measureLag(o.reader.db, ctx.appliedSeq).pendingChanges;
      result.estimatedPauseMs = estimatePause({ ...checks, pendingChanges, changesPerSecond: o.rate.changesPerSecond, roundMs: o.rate.roundMs, fencedTables: o.capture.length });
      emit({ type: 'cutover-estimate', pendingChanges, changesPerSecond: o.rate.changesPerSecond, estimatedPauseMs: result.estimatedPauseMs, maxPauseMs });
      if (result.estimatedPauseMs > maxPauseMs) throw tooLong(`the estimated pause is ${result.estimatedPauseMs} ms`, maxPauseMs, result.estimatedPauseMs);
      const db = o.writer.db;
      await takeWriteLock(db, ctx.file, o.settings.lockTimeoutMs ?? 10_000, o.signal);
      const locked = performance.now();
      emit({ type: 'write-lock', status: 'acquired' });
      const deadline = (stage: string): void => {
        const held = Math.round(performance.now() - locked);
        if (held > maxPauseMs) throw tooLong(`the write lock was held ${held} ms by the end of ${stage}`, maxPauseMs, result.estimatedPauseMs!);
      };
      try {
        throwIfAborted(o.signal);
        result.drainedChanges = (await applyRoundWidening(ctx, db, { limit: undefined, onRetry: retry })).entries;
        deadline('draining');
        await verifyOn(db);
        deadline('verification');
        throwIfAborted(o.signal);
        fenceCapture(db, o.capture);
        db.exec('COMMIT');
        result.pauseMs = Math.round(performance.now() - locked);
        emit({ type: 'write-lock', status: 'released', pauseMs: result.pauseMs, fenced: true });
        emit({ type: 'fenced', tables: o.capture.length, message: FENCE_MESSAGE });
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        emit({ type: 'write-lock', status: 'released', pauseMs: Math.round(performance.now() - locked), fenced: false });
        throw err;
      }
      await snap?.close();
      snap = undefined;
      // After the fence sqlite_sequence holds still, so the sequences need not hold writers up;
      // the application moves to PostgreSQL only once this returns (or a re-run finished it).
      result.sequences = await resetOnlineSequences(o.reader.db, ctx.client, ctx.plan);
    }
  } finally {
    await snap?.close();
  }
  result.ms = Math.round(performance.now() - started);
  await updateOnlineRun(o.control, ctx.runId, { status: 'done', cutover: result as unknown as Record<string, unknown>, finished: true }, 'cutting-over');
  return result;
}

/** Applies what piled up, without the lock, until a round finds little left. */
async function catchUp(o: RunCutoverOptions, retry: (reason: string, limit: number | undefined) => void): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    throwIfAborted(o.signal);
    const round: RoundResult = await applyRoundWidening(o.ctx, o.reader.db, { limit: ROUND_LIMIT, applyRate: o.rate.changesPerSecond, onRetry: retry });
    updateRate(o.rate, round);
    if (round.entries < 50) return;
  }
}

function tooLong(why: string, maxPauseMs: number, estimatedMs: number): CatdbError {
  return new CatdbError('ONLINE_PAUSE_TOO_LONG', `The cutover did not happen: ${why}, more than --max-pause ${maxPauseMs} ms; nothing was fenced and the application's writers went on`, {
    hint: 'Let the follower catch up (watch its lag) and try again, or allow a longer pause with --max-pause (below the busy timeout of the application, so its writers wait rather than fail).',
    details: { maxPauseMs, estimatedPauseMs: estimatedMs },
  });
}
