import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { CatdbError, throwIfAborted } from '../errors.js';
import type { DataOnlyResult } from '../migrate/migrate-data-only.js';
import type { MigrateResult } from '../migrate/migrate-sqlite-to-pg.js';
import { introspectSqlite } from '../sqlite/introspect-sqlite.js';
import { probeLookup3 } from '../verify/probe-lookup3.js';
import { newApplyRate } from './apply-rate.js';
import { createApplierContext } from './applier-context.js';
import { releaseLease, tryTakeLease } from './applier-lease.js';
import { copySnapshot, copyStartedSince } from './copy-snapshot.js';
import { followChanges } from './follow-changes.js';
import { installCapture } from './install-capture.js';
import type { OnlineEventHandler } from './online-event.js';
import type { MigrateOnlineOptions } from './online-options.js';
import { createOnlineRun, readOnlineRun, rereadOnlineRun, updateOnlineRun, type OnlineRun } from './online-run.js';
import { openOnlineSession, type OnlineSession } from './open-online-session.js';
import { planCapture } from './plan-capture.js';
import { planOnlineStart } from './plan-online-start.js';
import { readCapture, type CaptureState } from './read-capture.js';
import { removeCapture } from './remove-capture.js';
import { runCutover } from './run-cutover.js';
import type { CutoverResult } from './cutover-result.js';
import { waitForHandover } from './wait-for-handover.js';

/** How an online migration ended. */
export interface MigrateOnlineResult {
  runId: string;
  installId: string;
  /** `cut-over`: this process cut over; `cut-over-elsewhere`: `catdb migrate cutover` did; `already-cut-over`: before this run. */
  outcome: 'cut-over' | 'cut-over-elsewhere' | 'already-cut-over';
  /** The copy's result, when this run copied. */
  copy?: MigrateResult | DataOnlyResult;
  /** The cutover's report (this process's, or the one recorded in the target). */
  cutover?: CutoverResult;
  ms: number;
}

// Codes of a first copy that refused before loading anything: the command must change before
// it can succeed, so the capture must not keep logging the application's writes meanwhile.
const REFUSED = /^(PLAN_|MAP_|USAGE_|RESUME_)/;
/** Wait before trying again a cutover this process found would pause too long. */
const RETRY_CUTOVER_MS = 10_000;

/**
 * Migrates a live SQLite database into PostgreSQL while the application keeps writing to
 * it: installs change capture in the file (one write transaction), copies a snapshot (as
 * migrateSqliteToPg, verification included), then applies the captured changes round after
 * round, reporting the lag (`online-lag` events), until a cutover is requested from another
 * process (cutover()) or, with `cutoverWhenCaughtUp`, makes the cutover itself.
 *
 * Running it again continues whatever an earlier run left: a crashed copy is copied again
 * (nothing logged since the capture was installed is lost), following resumes from the
 * position recorded in the target, a cutover that fenced is finished.
 *
 * Side effects: catdb's objects in the SQLite file (`_catdb_changes`, `_catdb_meta`, triggers
 * named `_catdb_*`), the migrated tables in the target, and `catdb.online_run`.
 * Errors: ONLINE_*, SQLITE_*, PLAN_*, MAP_*, PG_*, COPY_*, VERIFY_MISMATCH, ABORTED (Ctrl-C:
 * everything stays as it was, resumable).
 */
export async function migrateOnline(options: MigrateOnlineOptions): Promise<MigrateOnlineResult> {
  const started = performance.now();
  const schema = options.schema ?? 'public';
  const emit: OnlineEventHandler = (e) => options.onEvent?.(e);
  const { signal } = options;
  const session = await openOnlineSession(options);
  try {
    const { reader, writer, control } = session;
    if (!(await tryTakeLease(control, schema))) throw busy(schema);
    const capture0 = readCapture(writer.db);
    const run0 = await readOnlineRun(control, schema, capture0.installId);
    const uninstalled = run0?.status === 'copying' && capture0.objects.tables.length + capture0.objects.triggers.length === 0;
    const start = planOnlineStart({
      file: options.source,
      schema,
      capture: capture0,
      run: run0,
      ifExists: options.ifExists ?? 'error',
      ...(uninstalled ? { copyStarted: await copyStartedSince(control, run0) } : {}),
    });
    if (start.action === 'done') {
      return { runId: start.run.runId, installId: start.run.installId, outcome: 'already-cut-over', ...(start.run.cutover ? { cutover: start.run.cutover as unknown as CutoverResult } : {}), ms: Math.round(performance.now() - started) };
    }
    let run: OnlineRun;
    let copy: MigrateResult | DataOnlyResult | undefined;
    if (start.action === 'start') {
      if (start.abandon) await updateOnlineRun(control, start.abandon.runId, { status: 'aborted', finished: true });
      // The run is recorded first, so a crash right after the install finds both paired.
      run = await createOnlineRun(control, { runId: randomUUID(), installId: randomUUID(), sourcePath: resolve(options.source), schema });
      emit({ type: 'online-phase', phase: 'capture', runId: run.runId });
      const tables = planCapture(introspectSqlite(reader.db, options.source), options);
      let installed;
      try {
        installed = installCapture(writer.db, { file: options.source, tables, installId: run.installId, targetSchema: schema });
      } catch (err) {
        await updateOnlineRun(control, run.runId, { status: 'aborted', finished: true });
        throw err;
      }
      emit({ type: 'online-capture', action: 'installed', installId: run.installId, tables: tables.length, triggers: installed.objects.triggers.length });
    } else {
      run = start.run;
      emit({ type: 'online-capture', action: 'found', installId: run.installId, tables: capture0.tables!.length, triggers: capture0.objects.triggers.length });
    }
    const capture = readCapture(writer.db) as Required<Pick<CaptureState, 'tables' | 'fingerprint'>> & CaptureState;
    if (start.action === 'start' || start.action === 'copy') {
      emit({ type: 'online-phase', phase: 'copy', runId: run.runId });
      try {
        copy = (await copySnapshot(control, run, capture.tables, copyOptions(options, schema), start.action === 'copy')).result;
      } catch (err) {
        if (start.action === 'start' && err instanceof CatdbError && REFUSED.test(err.code)) {
          removeCapture(writer.db, options.source);
          await updateOnlineRun(control, run.runId, { status: 'aborted', finished: true });
          throw new CatdbError(err.code, err.message, { hint: `${err.hint ?? ''} The change capture was removed from the SQLite file again.`.trim(), details: err.details, cause: err.cause });
        }
        throw err;
      }
    }
    run = await rereadOnlineRun(control, run.runId);
    if (run.status === 'cutting-over' && start.action !== 'finish-cutover') await updateOnlineRun(control, run.runId, { status: 'following', cutoverRequested: false }, 'cutting-over');
    const ctx = createApplierContext({ file: options.source, runId: run.runId, plan: run.followPlan!, appliedSeq: run.appliedSeq, encoding: reader.encoding, client: session.apply, algorithm: (await probeLookup3(session.apply)) ? 'lookup3' : 'md5', nul: options.nul ?? 'error' });
    const rate = newApplyRate();
    const cutoverHere = async (): Promise<CutoverResult> => runCutover({ ctx, reader, writer, control, capture: capture.tables, rate, settings: options.cutover ?? {}, ...(signal ? { signal } : {}), onEvent: emit });
    const done = (outcome: MigrateOnlineResult['outcome'], cutover?: CutoverResult): MigrateOnlineResult => ({
      runId: run.runId,
      installId: run.installId,
      outcome,
      ...(copy ? { copy } : {}),
      ...(cutover ? { cutover } : {}),
      ms: Math.round(performance.now() - started),
    });
    if (start.action === 'finish-cutover') return done('cut-over', await cutoverHere());
    emit({ type: 'online-phase', phase: 'follow', runId: run.runId });
    const maxPauseMs = options.cutover?.maxPauseMs ?? 5000;
    // After a cutover that would have paused too long, give the follower time before the next try.
    let tryCutoverAfter = 0;
    for (;;) {
      const followed = await followChanges(ctx, {
        reader,
        writer,
        control,
        fingerprint: capture.fingerprint,
        rate,
        ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
        ...(signal ? { signal } : {}),
        onEvent: emit,
        // Cut over once the rest drains in a quarter of the allowed pause.
        ...(options.cutoverWhenCaughtUp ? { stopWhen: (lag, r) => performance.now() >= tryCutoverAfter && r.roundMs + (lag.pendingChanges / r.changesPerSecond) * 1000 < maxPauseMs / 4 } : {}),
      });
      if (followed.outcome === 'caught-up') {
        if (!(await updateOnlineRun(control, run.runId, { status: 'cutting-over' }, 'following'))) throw busy(schema);
        try {
          return done('cut-over', await cutoverHere());
        } catch (err) {
          // Fenced and not recorded: running the command again finishes it.
          if (readCapture(writer.db).phase === 'fenced') throw err;
          await resumeFollowing(session, run.runId);
          // Too long a pause now: keep following and try again when the lag is down.
          if (!(err instanceof CatdbError && err.code === 'ONLINE_PAUSE_TOO_LONG')) throw err;
          tryCutoverAfter = performance.now() + RETRY_CUTOVER_MS;
          emit({ type: 'online-handover', status: 'resumed', reason: err.message });
          continue;
        }
      }
      await releaseLease(control, schema);
      emit({ type: 'online-handover', status: 'released' });
      const next = await waitForHandover({ control, runId: run.runId, schema, reader: reader.db, ...(signal ? { signal } : {}) });
      if (next === 'cut-over') {
        emit({ type: 'online-handover', status: 'cut-over' });
        return done('cut-over-elsewhere', (await rereadOnlineRun(control, run.runId)).cutover as unknown as CutoverResult);
      }
      // The cutover applied changes meanwhile: continue from where it left the position.
      ctx.appliedSeq = (await rereadOnlineRun(control, run.runId)).appliedSeq;
      if (next === 'finish-cutover') return done('cut-over', await cutoverHere());
      emit({ type: 'online-handover', status: 'resumed' });
      throwIfAborted(signal);
    }
  } catch (err) {
    if (err instanceof CatdbError && err.code === 'ABORTED') {
      throw new CatdbError('ABORTED', `The online migration of ${options.source} was interrupted; everything done so far is kept`, {
        hint: 'Run the same command again to continue (the capture in the SQLite file kept every change), or remove the capture with `catdb migrate online-abort`.',
        details: { file: options.source, schema },
        cause: err,
      });
    }
    throw err;
  } finally {
    await session.close();
  }
}

/** Back to `following` after a cutover this process tried did not happen (the file is not fenced). */
async function resumeFollowing(session: OnlineSession, runId: string): Promise<void> {
  await updateOnlineRun(session.control, runId, { status: 'following' }, 'cutting-over').catch(() => {});
}

function copyOptions(o: MigrateOnlineOptions, schema: string): Parameters<typeof copySnapshot>[3] {
  const pick = <K extends keyof MigrateOnlineOptions>(k: K) => (o[k] !== undefined ? { [k]: o[k] } : {});
  return {
    source: o.source,
    target: o.target,
    schema,
    ...pick('jobs'),
    ...pick('casts'),
    ...pick('identifiers'),
    ...pick('include'),
    ...pick('exclude'),
    ...pick('nul'),
    ...pick('fastPath'),
    ...pick('checkIntegrity'),
    // For a data-only copy --if-exists only means abandoning a run whose capture is gone.
    ...(o.dataOnly ? {} : pick('ifExists')),
    ...pick('dataOnly'),
    ...pick('existingRows'),
    ...pick('signal'),
    ...(o.onEvent ? { onEvent: o.onEvent } : {}),
  };
}

function busy(schema: string): CatdbError {
  return new CatdbError('ONLINE_BUSY', `Another catdb process is working on the online migration into schema ${schema} (it holds the applier lock)`, {
    hint: 'Only one follower or cutover runs at a time. Stop the other process, or let it finish; `catdb migrate cutover` asks a running follower to hand over.',
    details: { schema },
  });
}
