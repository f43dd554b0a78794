import { CatdbError } from '../errors.js';
import type { OnlineRun } from './online-run.js';
import type { CaptureState } from './read-capture.js';

/** What `migrate sqlite-to-pg --online` finds before it does anything. */
export interface OnlineStartFacts {
  file: string;
  schema: string;
  /** catdb's objects in the SQLite file. */
  capture: CaptureState;
  /** The target's unfinished online run of `schema`, else the one paired with the file's capture. */
  run: OnlineRun | undefined;
  ifExists: 'error' | 'drop';
  /** Whether a copy into the schema started since `run` began (see copySnapshot); asked only when it matters. */
  copyStarted?: boolean;
}

/** What to do; every case of an earlier run (crashed, interrupted, done) has one answer. */
export type OnlineStart =
  /** Nothing under way: install capture, record a run, copy, follow. `abandon`: a run whose capture is gone. */
  | { action: 'start'; abandon?: OnlineRun }
  /** The copy did not finish: copy again (the capture kept every change since it was installed). */
  | { action: 'copy'; run: OnlineRun }
  | { action: 'follow'; run: OnlineRun }
  /** A cutover fenced the file and stopped before it recorded itself done: finish it. */
  | { action: 'finish-cutover'; run: OnlineRun }
  | { action: 'done'; run: OnlineRun };

/**
 * Decides how an online migration starts or continues from what the file and the target
 * hold. Pure; throws the CatdbError that explains a refusal (nothing has been changed then).
 *
 * Errors: ONLINE_CAPTURE_CONFLICT, ONLINE_NO_RUN.
 */
export function planOnlineStart(f: OnlineStartFacts): OnlineStart {
  const { capture, run } = f;
  const present = capture.objects.tables.length + capture.objects.triggers.length > 0;
  const active = run && run.status !== 'done' && run.status !== 'aborted' ? run : undefined;
  if (!present) {
    if (!active) return { action: 'start' };
    // Recorded, then stopped before the capture was installed: nothing was done yet.
    if (f.ifExists === 'drop' || (active.status === 'copying' && f.copyStarted === false)) return { action: 'start', abandon: active };
    throw new CatdbError('ONLINE_NO_RUN', `The online migration into schema ${f.schema} (run ${active.runId}, started ${active.startedAt.toISOString()}) has no change capture in ${f.file} any more; it cannot continue`, {
      hint: 'The capture was removed (catdb migrate online-abort) or the file was replaced. Start again with --if-exists drop: the run is abandoned and the tables are copied again.',
      details: { file: f.file, schema: f.schema, runId: active.runId },
    });
  }
  const conflict = (why: string): CatdbError =>
    new CatdbError('ONLINE_CAPTURE_CONFLICT', `${f.file} holds change capture that this command cannot continue: ${why}; nothing was changed`, {
      hint: 'Continue that migration with its own --to and --schema, or remove the capture with `catdb migrate online-abort` and start again.',
      details: { file: f.file, schema: f.schema, installId: capture.installId, capturedFor: capture.targetSchema, runId: run?.runId },
    });
  if (!capture.installId || !capture.tables) throw conflict('its bookkeeping (_catdb_meta) is missing or unreadable');
  if (capture.targetSchema !== f.schema) throw conflict(`it belongs to an online migration into schema ${capture.targetSchema}`);
  if (!run || run.installId !== capture.installId) {
    throw conflict(run ? `the target's online migration into ${f.schema} (run ${run.runId}) is another one` : `the target records no online migration into ${f.schema} (was it another database?)`);
  }
  switch (run.status) {
    case 'copying':
      return { action: 'copy', run };
    case 'following':
      return { action: 'follow', run };
    case 'cutting-over':
      // A cutover that stopped before the fence left the file writable: keep following.
      return capture.phase === 'fenced' ? { action: 'finish-cutover', run } : { action: 'follow', run };
    case 'done':
      return { action: 'done', run };
    case 'aborted':
      throw new CatdbError('ONLINE_NO_RUN', `The online migration ${run.runId} was aborted in the target, but ${f.file} still holds its capture`, {
        hint: 'Run `catdb migrate online-abort` on the file to remove it, then start again.',
        details: { file: f.file, runId: run.runId },
      });
  }
}
