import { Option, type Command } from 'commander';
import { CatdbError } from '@catdb/core';
import { initPgbouncer, type InitPgbouncerResult, type PgbouncerAuthMode, type PgbouncerEvent, type PoolMode } from '@catdb/core/pgbouncer';
import { runAction, type ActionContext } from '../render/run-action.js';
import { parseCount, parseListen } from './pgbouncer-options.js';

interface InitFlags {
  databaseUrl?: string;
  dir: string;
  listen?: string;
  poolMode?: PoolMode;
  maxClientConn?: number;
  defaultPoolSize?: number;
  minPoolSize?: number;
  reservePoolSize?: number;
  replicaUrl: string[];
  auth: PgbouncerAuthMode;
  superuserUrl?: string;
  authUser?: string;
  adminUser?: string;
  start?: boolean;
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
}

function describeEvent(e: PgbouncerEvent): string {
  switch (e.type) {
    case 'pgbouncer.notice':
      return `${e.level === 'warning' ? 'warning' : 'note'}: ${e.message}`;
    case 'pgbouncer.secret-read':
      return `read the ${e.secretType} secret of "${e.user}" from pg_authid`;
    case 'pgbouncer.auth-user-ready':
      return `auth user "${e.user}" ${e.created ? 'created' : 'updated'}`;
    case 'pgbouncer.auth-function-installed':
      return `installed ${e.function} in database "${e.database}"`;
    case 'pgbouncer.file-written':
      return `wrote ${e.path} (${e.mode})`;
    case 'pgbouncer.file-backed-up':
      return `kept a copy of ${e.path} (not written by catdb) as ${e.backup}`;
    case 'pgbouncer.started':
      return `started PgBouncer (pid ${e.pid}) on ${e.listen}`;
    case 'pgbouncer.reloaded':
      return `reloaded the running PgBouncer (pid ${e.pid}) on ${e.listen}; connections kept`;
    case 'pgbouncer.admin-command':
      return `${e.command}: done`;
    case 'pgbouncer.repointed':
      return `${e.aliases.join(', ')} now lead to ${e.to}`;
    case 'pgbouncer.ready':
      return `a query passed through "${e.alias}"${e.inRecovery ? ' (replica)' : ''}`;
    case 'pgbouncer.stopped':
      return `stopped PgBouncer (pid ${e.pid})`;
  }
}

function printResult(result: InitPgbouncerResult): void {
  const out: string[] = [];
  if (result.dryRun) {
    out.push('# dry run: nothing was written or changed; secrets are masked');
    for (const f of result.files) out.push(`# ---- ${result.dir}/${f.name} (mode ${f.mode.toString(8).padStart(4, '0')})`, f.content.trimEnd());
    if (result.sql.length > 0) out.push('# ---- SQL to run on the primary (as a superuser)', ...result.sql.map((s) => (s.startsWith('--') ? s : `${s};`)));
  } else {
    const where = `${result.listen.host}:${result.listen.port}`;
    out.push(`PgBouncer config in ${result.dir} (auth: ${result.auth}, listen ${where})`);
    for (const d of result.databases) out.push(`  ${d.alias} -> ${d.host}:${d.port}/${d.dbname} (${d.role})`);
    out.push(`  connect: postgres://${result.pooledUser}@${where}/<alias>`);
    out.push(`  admin console: PGPASSFILE=${result.adminPassfile} psql -h ${result.listen.host} -p ${result.listen.port} -U ${result.adminUser} pgbouncer`);
    for (const b of result.backups) out.push(`  kept ${b.path} (not written by catdb) as ${b.backup}`);
    if (!result.process) out.push(`  not started: add --start, or run pgbouncer -d ${result.dir}/pgbouncer.ini`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

async function initAction(ctx: ActionContext, flags: InitFlags): Promise<number> {
  if (!flags.databaseUrl) {
    throw new CatdbError('USAGE_INVALID_OPTION', 'No database URL: pass --database-url or set DATABASE_URL');
  }
  // LISTEN_PORT (the scaling guide's name) only sets the port; --listen wins when given.
  const envPort = process.env.LISTEN_PORT;
  const listen = flags.listen ? parseListen(flags.listen) : envPort ? parseListen(`:${envPort}`) : undefined;
  const result = await initPgbouncer({
    databaseUrl: flags.databaseUrl,
    dir: flags.dir,
    ...(listen ? { listen } : {}),
    ...(flags.poolMode ? { poolMode: flags.poolMode } : {}),
    ...(flags.maxClientConn !== undefined ? { maxClientConn: flags.maxClientConn } : {}),
    ...(flags.defaultPoolSize !== undefined ? { defaultPoolSize: flags.defaultPoolSize } : {}),
    ...(flags.minPoolSize !== undefined ? { minPoolSize: flags.minPoolSize } : {}),
    ...(flags.reservePoolSize !== undefined ? { reservePoolSize: flags.reservePoolSize } : {}),
    replicaUrls: flags.replicaUrl,
    auth: flags.auth,
    ...(flags.superuserUrl ? { superuserUrl: flags.superuserUrl } : {}),
    ...(flags.authUser ? { authUser: flags.authUser } : {}),
    ...(flags.adminUser ? { adminUser: flags.adminUser } : {}),
    start: Boolean(flags.start),
    dryRun: Boolean(flags.dryRun),
    force: Boolean(flags.force),
    signal: ctx.signal,
    onEvent: (e) => (ctx.json ? ctx.emitJson(e) : process.stderr.write(describeEvent(e) + '\n')),
  });
  if (ctx.json) ctx.emitJson({ type: 'pgbouncer.init-result', ...result });
  else printResult(result);
  return 0;
}

/** `catdb pgbouncer init`: options also read the scaling guide's env var names; a flag wins over env. */
export function registerPgbouncerInit(group: Command): void {
  group
    .command('init')
    .description('Write pgbouncer.ini and userlist.txt for the primary (and replicas), optionally start or reload PgBouncer')
    .addOption(new Option('--database-url <url>', 'primary as the app connects to it (its user is pooled)').env('DATABASE_URL'))
    .requiredOption('--dir <dir>', 'folder for config, userlist, pidfile, log and socket (created 0700; an existing one must be empty or catdb\'s, see --force)')
    .option('--listen <host:port>', 'address to listen on (default 127.0.0.1:6432; env LISTEN_PORT sets the port)')
    .addOption(new Option('--pool-mode <mode>', 'pool mode (default transaction)').choices(['session', 'transaction', 'statement']).env('POOL_MODE'))
    .addOption(new Option('--max-client-conn <n>', 'client connections accepted (default 1000)').argParser(parseCount('max client conn')).env('MAX_CLIENT_CONN'))
    .addOption(new Option('--default-pool-size <n>', 'server connections per database/user (default 20)').argParser(parseCount('default pool size')).env('DEFAULT_POOL_SIZE'))
    .addOption(new Option('--min-pool-size <n>', 'idle server connections kept (default 5)').argParser(parseCount('min pool size')).env('MIN_POOL_SIZE'))
    .addOption(new Option('--reserve-pool-size <n>', 'extra connections for waiting clients (default 0)').argParser(parseCount('reserve pool size')))
    .option('--replica-url <url>', 'a replica; adds the read-only alias <db>_ro, then <db>_ro2, … (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addOption(new Option('--auth <mode>', 'passthrough: copy the SCRAM secret from pg_authid; auth-query: look users up in the database').choices(['passthrough', 'auth-query']).default('passthrough'))
    .addOption(new Option('--superuser-url <url>', 'superuser connection for reading pg_authid / installing the lookup function (default: --database-url); never stored').env('CATDB_SUPERUSER_URL'))
    .option('--auth-user <name>', 'role PgBouncer runs auth_query as (auth-query mode)', 'catdb_pgbouncer_auth')
    .option('--admin-user <name>', 'PgBouncer-only admin/stats user', 'pgbouncer_admin')
    .option('--start', 'start PgBouncer (or reload the one running from --dir) and wait until a query passes')
    .option('--dry-run', 'print the files (secrets masked) and SQL; change nothing')
    .option('--force', 'write into a non-empty folder catdb did not create; each file replaced is first copied to <name>.bak')
    .option('--json', 'NDJSON events on stdout')
    .action(runAction(initAction));
}
