import { Option, type Command } from 'commander';
import { type PgbouncerEvent } from '@catdb/core/pgbouncer';
import { promoteReplica, type ReplicaEvent } from '@catdb/core/replica';
import { resultAction } from '../render/result-action.js';
import type { ActionContext } from '../render/run-action.js';
import { given } from './given.js';
import { parseDuration } from './duration-option.js';
import { replicaEventPrinter } from './replica-render.js';

interface Opts {
  replica: string;
  pgbouncerDir?: string;
  maxLag: number;
  force?: boolean;
  dryRun?: boolean;
  timeout: number;
  json?: boolean;
}

/** Replica events as replica commands print them; PgBouncer's admin steps as one line each. */
export function failoverEventPrinter(ctx: ActionContext): (e: ReplicaEvent | PgbouncerEvent) => void {
  const replica = replicaEventPrinter(ctx);
  return (e) => {
    if (!e.type.startsWith('pgbouncer.')) return replica(e as ReplicaEvent);
    if (ctx.json) return ctx.emitJson(e as unknown as Record<string, unknown>);
    if (e.type === 'pgbouncer.admin-command') process.stderr.write(`  pgbouncer ${e.command}\n`);
    if (e.type === 'pgbouncer.repointed') process.stderr.write(`  pgbouncer: ${e.aliases.join(', ')} → ${e.to}\n`);
  };
}

export function registerReplicaPromote(group: Command): void {
  group
    .command('promote')
    .description('Promote a streaming standby to primary and, given a PgBouncer folder, move its primary aliases there (clients wait, no errors)')
    .requiredOption('--replica <url>', 'superuser URL of the standby to promote')
    .option('--pgbouncer-dir <dir>', 'folder written by catdb pgbouncer init: PAUSE, repoint [databases], RELOAD, RESUME')
    .addOption(new Option('--max-lag <duration>', 'refuse when replay is further behind than this (measured on the standby)').argParser(parseDuration('--max-lag')).default(10_000, '10s'))
    .option('--force', 'promote even when behind --max-lag (what it has not replayed is lost)')
    .option('--dry-run', 'run the checks only')
    .addOption(new Option('--timeout <duration>', 'deadline for the promotion and the first write').argParser(parseDuration('--timeout', { positive: true })).default(60_000, '60s'))
    .option('--json', 'NDJSON events and a final result object')
    .addHelpText('after', '\nExit codes: 0 promoted (and PgBouncer moved), 1 failed, 2 usage, 5 promoted but PgBouncer not moved (the error prints the catdb pgbouncer repoint command that finishes it), 130 interrupted.')
    .action(
      resultAction(
        (ctx, opts: Opts) =>
          promoteReplica({
            replicaUrl: opts.replica,
            ...given({ pgbouncerDir: opts.pgbouncerDir }),
            maxLagMs: opts.maxLag,
            force: Boolean(opts.force),
            dryRun: Boolean(opts.dryRun),
            timeoutMs: opts.timeout,
            signal: ctx.signal,
            onEvent: failoverEventPrinter(ctx),
          }),
        (result) => {
          const lines = result.promoted
            ? [`Promoted: it accepts writes on timeline ${result.timeline}.`]
            : [`Checks passed (dry run): the standby can be promoted. Lag measured as ${result.plan.lagBasis}.`];
          if (result.pgbouncer) lines.push(result.pgbouncer.changed ? `PgBouncer: primary aliases ${result.pgbouncer.aliases.join(', ')} now point at the new primary.` : 'PgBouncer already pointed there.');
          if (result.promoted) lines.push('Stop the old primary if it still runs; repoint the other standbys with catdb replica follow.');
          return lines;
        },
      ),
    );
}
