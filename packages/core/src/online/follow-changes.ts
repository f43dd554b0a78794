import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { CatdbError, throwIfAborted } from '../errors.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { applyRoundWidening } from './apply-round.js';
import type { ApplierContext } from './applier-context.js';
import { newApplyRate, updateRate, type ApplyRate } from './apply-rate.js';
import { fingerprintCapture } from './fingerprint-capture.js';
import { measureLag, type Lag } from './measure-lag.js';
import type { OnlineEventHandler } from './online-event.js';
import type { LiveSqlite } from './open-live-sqlite.js';
import { readCapture } from './read-capture.js';
import { trimChanges } from './trim-changes.js';

/** Log entries per round while catching up; a conflict widens it (see RoundConflict). */
export const ROUND_LIMIT = 5000;
const LAG_EVERY_MS = 1000;
const CONTROL_EVERY_MS = 500;
const TRIM_EVERY_MS = 2000;

export interface FollowOptions {
  reader: LiveSqlite;
  writer: LiveSqlite;
  /** The session holding the applier lease; reads the run's state. */
  control: pg.Client;
  /** Fingerprint of the capture as installed (see fingerprintCapture). */
  fingerprint: string;
  /** Return 'caught-up' when this says so after a round (for --cutover-when-caught-up). */
  stopWhen?: (lag: Lag, rate: ApplyRate) => boolean;
  /** Carried over from an earlier stretch of following in this process. */
  rate?: ApplyRate;
  /** Wait between rounds when the log is drained. Default 200 ms. */
  pollMs?: number;
  signal?: AbortSignal;
  onEvent?: OnlineEventHandler;
}


/**
 * Applies captured changes round after round until a cutover is requested (another process
 * set `cutover_requested_at`) or `stopWhen` says so; reports the lag about once a second and
 * trims the log behind the applied position. Ctrl-C (the signal) ends it between rounds
 * with ABORTED; everything stays resumable.
 *
 * Errors: ONLINE_SCHEMA_CHANGED, ONLINE_NO_RUN (capture removed or run aborted meanwhile),
 * ONLINE_APPLY_FAILED, ABORTED, and those of applyRound.
 */
export async function followChanges(ctx: ApplierContext, o: FollowOptions): Promise<{ outcome: 'cutover-requested' | 'caught-up'; rate: ApplyRate }> {
  const rate = o.rate ?? newApplyRate();
  // -1: the first round checks the capture, which may have changed while no follower ran.
  let schemaVersion = -1;
  let lastLag = 0;
  let lastControl = 0;
  let lastTrim = performance.now();
  let trimMore = false;
  let lastCaughtUp: boolean | undefined;
  let applied = 0;
  for (;;) {
    throwIfAborted(o.signal);
    const version = schemaVersionOf(o.reader);
    if (version !== schemaVersion) {
      checkCapture(ctx, o);
      schemaVersion = version;
    }
    const round = await applyRoundWidening(ctx, o.reader.db, {
      limit: ROUND_LIMIT,
      applyRate: rate.changesPerSecond,
      onRetry: (reason, limit) => o.onEvent?.({ type: 'online-retry', reason, limit: limit ?? null }),
    });
    applied += round.entries;
    updateRate(rate, round);
    const full = round.entries >= ROUND_LIMIT;
    const now = performance.now();
    const lag = measureLag(o.reader.db, ctx.appliedSeq);
    // Caught up: nothing waits that was written more than a second ago (a busy application
    // always has a few changes in flight between two rounds).
    const caughtUp = lag.pendingChanges === 0 || lag.lagSeconds < 1;
    if (now - lastLag >= LAG_EVERY_MS || caughtUp !== lastCaughtUp) {
      lastLag = now;
      lastCaughtUp = caughtUp;
      o.onEvent?.({ type: 'online-lag', ...lag, appliedChanges: applied, changesPerSecond: rate.measured ? rate.changesPerSecond : null, caughtUp });
    }
    // A backlog (after the copy) is trimmed batch after batch, one per round; then every 2 s.
    if (trimMore || now - lastTrim >= TRIM_EVERY_MS) {
      lastTrim = now;
      trimMore = trimChanges(o.writer.db, ctx.appliedSeq).more;
    }
    if (now - lastControl >= CONTROL_EVERY_MS) {
      lastControl = now;
      if (await cutoverRequested(ctx, o.control)) return { outcome: 'cutover-requested', rate };
    }
    if (o.stopWhen?.(lag, rate)) return { outcome: 'caught-up', rate };
    if (!full) {
      try {
        await sleep(o.pollMs ?? 200, undefined, o.signal ? { signal: o.signal } : undefined);
      } catch {
        throwIfAborted(o.signal);
      }
    }
  }
}

function schemaVersionOf(live: LiveSqlite): number {
  return live.db.pragma('schema_version', { simple: true }) as number;
}

/** After a schema change in the file: still our capture, over tables defined as copied? */
function checkCapture(ctx: ApplierContext, o: FollowOptions): void {
  const capture = readCapture(o.reader.db);
  if (!capture.installId || capture.phase !== 'capturing') {
    throw new CatdbError('ONLINE_NO_RUN', `The change capture was removed from ${ctx.file} (or fenced) while following; following stopped`, {
      hint: 'Another catdb removed it (`online-abort`) or cut over. Start again with `--if-exists drop` if the migration is still wanted.',
      details: { file: ctx.file },
    });
  }
  if (fingerprintCapture(o.reader.db, ctx.plan.tables.map((t) => t.source)) !== o.fingerprint) {
    throw new CatdbError('ONLINE_SCHEMA_CHANGED', `A migrated table of ${ctx.file} was altered, renamed or dropped (or catdb's triggers were) while following; the copy in PostgreSQL no longer matches it`, {
      hint: 'Run `catdb migrate online-abort`, then start the online migration again with --if-exists drop.',
      details: { file: ctx.file },
    });
  }
}

/** Whether a cutover asked for the lease; a run that is no longer followed stops the follower. */
async function cutoverRequested(ctx: ApplierContext, control: pg.Client): Promise<boolean> {
  let row: { requested: boolean; status: string } | undefined;
  try {
    row = (await control.query<{ requested: boolean; status: string }>(`SELECT cutover_requested_at IS NOT NULL AS requested, status FROM catdb.online_run WHERE run_id = $1`, [ctx.runId])).rows[0];
  } catch (err) {
    throw mapPgError(err, { what: 'Reading the online migration (catdb.online_run) failed' });
  }
  if (!row || row.status !== 'following') {
    throw new CatdbError('ONLINE_NO_RUN', `The online migration ${ctx.runId} is ${row ? row.status : 'gone from the target'}; following stopped`, {
      hint: 'It was aborted (`catdb migrate online-abort --to …`) or the catdb schema was changed by hand.',
      details: { runId: ctx.runId, status: row?.status },
    });
  }
  return row.requested;
}
