import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError, checkReplicaLag, parseThreshold, renderLagNagios, renderLagPrometheus, renderLagPrometheusUnknown, type LagReport } from '@catdb/core';
import type { Command } from 'commander';
import { formatError } from '../render/format-error.js';
import { runAction, type ActionContext } from '../render/run-action.js';

interface Opts {
  primary: string;
  replica: string[];
  warn: string[];
  crit: string[];
  json?: boolean;
  prometheus?: boolean;
  nagios?: boolean;
  watch?: string;
}

const UNKNOWN = 3;

function print(ctx: ActionContext, opts: Opts, report: LagReport | undefined, err: unknown): number {
  if (!report) {
    const message = err instanceof Error ? err.message : String(err);
    if (opts.json) ctx.emitJson({ state: 'UNKNOWN', exitCode: UNKNOWN, summary: message, error: err instanceof CatdbError ? err.toJSON() : { message } });
    else if (opts.prometheus) process.stdout.write(renderLagPrometheusUnknown());
    else if (opts.nagios) process.stdout.write(`REPLICA UNKNOWN - ${message.replaceAll('|', '/').replaceAll('\n', ' ')}\n`);
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
    .requiredOption('--primary <url>', 'URL of the primary (superuser or pg_monitor)')
    .option('--replica <url>', 'a standby to ask too (repeatable)', collect, [] as string[])
    .option('--warn <limit>', 'bytes and/or time behind, e.g. 16MB, 30s or 16MB,30s', collect, [] as string[])
    .option('--crit <limit>', 'bytes and/or time behind, e.g. 64MB,2min', collect, [] as string[])
    .option('--json', 'one JSON document')
    .option('--prometheus', 'Prometheus text exposition format')
    .option('--nagios', 'one Nagios status line with perfdata')
    .option('--watch <seconds>', 'repeat every <seconds> until Ctrl-C')
    .action(
      runAction(async (ctx, opts: Opts) => {
        let warn, crit;
        let every: number | undefined;
        try {
          if ([opts.json, opts.prometheus, opts.nagios].filter(Boolean).length > 1) throw new CatdbError('USAGE_INVALID_OPTION', 'Choose one of --json, --prometheus, --nagios');
          warn = parseThreshold(opts.warn, '--warn');
          crit = parseThreshold(opts.crit, '--crit');
          if (opts.watch !== undefined) {
            every = Number(opts.watch);
            if (!(every > 0)) throw new CatdbError('USAGE_INVALID_OPTION', `--watch: "${opts.watch}" is not a positive number of seconds`);
          }
        } catch (err) {
          // A monitoring plugin with bad arguments answers UNKNOWN, not CRITICAL.
          return print(ctx, opts, undefined, err);
        }
        let code = UNKNOWN;
        for (;;) {
          let report: LagReport | undefined;
          let failure: unknown;
          try {
            report = await checkReplicaLag({ primaryUrl: opts.primary, replicaUrls: opts.replica, warn, crit, signal: ctx.signal });
          } catch (err) {
            if (ctx.signal.aborted) break;
            failure = err;
          }
          code = print(ctx, opts, report, failure);
          if (every === undefined || ctx.signal.aborted) break;
          await sleep(every * 1000, undefined, { signal: ctx.signal }).catch(() => {});
          if (ctx.signal.aborted) break;
        }
        return code;
      }),
    );
}
