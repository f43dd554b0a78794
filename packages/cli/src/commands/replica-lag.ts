import { setTimeout as sleep } from 'node:timers/promises';
import { Option, type Command } from 'commander';
import { CatdbError, isCatdbError } from '@catdb/core';
import { CHECK_EXIT_CODE, DEFAULT_CHECK_TIMEOUT_MS } from '@catdb/core/monitoring';
import { checkReplicaLag, LAG_SERVICE, parseThreshold, renderLagNagios, renderLagPrometheus, renderLagPrometheusUnknown, type LagReport } from '@catdb/core/replica';
import { formatError } from '../render/format-error.js';
import { nagiosUnknownLine } from '../render/nagios-mode.js';
import { runAction, type ActionContext } from '../render/run-action.js';
import { parseDuration } from './duration-option.js';
import { resolvePrimary } from './resolve-primary.js';

interface Opts {
  primary?: string;
  replica: string[];
  warn: string[];
  crit: string[];
  json?: boolean;
  prometheus?: boolean;
  nagios?: boolean;
  /** Milliseconds between rounds. */
  watch?: number;
  /** Milliseconds for one round. */
  timeout: number;
}

const UNKNOWN = CHECK_EXIT_CODE.UNKNOWN;

function print(ctx: ActionContext, opts: Opts, report: LagReport | undefined, err: unknown): number {
  if (!report) {
    const message = err instanceof Error ? err.message : String(err);
    if (opts.json) ctx.emitJson({ state: 'UNKNOWN', exitCode: UNKNOWN, summary: message, error: err instanceof CatdbError ? err.toJSON() : { message } });
    else if (opts.prometheus) process.stdout.write(renderLagPrometheusUnknown());
    else if (opts.nagios) process.stdout.write(nagiosUnknownLine(LAG_SERVICE, err) + '\n');
    else process.stderr.write(formatError(err) + '\n');
    return UNKNOWN;
  }
  if (opts.json) ctx.emitJson({ ...report } as unknown as Record<string, unknown>);
  else if (opts.prometheus) process.stdout.write(renderLagPrometheus(report));
  else if (opts.nagios) process.stdout.write(renderLagNagios(report) + '\n');
  else process.stdout.write(`${report.state}: ${report.summary}\n`);
  return report.exitCode;
}

export function registerReplicaLag(group: Command): void {
  const collect = (v: string, acc: string[]) => [...acc, v];
  group
    .command('lag')
    .description('Check standby lag: exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (Nagios)')
    .option('--primary <url>', 'URL of the primary, superuser or pg_monitor (default: $DATABASE_URL, else PGHOST/PGDATABASE, else catdb\'s local PostgreSQL when it runs)')
    .option('--replica <url>', 'a standby to ask too (repeatable)', collect, [] as string[])
    .option('--warn <limit>', 'bytes and/or time behind, e.g. 16MB, 30s or 16MB,30s; or a Nagios range (10:, ~:30s, @1MB:16MB)', collect, [] as string[])
    .option('--crit <limit>', 'bytes and/or time behind, e.g. 64MB,2min; or a Nagios range', collect, [] as string[])
    .option('--json', 'one JSON document')
    .option('--prometheus', 'Prometheus text exposition format')
    .option('--nagios', 'one Nagios status line with perfdata')
    .addOption(new Option('--timeout <duration>', 'deadline of each check, connecting and queries (500ms, 5s, 2m; a bare number is seconds)').argParser(parseDuration('--timeout', { positive: true })).default(DEFAULT_CHECK_TIMEOUT_MS, '10s'))
    .addOption(new Option('--watch <duration>', 'repeat every <duration> until Ctrl-C (a bare number is seconds)').argParser(parseDuration('--watch', { positive: true })))
    .action(
      runAction(async (ctx, opts: Opts) => {
        let warn, crit, primaryUrl: string;
        try {
          if ([opts.json, opts.prometheus, opts.nagios].filter(Boolean).length > 1) throw new CatdbError('USAGE_INVALID_OPTION', 'Choose one of --json, --prometheus, --nagios');
          warn = parseThreshold(opts.warn, '--warn');
          crit = parseThreshold(opts.crit, '--crit');
          primaryUrl = await resolvePrimary(opts.primary, ctx.signal);
        } catch (err) {
          // A Nagios plugin with bad arguments answers UNKNOWN, never CRITICAL; elsewhere it is a usage error.
          if (!opts.nagios || !isCatdbError(err) || !err.code.startsWith('USAGE_')) throw err;
          process.stdout.write(nagiosUnknownLine(LAG_SERVICE, err) + '\n');
          // Nagios reads stdout only; a person running the check by hand also gets the hint.
          process.stderr.write(formatError(err) + '\n');
          return UNKNOWN;
        }
        let code: number = UNKNOWN;
        for (;;) {
          let report: LagReport | undefined;
          let failure: unknown;
          try {
            report = await checkReplicaLag({ primaryUrl, replicaUrls: opts.replica, warn, crit, timeoutMs: opts.timeout, signal: ctx.signal });
          } catch (err) {
            if (ctx.signal.aborted) break;
            failure = err;
          }
          // A failed round is reported like any other; --watch goes on to the next one.
          code = print(ctx, opts, report, failure);
          if (opts.watch === undefined || ctx.signal.aborted) break;
          await sleep(opts.watch, undefined, { signal: ctx.signal }).catch(() => {});
          if (ctx.signal.aborted) break;
        }
        return code;
      }),
    );
}
