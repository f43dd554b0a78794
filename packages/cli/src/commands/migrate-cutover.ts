import { Option, type Command } from 'commander';
import { cutover, parseDuration, previewCutover, type CutoverPreview } from '@catdb/core/online';
import { formatMs } from '../render/format-units.js';
import { ExitCode } from '../render/exit-code.js';
import { renderCutoverSummary } from '../render/render-cutover-summary.js';
import { renderOnlineEvent } from '../render/render-online-event.js';
import { runAction } from '../render/run-action.js';
import { describeTarget } from '../render/describe-target.js';
import { resolveTarget } from './resolve-target.js';
import { addOutputOptions } from './output-options.js';
import { plural } from '../render/plural.js';

interface Opts {
  to?: string;
  schema: string;
  maxPause: number;
  lockTimeout: number;
  handoverTimeout: number;
  verify: 'changed' | 'full';
  dryRun?: boolean;
  json?: boolean;
}

export function registerMigrateCutover(group: Command): void {
  const command = addCutoverOptions(
    group
      .command('cutover')
      .description('Switch an online migration over: pause SQLite writers, apply the last changes, verify, set sequences, fence the SQLite file')
      .argument('<sqlite-file>', 'the SQLite database being migrated with --online')
      .option('--to <postgres-url>', 'target PostgreSQL URL (default: $DATABASE_URL, else PGHOST/PGDATABASE, else catdb\'s local PostgreSQL; see docs/connecting.md)')
      .option('--schema <name>', 'target schema', 'public')
      .addOption(new Option('--verify <mode>', 'under the lock: row counts of the changed tables, or count and checksum of every table').choices(['changed', 'full']).default('changed')),
  )
    .addOption(new Option('--handover-timeout <duration>', 'how long a running follower may take to hand over').argParser((v) => parseDuration(v, '--handover-timeout')).default(30_000, '30s'))
    .option('--dry-run', 'say what a cutover would do now (pending changes, expected pause, checks); change nothing')
    .option('--json', 'print NDJSON events instead of progress');
  addOutputOptions(command)
    .addHelpText('after', '\nExit codes: 0 cut over (or already), 1 failed or refused (nothing fenced), 2 usage, 3 verification mismatch (nothing fenced), 130 interrupted.')
    .action(
      runAction(async (ctx, file: string, opts: Opts) => {
        // A dry run is read-only; a cutover may start catdb's local server, which holds the run, but creates no database.
        const target = await resolveTarget(ctx, { to: opts.to, file, local: opts.dryRun ? 'if-running' : 'start', schema: opts.schema });
        if (ctx.json) ctx.emitJson({ type: 'target', url: describeTarget(target.url), schema: opts.schema, embedded: Boolean(target.local) });
        if (opts.dryRun) {
          const preview = await previewCutover({ source: file, target: target.url, schema: opts.schema, maxPauseMs: opts.maxPause, verify: opts.verify, signal: ctx.signal });
          if (ctx.json) ctx.emitJson({ type: 'cutover-preview', ...preview });
          else process.stdout.write(renderPreview(preview, file) + `Target: ${describeTarget(target.url, opts.schema)}\n`);
          return ExitCode.ok;
        }
        const result = await cutover({
          source: file,
          target: target.url,
          schema: opts.schema,
          maxPauseMs: opts.maxPause,
          lockTimeoutMs: opts.lockTimeout,
          handoverTimeoutMs: opts.handoverTimeout,
          verify: opts.verify,
          signal: ctx.signal,
          onEvent: (e) => {
            ctx.logEvent(e);
            if (ctx.json) return ctx.emitJson(e as unknown as Record<string, unknown>);
            const line = renderOnlineEvent(e, file);
            if (line) process.stderr.write(line + '\n');
          },
        });
        if (ctx.json) ctx.emitJson({ type: 'cutover-summary', ...result });
        else process.stdout.write(renderCutoverSummary(result, file) + `Target: ${describeTarget(target.url, opts.schema)}\n`);
        return ExitCode.ok;
      }),
    );
}

/** --max-pause and --lock-timeout, shared with `sqlite-to-pg --online --cutover-when-caught-up`. */
export function addCutoverOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--max-pause <duration>', 'longest write pause allowed: refuse a cutover expected to take longer, back out of one that does').argParser((v) => parseDuration(v, '--max-pause')).default(5000, '5s'))
    .addOption(new Option('--lock-timeout <duration>', "how long to wait for the application's current write transaction before pausing writers").argParser((v) => parseDuration(v, '--lock-timeout')).default(10_000, '10s'));
}

function renderPreview(p: CutoverPreview, file: string): string {
  const list = (names: string[]): string => (names.length ? names.join(', ') : 'none');
  return [
    `Online migration ${p.runId} of ${file}: ${p.status}.`,
    `Pending: ${plural(p.pendingChanges, 'change')}, the oldest ${p.lagSeconds.toFixed(1)} s old; the follower applied up to ${p.changesPerSecond === null ? '(not measured yet)' : `${Math.round(p.changesPerSecond)}/s`}.`,
    `Expected write pause: about ${formatMs(p.estimatedPauseMs)} (limit ${formatMs(p.maxPauseMs)}).`,
    p.verify === 'full' ? `Under the lock: count and checksum ${list(p.checksum)}.` : `Under the lock: count the rows of ${list(p.count)}.`,
    ...(p.reload.length ? [`Copied again whole (no primary key): ${list(p.reload)}.`] : []),
    `Then: fence ${plural(p.fencedTables, 'table')}; move the sequences of ${list(p.sequences)}.`,
    '',
  ].join('\n');
}
