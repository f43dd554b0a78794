import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { CatdbError, throwIfAborted } from '../errors.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { releaseLease, tryTakeLease } from './applier-lease.js';
import { rereadOnlineRun, updateOnlineRun } from './online-run.js';
import { readCapture } from './read-capture.js';

/** A cutover request older than this whose process never took the lease is dropped. */
export const STALE_REQUEST_MS = 60_000;
const POLL_MS = 250;

/**
 * The follower's side of a cutover after it released the lease: waits until the cutover is
 * done ('cut-over'), or did not happen and the lease is free again ('resume', the lease is
 * then held again). A cutover whose process died holding the lease lets it go with its
 * connection: before the fence the follower simply resumes; after it, 'finish-cutover'.
 *
 * Errors: ONLINE_NO_RUN (aborted meanwhile), ABORTED.
 */
export async function waitForHandover(o: { control: pg.Client; runId: string; schema: string; reader: SqliteDatabase; signal?: AbortSignal }): Promise<'cut-over' | 'resume' | 'finish-cutover'> {
  for (;;) {
    throwIfAborted(o.signal);
    const run = await rereadOnlineRun(o.control, o.runId);
    if (run.status === 'done') return 'cut-over';
    if (run.status === 'aborted' || run.status === 'copying') {
      throw new CatdbError('ONLINE_NO_RUN', `The online migration ${o.runId} was ${run.status === 'aborted' ? 'aborted' : 'restarted'} by another catdb process; following stopped`, { details: { runId: o.runId } });
    }
    const requestAge = run.cutoverRequestedAt ? Date.now() - run.cutoverRequestedAt.getTime() : Infinity;
    // A fresh request means a cutover is about to take the lease: leave it alone.
    const mayTake = run.status === 'cutting-over' || requestAge > STALE_REQUEST_MS;
    if (mayTake && (await tryTakeLease(o.control, o.schema))) {
      if (run.status === 'following') {
        await updateOnlineRun(o.control, o.runId, { cutoverRequested: false }, 'following');
        return 'resume';
      }
      // Cutting over, yet nobody holds the lease: that cutover's process is gone.
      if (readCapture(o.reader).phase === 'fenced') return 'finish-cutover';
      if (await updateOnlineRun(o.control, o.runId, { status: 'following', cutoverRequested: false }, 'cutting-over')) return 'resume';
      await releaseLease(o.control, o.schema);
    }
    try {
      await sleep(POLL_MS, undefined, o.signal ? { signal: o.signal } : undefined);
    } catch {
      throwIfAborted(o.signal);
    }
  }
}
