import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError, throwIfAborted } from '../errors.js';
import { probeLookup3 } from '../verify/probe-lookup3.js';
import { newApplyRate } from './apply-rate.js';
import { createApplierContext } from './applier-context.js';
import { tryTakeLease } from './applier-lease.js';
import type { CutoverOptions } from './online-options.js';
import { readOnlineRun, rereadOnlineRun, updateOnlineRun, type OnlineRun } from './online-run.js';
import { openOnlineSession, type OnlineSession } from './open-online-session.js';
import { readCapture } from './read-capture.js';
import { runCutover } from './run-cutover.js';
import type { CutoverResult } from './cutover-result.js';

/**
 * Switches an online migration over: asks the running follower (if any) to hand over,
 * catches up, estimates the write pause and refuses past `maxPauseMs`, then takes SQLite's
 * write lock (the application's writers wait on their busy timeout), applies the last
 * changes, verifies, fences the file (writes to migrated tables now fail with catdb's
 * message) and releases the lock, then moves the sequences past max(id) and sqlite_sequence.
 * When it returns, PostgreSQL holds exactly what SQLite held at the fence. Events report the
 * estimate and the pause (`write-lock`).
 *
 * Running it again after a crash finishes the cutover (or starts it over if the file was
 * not fenced yet); after a successful one it returns the recorded report.
 *
 * Errors: ONLINE_NO_RUN, ONLINE_BUSY (no handover in time, or still copying),
 * ONLINE_PAUSE_TOO_LONG, VERIFY_MISMATCH, SQLITE_LOCKED, ONLINE_APPLY_FAILED, ABORTED, PG_*.
 * On any of them before the fence, the application goes on writing to SQLite and the
 * follower (if one runs) resumes.
 */
export async function cutover(options: CutoverOptions): Promise<CutoverResult & { alreadyDone: boolean }> {
  const schema = options.schema ?? 'public';
  const session = await openOnlineSession(options);
  try {
    const capture = readCapture(session.reader.db);
    let run = await readOnlineRun(session.control, schema, capture.installId);
    if (!run || run.status === 'aborted' || !capture.installId || run.installId !== capture.installId) {
      throw new CatdbError('ONLINE_NO_RUN', `No online migration of ${options.source} into schema ${schema} is recorded in the target${run ? ` (the target's run ${run.runId} pairs with another capture)` : ''}`, {
        hint: 'Start one with `catdb migrate sqlite-to-pg <file> --to <url> --online`, and cut over once it follows.',
        details: { file: options.source, schema, runId: run?.runId, installId: capture.installId },
      });
    }
    if (run.status === 'done') return { ...(run.cutover as unknown as CutoverResult), alreadyDone: true };
    if (run.status === 'copying') {
      throw new CatdbError('ONLINE_BUSY', `The online migration ${run.runId} is still copying its tables; a cutover can start once it follows`, {
        hint: 'Wait for `catdb migrate sqlite-to-pg --online` to report that it follows (or run it again if it stopped).',
        details: { runId: run.runId },
      });
    }
    await takeOver(session, run, schema, options);
    run = await rereadOnlineRun(session.control, run.runId);
    // A follower that found the cutover stopped after the fence may have finished it meanwhile.
    if (run.status === 'done') return { ...(run.cutover as unknown as CutoverResult), alreadyDone: true };
    await updateOnlineRun(session.control, run.runId, { status: 'cutting-over', cutoverRequested: false });
    const ctx = createApplierContext({ file: options.source, runId: run.runId, plan: run.followPlan!, appliedSeq: run.appliedSeq, encoding: session.reader.encoding, client: session.apply, algorithm: (await probeLookup3(session.apply)) ? 'lookup3' : 'md5' });
    const rate = newApplyRate();
    if (run.applyRate) rate.changesPerSecond = run.applyRate;
    try {
      const result = await runCutover({
        ctx,
        reader: session.reader,
        writer: session.writer,
        control: session.control,
        capture: capture.tables!,
        rate,
        settings: options,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      });
      return { ...result, alreadyDone: false };
    } catch (err) {
      // Not fenced: the follower (if one waits) takes over again.
      if (readCapture(session.writer.db).phase !== 'fenced') await updateOnlineRun(session.control, run.runId, { status: 'following' }, 'cutting-over').catch(() => {});
      throw err;
    }
  } finally {
    await session.close();
  }
}

/** Takes the applier lease, from a running follower if there is one. */
async function takeOver(session: OnlineSession, run: OnlineRun, schema: string, o: CutoverOptions): Promise<void> {
  const { control } = session;
  if (!(await tryTakeLease(control, schema))) {
    await updateOnlineRun(control, run.runId, { cutoverRequested: true });
    const deadline = performance.now() + (o.handoverTimeoutMs ?? 30_000);
    for (;;) {
      throwIfAborted(o.signal);
      if (await tryTakeLease(control, schema)) break;
      if (performance.now() > deadline) {
        await updateOnlineRun(control, run.runId, { cutoverRequested: false });
        throw new CatdbError('ONLINE_BUSY', `The process following the online migration ${run.runId} did not hand over within ${Math.round((o.handoverTimeoutMs ?? 30_000) / 1000)} s`, {
          hint: 'It may be busy with a long round or stuck; check it, stop it (Ctrl-C) if need be, and run the cutover again.',
          details: { runId: run.runId },
        });
      }
      await sleep(100, undefined, o.signal ? { signal: o.signal } : undefined).catch(() => throwIfAborted(o.signal));
    }
  }
}
