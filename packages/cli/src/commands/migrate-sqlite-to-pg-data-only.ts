import { describeTarget } from '../render/describe-target.js';
import { resolveTarget } from './resolve-target.js';
import { CatdbError, isCatdbError, migrateSqliteToPg, type DataOnlyReport } from '@catdb/core';
import { ExitCode } from '../render/exit-code.js';
import { renderDataOnlyEvent, renderDataOnlyReport, renderDataOnlySummary } from '../render/render-data-only-report.js';
import type { ActionContext } from '../render/run-action.js';
import { RejectFiles } from './reject-files.js';
import { rejectsDirFor } from './rejects-dir-option.js';
import { progressIntervalMs } from '../render/progress-interval.js';
import { progressLines } from '../render/progress-lines.js';

export interface DataOnlyOpts {
  to?: string;
  schema: string;
  include: string[];
  exclude: string[];
  nul: 'error' | 'strip';
  cast: string[];
  dryRun?: boolean;
  verify: boolean;
  onError: 'stop' | 'skip-row';
  ifExists: 'error' | 'drop';
  existingRows: 'error' | 'truncate' | 'skip';
  orphans: 'error' | 'skip';
  allowRejects?: boolean;
  rejectsDir?: string;
  rejectDir?: string;
  checkIntegrity?: boolean;
  resume?: boolean;
  strictTypes?: boolean;
  wait?: boolean;
}

/**
 * `migrate sqlite-to-pg --data-only`: the target schema must exist already, so there is no
 * embedded server; the report prints before any change (and is all `--dry-run` does).
 */
export async function migrateDataOnlyAction(ctx: ActionContext, file: string, opts: DataOnlyOpts): Promise<number> {
  if (opts.cast.length) throw new CatdbError('USAGE_INVALID_OPTION', '--cast does not apply to --data-only: values are converted to the existing target column types');
  if (opts.strictTypes) throw new CatdbError('USAGE_INVALID_OPTION', '--strict-types does not apply to --data-only: the target tables already have their types, and every value that does not convert is reported before the load');
  if (opts.onError !== 'stop') throw new CatdbError('USAGE_INVALID_OPTION', '--on-error skip-row is not available with --data-only: every value that cannot convert is reported before the load');
  if (opts.ifExists !== 'error') throw new CatdbError('USAGE_INVALID_OPTION', '--if-exists does not apply to --data-only; use --existing-rows truncate or skip');
  if (opts.resume) throw new CatdbError('USAGE_INVALID_OPTION', '--resume does not apply to --data-only: the load is one transaction, so a failed run changed nothing and is simply run again');
  // The application schema must exist already: catdb's local server is used only when it runs, and no database is created.
  const target = await resolveTarget(ctx, { to: opts.to, file, local: 'if-running', schema: opts.schema });
  const url = target.url;
  let report: DataOnlyReport | undefined;
  // Its own lines end each table; these add the start and, for long tables, rows/s and ETA.
  const starts = ctx.json || ctx.quiet ? undefined : progressLines({ write: (line) => void process.stderr.write(line + '\n'), intervalMs: progressIntervalMs(), ends: false });
  const rejects = new RejectFiles(rejectsDirFor(file, opts));
  const result = await migrateSqliteToPg({
    source: file,
    target: url,
    schema: opts.schema,
    include: opts.include,
    exclude: opts.exclude,
    nul: opts.nul,
    checkIntegrity: Boolean(opts.checkIntegrity),
    dryRun: Boolean(opts.dryRun),
    verify: opts.verify,
    dataOnly: true,
    existingRows: opts.existingRows,
    orphans: opts.orphans,
    wait: Boolean(opts.wait),
    signal: ctx.signal,
    onEvent: (e) => {
      if (e.type === 'reject') rejects.add(e.record);
      ctx.logEvent(e);
      if (ctx.json) return ctx.emitJson(e as unknown as Record<string, unknown>);
      if (e.type === 'data-only-report') {
        report = e.report;
        // The full report goes to stdout for --dry-run; a real run shows it only when it blocks.
        if (opts.dryRun) process.stdout.write(renderDataOnlyReport(e.report));
        return;
      }
      starts?.onEvent(e);
      const line = renderDataOnlyEvent(e);
      if (line !== undefined) process.stderr.write(line + '\n');
    },
  }).catch((err: unknown) => {
    starts?.stop();
    if (!ctx.json && report && isCatdbError(err, 'PLAN_DATA_ONLY_BLOCKED')) process.stdout.write(renderDataOnlyReport(report));
    throw err;
  });
  if (opts.dryRun) return report && report.issues.length > 0 ? ExitCode.failed : ExitCode.ok;
  const rejectFiles = rejects.finish();
  if (ctx.json) {
    ctx.emitJson({
      type: 'summary',
      dataOnly: true,
      tables: result.tables,
      rows: result.rows,
      bytes: result.bytes,
      rejected: result.rejected,
      rejectFiles,
      sequences: result.sequences,
      verified: result.verification ? result.verification.tables.length : 0,
      ms: result.ms,
    });
  } else process.stdout.write(renderDataOnlySummary(result, rejectFiles) + `Target: ${describeTarget(url, opts.schema)}\n`);
  return result.rejected > 0 && !opts.allowRejects ? ExitCode.failed : ExitCode.ok;
}
