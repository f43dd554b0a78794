import { CatdbError, parseCastRule, type MigrationEvent } from '@catdb/core';
import { migrateOnline, type OnlineEvent } from '@catdb/core/online';
import { ExitCode } from '../render/exit-code.js';
import { renderCutoverSummary } from '../render/render-cutover-summary.js';
import { migrationProgress, wantsProgressLines, type MigrationProgress } from '../render/migration-progress.js';
import { renderDataOnlyEvent } from '../render/render-data-only-report.js';
import { renderOnlineEvent } from '../render/render-online-event.js';
import type { ActionContext } from '../render/run-action.js';
import { sourceTargetOptions, type SourceTargetOpts } from './migrate-options.js';
import { describeTarget } from '../render/describe-target.js';
import type { OutputOpts } from '../render/action-output.js';
import { resolveTarget } from './resolve-target.js';

/** The options of `migrate sqlite-to-pg` that `--online` reads, on top of the source/target ones. */
export interface OnlineOpts extends SourceTargetOpts, OutputOpts {
  cast: string[];
  ifExists: 'error' | 'drop';
  dryRun?: boolean;
  verify: boolean;
  onError: 'stop' | 'skip-row';
  checkIntegrity?: boolean;
  resume?: boolean;
  createDatabase?: boolean;
  dataOnly?: boolean;
  existingRows: 'error' | 'truncate' | 'skip';
  orphans: 'error' | 'skip';
  cutoverWhenCaughtUp?: boolean;
  maxPause: number;
  lockTimeout: number;
  cutoverVerify: 'changed' | 'full';
}

/** Event types the follow display prints at most every this often (the rest as they come). */
const LAG_LINE_EVERY_MS = 10_000;

/**
 * `migrate sqlite-to-pg --online`: the copy shows the usual progress, then one line per
 * second of lag on a terminal (every 10 s, and when it catches up, in a log).
 */
export async function migrateOnlineAction(ctx: ActionContext, file: string, opts: OnlineOpts): Promise<number> {
  const refuse = (why: string): never => {
    throw new CatdbError('USAGE_INVALID_OPTION', `--online ${why}`);
  };
  if (opts.dataOnly && opts.cast.length) refuse('with --data-only converts to the existing target column types: --cast does not apply');
  if (opts.dataOnly && opts.existingRows === 'skip') refuse('with --data-only takes --existing-rows error or truncate: kept target rows would never match the followed ones');
  if (opts.dataOnly && opts.orphans === 'skip') refuse('with --data-only needs every row: orphans left out would make the follower fail on their children');
  if (opts.resume) refuse('continues by itself: run the same command again, without --resume');
  if (opts.dryRun) refuse('has no --dry-run; run `catdb migrate sqlite-to-pg --dry-run` (without --online) to see the plan');
  if (!opts.verify) refuse('always verifies the copy: the follower builds on it (drop --no-verify)');
  if (opts.onError !== 'stop') refuse('needs every row: --on-error skip-row would leave rows the follower cannot find');
  // With --data-only the application schema must exist already: catdb's local server is used only when it runs.
  const target = await resolveTarget(ctx, { to: opts.to, file, local: opts.dataOnly ? 'if-running' : 'start', schema: opts.schema, createDatabase: Boolean(opts.createDatabase) });
  const tty = Boolean(process.stderr.isTTY) && !ctx.json;
  let progress: MigrationProgress | undefined;
  let progressDone: Promise<void> | undefined;
  let lastLagLine = 0;
  let lastCaughtUp: boolean | undefined;
  const say = (line: string): void => void process.stderr.write(line + '\n');
  const onEvent = (e: OnlineEvent): void => {
    ctx.logEvent(e);
    if (ctx.json) return ctx.emitJson(e as unknown as Record<string, unknown>);
    // The data-only load reports in lines of its own; the full copy drives the task list.
    if (e.type === 'online-phase' && e.phase === 'copy' && !opts.dataOnly) {
      progress = migrationProgress({ verify: true, lines: wantsProgressLines(ctx.verbose || opts.logFile !== undefined) });
      progressDone = progress.finish();
    }
    if (isCopyEvent(e)) {
      if (progress) return progress.onEvent(e);
      if (opts.dataOnly) {
        const line = e.type === 'data-only-report' ? undefined : renderDataOnlyEvent(e);
        if (line) say(line);
      }
      return;
    }
    if (e.type === 'online-lag') {
      const now = performance.now();
      if (!tty && now - lastLagLine < LAG_LINE_EVERY_MS && e.caughtUp === lastCaughtUp) return;
      lastLagLine = now;
      lastCaughtUp = e.caughtUp;
      if (tty) return void process.stderr.write(`\r\u001b[K${renderOnlineEvent(e, file)}`);
    }
    const line = renderOnlineEvent(e, file);
    if (line) say(tty && e.type !== 'online-lag' ? `\r\u001b[K${line}` : line);
  };
  try {
    const result = await migrateOnline({
      ...sourceTargetOptions(file, target.url, opts),
      casts: opts.cast.map(parseCastRule),
      ifExists: opts.ifExists,
      ...(opts.dataOnly ? { dataOnly: true, existingRows: opts.existingRows === 'truncate' ? ('truncate' as const) : ('error' as const) } : {}),
      checkIntegrity: Boolean(opts.checkIntegrity),
      cutoverWhenCaughtUp: Boolean(opts.cutoverWhenCaughtUp),
      cutover: { maxPauseMs: opts.maxPause, lockTimeoutMs: opts.lockTimeout, verify: opts.cutoverVerify },
      signal: ctx.signal,
      onEvent,
    });
    await progressDone;
    if (ctx.json) ctx.emitJson({ type: 'online-summary', runId: result.runId, outcome: result.outcome, cutover: result.cutover ?? null, ms: result.ms });
    else if (result.cutover) process.stdout.write((result.outcome === 'cut-over-elsewhere' ? 'Cut over by `catdb migrate cutover`.\n' : '') + renderCutoverSummary({ ...result.cutover, alreadyDone: result.outcome === 'already-cut-over' }, file));
    else process.stdout.write(`${file} was already cut over (run ${result.runId}).\n`);
    if (!ctx.json) process.stdout.write(`Target: ${describeTarget(target.url, opts.schema)}\n`);
    return ExitCode.ok;
  } catch (err) {
    progress?.fail(err);
    await progressDone;
    if (tty) process.stderr.write('\n');
    throw err;
  }
}

/** An event of the copy (a MigrationEvent), as opposed to the online migration's own. */
function isCopyEvent(e: OnlineEvent): e is MigrationEvent {
  return !e.type.startsWith('online-') && !e.type.startsWith('cutover') && e.type !== 'write-lock' && e.type !== 'fenced';
}
