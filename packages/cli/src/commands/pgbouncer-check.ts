import { Option, type Command } from 'commander';
import { isCatdbError } from '@catdb/core';
import { DEFAULT_CHECK_TIMEOUT_MS, CHECK_EXIT_CODE } from '@catdb/core/monitoring';
import { checkPgbouncer, PGBOUNCER_SERVICE, renderNagiosLine, type PgbouncerCheckResult } from '@catdb/core/pgbouncer';
import { formatError, errorEvent } from '../render/format-error.js';
import { nagiosUnknownLine } from '../render/nagios-mode.js';
import { runAction, type ActionContext } from '../render/run-action.js';
import { parseDuration } from './duration-option.js';
import { parseCount } from './pgbouncer-options.js';

interface CheckFlags {
  dir?: string;
  adminUrl?: string;
  databaseUrl?: string;
  json?: boolean;
  nagios?: boolean;
  instances: number;
  /** Milliseconds, like every duration option. */
  maxwaitWarning: number;
  maxwaitCritical: number;
  capacityWarning: number;
  timeout: number;
}

function printHuman(r: PgbouncerCheckResult): void {
  const lines = [`PgBouncer ${r.listen.host}:${r.listen.port}: ${r.status}`];
  for (const f of r.findings) lines.push(`  ${f.status.padEnd(8)} ${f.message}`);
  const pools = r.pools.filter((p) => p.database !== 'pgbouncer');
  if (pools.length > 0) {
    lines.push('  pools (database/user: cl_active cl_waiting sv_active sv_idle maxwait):');
    for (const p of pools) lines.push(`    ${p.database}/${p.user}: ${p.cl_active} ${p.cl_waiting} ${p.sv_active} ${p.sv_idle} ${p.maxwait}s`);
  }
  for (const c of r.metrics.capacity) lines.push(`  capacity ${c.server}: ${c.planned} of max_connections ${c.maxConnections} (${Math.round(c.ratio * 100)}%)`);
  process.stdout.write(lines.join('\n') + '\n');
}

async function checkAction(ctx: ActionContext, flags: CheckFlags): Promise<number> {
  const thresholds = {
    instances: flags.instances,
    maxwaitWarnSeconds: flags.maxwaitWarning / 1000,
    maxwaitCritSeconds: flags.maxwaitCritical / 1000,
    capacityWarnRatio: flags.capacityWarning / 100,
  };
  let result: PgbouncerCheckResult;
  try {
    result = await checkPgbouncer({
      ...(flags.dir ? { dir: flags.dir } : {}),
      ...(flags.adminUrl ? { adminUrl: flags.adminUrl } : {}),
      ...(flags.databaseUrl ? { databaseUrl: flags.databaseUrl } : {}),
      thresholds,
      timeoutMs: flags.timeout,
      signal: ctx.signal,
    });
  } catch (err) {
    // A check that cannot run is UNKNOWN to a monitoring system, not a failure of the pooler;
    // bad arguments are that only for a Nagios plugin, and a usage error (exit 2) elsewhere.
    if (flags.nagios) process.stdout.write(nagiosUnknownLine(PGBOUNCER_SERVICE, err) + '\n');
    else if (isCatdbError(err) && err.code.startsWith('USAGE_')) throw err;
    else if (ctx.json) ctx.emitJson(errorEvent(err));
    else process.stderr.write(formatError(err) + '\n');
    return CHECK_EXIT_CODE.UNKNOWN;
  }
  if (flags.nagios) process.stdout.write(renderNagiosLine(result, thresholds) + '\n');
  else if (ctx.json) ctx.emitJson({ type: 'pgbouncer.check', ...result });
  else printHuman(result);
  return result.exitCode;
}

/** `catdb pgbouncer check`: exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (Nagios). */
export function registerPgbouncerCheck(group: Command): void {
  group
    .command('check')
    .description('Query through every alias and read SHOW POOLS/STATS/DATABASES/CONFIG; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN')
    .option('--dir <dir>', 'folder written by catdb pgbouncer init')
    .option('--admin-url <url>', 'admin console URL instead of --dir (postgres://user@host:port/pgbouncer)')
    .addOption(new Option('--database-url <url>', 'user and password for the queries through each alias').env('DATABASE_URL'))
    .addOption(new Option('--json', 'one JSON object on stdout').conflicts('nagios'))
    .option('--nagios', 'one Nagios plugin line with performance data')
    .addOption(new Option('--instances <n>', 'PgBouncer processes sharing the servers (pool sizes add up)').argParser(parseCount('instances')).default(1))
    .addOption(new Option('--maxwait-warning <duration>', 'how long a client may wait; longer is WARNING (a bare number is seconds)').argParser(parseDuration('--maxwait-warning')).default(1000, '1s'))
    .addOption(new Option('--maxwait-critical <duration>', 'longer is CRITICAL (a bare number is seconds)').argParser(parseDuration('--maxwait-critical')).default(5000, '5s'))
    .addOption(new Option('--capacity-warning <pct>', 'share of max_connections the pools may reach').argParser(parseCount('capacity warning')).default(80))
    .addOption(new Option('--timeout <duration>', 'deadline of the whole check (500ms, 5s, 2m; a bare number is milliseconds here, as before)').argParser(parseDuration('--timeout', { positive: true, bareMs: true })).default(DEFAULT_CHECK_TIMEOUT_MS, '10s'))
    .action(runAction(checkAction));
}
