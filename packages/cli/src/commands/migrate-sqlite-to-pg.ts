import { Option, type Command } from 'commander';
import { incompleteSchemaError, isCatdbError, migrateSqliteToPg, parseCastRule, planSqliteMigration, renderPlanSql, type MigrateResult } from '@catdb/core';
import { ExitCode } from '../render/exit-code.js';
import { formatBytes, formatMs } from '../render/format-units.js';
import { migrationProgress, wantsProgressLines } from '../render/migration-progress.js';
import { renderWaitingForRun } from '../render/render-waiting-for-run.js';
import { runAction, type ActionContext } from '../render/run-action.js';
import { addSourceTargetOptions, collect, type SourceTargetOpts } from './migrate-options.js';
import { addCutoverOptions } from './migrate-cutover.js';
import { migrateDataOnlyAction } from './migrate-sqlite-to-pg-data-only.js';
import { migrateOnlineAction } from './migrate-sqlite-to-pg-online.js';
import { describeTarget } from '../render/describe-target.js';
import { resolveTarget, type ResolvedTarget } from './resolve-target.js';
import { addOutputOptions } from './output-options.js';
import { RejectFiles } from './reject-files.js';
import { addRejectsDirOption, rejectsDirFor, type RejectsDirOpts } from './rejects-dir-option.js';
import { terminalSafe } from '../render/terminal-safe.js';
import type { OutputOpts } from '../render/action-output.js';
import { plural } from '../render/plural.js';

interface Opts extends SourceTargetOpts, RejectsDirOpts, OutputOpts {
  cast: string[];
  strictTypes?: boolean;
  compatFunctions: boolean;
  ifExists: 'error' | 'drop';
  dryRun?: boolean;
  verify: boolean;
  onError: 'stop' | 'skip-row';
  allowRejects?: boolean;
  allowIncompleteSchema?: boolean;
  checkIntegrity?: boolean;
  resume?: boolean;
  wait?: boolean;
  createDatabase?: boolean;
  dataOnly?: boolean;
  existingRows: 'error' | 'truncate' | 'skip';
  orphans: 'error' | 'skip';
  online?: boolean;
  cutoverWhenCaughtUp?: boolean;
  cutoverVerify: 'changed' | 'full';
  maxPause: number;
  lockTimeout: number;
}

export function registerMigrateSqliteToPg(group: Command): void {
  const command = addSourceTargetOptions(
    group
      .command('sqlite-to-pg')
      .description('Migrate a SQLite database into PostgreSQL: schema, data (COPY), keys, indexes, foreign keys, sequences, views; then verify')
      .argument('<sqlite-file>', 'the SQLite database (opened read-only)'),
  )
    .option('--cast <rule>', "cast rule, e.g. 'type datetime to timestamp' or 'column media_items.metadata to jsonb' (repeatable)", collect, [])
    .option('--strict-types', 'stop where a column holds values its declared type cannot carry (or a primary key holds NULLs), instead of choosing a type (or a UNIQUE constraint) that carries them')
    .option('--no-compat-functions', "do not create the schema catdb_sqlite with catdb's functions for SQLite functions PostgreSQL lacks (datetime, strftime, iif, …); views and CHECKs that call them are then not translated")
    .addOption(new Option('--if-exists <mode>', 'existing target tables: fail before any change, or drop them').choices(['error', 'drop']).default('error'))
    .option('--dry-run', 'print the plan (column mapping, DDL, load order, warnings) and touch nothing')
    .option('--no-verify', 'skip the count and checksum comparison after the load')
    .addOption(new Option('--on-error <mode>', 'a value that cannot be carried: stop, or leave its row out').choices(['stop', 'skip-row']).default('stop'))
    .option('--allow-rejects', 'exit 0 even when rows were left out')
    .option('--allow-incomplete-schema', 'exit 0 even when a view, trigger, index, constraint or virtual table of the source was not created (the data loads either way)')
    .option('--check-integrity', 'run PRAGMA integrity_check on the source first')
    .option('--resume', 'continue the unfinished run recorded in the target (catdb.migration_run): keep the tables it loaded, reload the others')
    .option('--create-database', 'create the target database when the server has none of that name (the user needs CREATEDB)')
    .option('--wait', 'when another migration into the same schema is running, wait for it to end instead of failing')
    .option('--data-only', 'load rows only, into the tables the application already created in --schema (see docs/data-only.md)')
    .addOption(new Option('--existing-rows <mode>', 'with --data-only, target tables that hold rows: fail, empty them first, or keep their rows and add the rest').choices(['error', 'truncate', 'skip']).default('error'))
    .addOption(new Option('--orphans <mode>', 'with --data-only, rows whose parent row is missing: fail, or leave them out (reject files)').choices(['error', 'skip']).default('error'))
    .option('--online', 'keep the application running on SQLite: capture its changes, copy, then follow them until `catdb migrate cutover` (see docs/online.md)')
    .option('--cutover-when-caught-up', 'with --online, cut over by itself once the follower has caught up')
    .addOption(new Option('--cutover-verify <mode>', 'with --cutover-when-caught-up, what the cutover verifies (see migrate cutover --verify)').choices(['changed', 'full']).default('changed'));
  addOutputOptions(addCutoverOptions(addRejectsDirOption(command)))
    .addHelpText('after', '\nExit codes: 0 ok, 1 failed (or rows rejected), 2 usage, 3 verification mismatch, 4 schema objects not created, 75 another migration into the schema is running, 130 interrupted.')
    .action(runAction(migrateAction));
}

async function migrateAction(ctx: ActionContext, file: string, opts: Opts): Promise<number> {
  if (opts.online) return migrateOnlineAction(ctx, file, opts);
  if (opts.dataOnly) return migrateDataOnlyAction(ctx, file, opts);
  const casts = opts.cast.map(parseCastRule);
  const common = {
    source: file,
    schema: opts.schema,
    identifiers: opts.identifiers,
    casts,
    include: opts.include,
    exclude: opts.exclude,
    strictTypes: Boolean(opts.strictTypes),
    compatFunctions: opts.compatFunctions,
    checkIntegrity: Boolean(opts.checkIntegrity),
    signal: ctx.signal,
  };
  let target: ResolvedTarget;
  try {
    // A dry run is read-only: it uses the local server only when it already runs.
    target = await resolveTarget(ctx, { to: opts.to, file, local: opts.dryRun ? 'if-running' : 'start', schema: opts.schema, createDatabase: Boolean(opts.createDatabase) && !opts.dryRun });
  } catch (err) {
    if (!opts.dryRun || !isCatdbError(err, 'USAGE_NO_TARGET')) throw err;
    // With no database to compare with, the plan comes from the SQLite file alone.
    if (!ctx.json) process.stderr.write('No target given (--to, DATABASE_URL, PGHOST/PGDATABASE) and catdb\'s local PostgreSQL is not running: the plan below is from the SQLite file alone, checked against no database.\n');
    const plan = planSqliteMigration(common);
    if (ctx.json) ctx.emitJson({ type: 'plan', plan });
    else process.stdout.write(renderPlanSql(plan));
    return ExitCode.ok;
  }
  const progress = !ctx.json && !opts.dryRun && !ctx.quiet ? migrationProgress({ verify: opts.verify, lines: wantsProgressLines(ctx.verbose || opts.logFile !== undefined) }) : undefined;
  const finished = progress?.finish();
  const rejects = new RejectFiles(rejectsDirFor(file, opts));
  let result: MigrateResult;
  try {
    result = await migrateSqliteToPg({
      ...common,
      target: target.url,
      jobs: opts.jobs,
      ifExists: opts.ifExists,
      dryRun: Boolean(opts.dryRun),
      verify: opts.verify,
      onError: opts.onError,
      nul: opts.nul,
      resume: Boolean(opts.resume),
      wait: Boolean(opts.wait),
      // The summary is printed first; the exit code is decided below.
      allowIncompleteSchema: true,
      onEvent: (e) => {
        if (e.type === 'reject') rejects.add(e.record);
        ctx.logEvent(e);
        if (ctx.json) ctx.emitJson(e as unknown as Record<string, unknown>);
        else if (e.type === 'waiting-for-run') process.stderr.write(renderWaitingForRun(e) + '\n');
        progress?.onEvent(e);
      },
    });
  } catch (err) {
    progress?.fail(err);
    await finished;
    throw err;
  }
  await finished;
  if (opts.dryRun) {
    if (ctx.json) ctx.emitJson({ type: 'plan', plan: result.plan, warnings: result.warnings });
    else process.stdout.write(renderPlanSql({ ...result.plan, warnings: result.warnings }));
    return ExitCode.ok;
  }
  const rejectFiles = rejects.finish();
  const summary = {
    type: 'summary',
    tables: result.tables.length,
    rows: result.rows,
    bytes: result.bytes,
    rejected: result.rejected,
    rejectFiles,
    ms: result.ms,
    verified: result.verification ? result.verification.tables.length : 0,
    warnings: result.warnings,
    skipped: result.plan.skipped,
    incomplete: result.incomplete,
    target: { url: describeTarget(target.url), schema: result.plan.schema, embedded: Boolean(target.local), ...(target.local ? { dir: target.local.dir, passfile: target.local.passfile, port: target.local.port, database: target.local.database } : {}) },
  };
  if (ctx.json) ctx.emitJson(summary);
  else process.stdout.write(renderSummary(result, rejectFiles, target, opts.schema));
  if (result.rejected > 0 && !opts.allowRejects) return ExitCode.failed;
  if (result.incomplete.length > 0 && !opts.allowIncompleteSchema) throw incompleteSchemaError(result.plan.schema, result.incomplete);
  return ExitCode.ok;
}

function renderSummary(r: MigrateResult, rejectFiles: string[], target: ResolvedTarget, schema: string): string {
  const lines: string[] = [];
  const rate = r.ms > 0 ? Math.round(r.rows / (r.ms / 1000)) : r.rows;
  lines.push(`\nMigrated ${plural(r.tables.length, 'table')}, ${plural(r.rows, 'row', r.rows.toLocaleString('en-US'))} (${formatBytes(r.bytes)} of COPY data) in ${formatMs(r.ms)} — ${rate.toLocaleString('en-US')} rows/s.`);
  // Rows left out never stand next to a match without their count.
  const leftOut = r.rejected ? `, not counting the ${plural(r.rejected, 'row')} left out (see ${rejectFiles.join(', ')})` : '';
  if (r.verification) lines.push(`Verified ${plural(r.verification.tables.length, 'table')}: row counts and checksums match${leftOut}.`);
  else if (r.rejected) lines.push(`${plural(r.rejected, 'row')} ${r.rejected === 1 ? 'was' : 'were'} left out; see ${rejectFiles.join(', ')}`);
  const warnings = r.warnings.filter((w) => !w.notCreated);
  if (warnings.length) {
    lines.push(`\n${plural(warnings.length, 'warning')}:`);
    for (const w of warnings) lines.push(terminalSafe(`  - ${w.object}: ${w.message}${w.sql ? `\n      ${w.sql.replaceAll('\n', '\n      ')}` : ''}`));
  }
  const skipped = r.plan.skipped.filter((s) => !s.notCreated);
  if (skipped.length) {
    lines.push(`\nLeft out on purpose or derived (${skipped.length}):`);
    for (const s of skipped) lines.push(terminalSafe(`  - ${s.name}: ${s.reason}${s.sql ? `\n      ${s.sql.replaceAll('\n', '\n      ')}` : ''}`));
  }
  if (r.incomplete.length) {
    lines.push(`\nNot created (${r.incomplete.length}: ${countByKind(r.incomplete)}):`);
    for (const o of r.incomplete) lines.push(terminalSafe(`  - ${o.kind} ${o.name}: ${o.reason}${o.sql ? `\n      ${o.sql.replaceAll('\n', '\n      ')}` : ''}`));
  }
  if (target.local) {
    lines.push(`\nConnect with:  PGPASSFILE=${target.local.passfile} psql '${describeTarget(target.url)}'`);
    lines.push(`Stop the server with:  catdb local stop`);
  }
  // The last line names what was touched, next to an --if-exists drop as much as anywhere.
  lines.push(`Target: ${describeTarget(target.url, r.plan.schema || schema)}${target.local ? " (catdb's local PostgreSQL)" : ''}`);
  return lines.join('\n') + '\n';
}

/** `2 views, 1 trigger`: what an incomplete run left out, by kind. */
function countByKind(objects: MigrateResult['incomplete']): string {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => plural(n, kind)).join(', ');
}
