import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CatdbError, isCatdbError, throwIfAborted } from '../errors.js';
import { DEFAULT_CHECK_TIMEOUT_MS } from '../monitoring/default-check-timeout.js';
import { passfileFor } from '../pg/connect.js';
import { lookupPgpass } from '../pg/pgpass.js';
import { openAdminConsole, type AdminRow } from './admin-console.js';
import { mapCheckFindings, type AliasProbe, type CheckReport, type CheckThresholds } from './map-check-findings.js';
import { parseConnectionUrl } from '../pg/parse-connection-url.js';
import { probePooler } from './probe-pooler.js';
import { parseUserlist } from './render-userlist.js';
import { readPgbouncerState } from './read-pgbouncer-state.js';
import { PGBOUNCER_FILES, type ListenAddress, type UserlistEntry } from './types.js';

/** Options of checkPgbouncer. */
export interface CheckPgbouncerOptions {
  /** A folder written by initPgbouncer: listen address, admin user and password, aliases come from it. */
  dir?: string;
  /** Or the admin console URL (`postgres://admin@host:port/pgbouncer`; password from the URL or its passfile). */
  adminUrl?: string;
  /**
   * Credentials for the queries through each alias: user and password are taken from this
   * URL, host/port/database are replaced by the pooler's. Without a password, the entry for
   * that user at the pooler's address in the URL's `?passfile=`, PGPASSFILE or ~/.pgpass.
   */
  databaseUrl?: string;
  thresholds?: Partial<CheckThresholds>;
  /**
   * Milliseconds for the whole check, default 10000. An admin console that has not answered
   * by then fails the check with PG_TIMEOUT; an alias that has not answered is a CRITICAL
   * finding (PgBouncer answered, the pool did not).
   */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What checkPgbouncer found: the check state and findings, and what the admin console and the probes returned. */
export interface PgbouncerCheckResult extends CheckReport {
  listen: ListenAddress;
  pools: AdminRow[];
  stats: AdminRow[];
  databases: AdminRow[];
  config: Record<string, string>;
  probes: AliasProbe[];
}

interface Target {
  listen: ListenAddress;
  adminUser: string;
  adminPassword: string | undefined;
  pooledUser: string | undefined;
  aliases: { alias: string; role?: 'primary' | 'replica' }[] | undefined;
  userlist?: { entries: UserlistEntry[]; authUser?: string };
  files?: { path: string; mode: number }[];
}

function targetFromDir(dirOption: string): Target {
  const { dir, state, adminPassword } = readPgbouncerState(dirOption);
  const userlistPath = join(dir, PGBOUNCER_FILES.userlist);
  const files = [dir, ...Object.values(PGBOUNCER_FILES).map((f) => join(dir, f))]
    .filter((p) => existsSync(p) && !p.endsWith('.pid') && !p.endsWith('.log'))
    .map((path) => ({ path, mode: statSync(path).mode }));
  return {
    listen: state.listen,
    adminUser: state.adminUser,
    adminPassword,
    pooledUser: state.pooledUser,
    aliases: state.databases.map((d) => ({ alias: d.alias, role: d.role })),
    userlist: {
      entries: existsSync(userlistPath) ? parseUserlist(readFileSync(userlistPath, 'utf8')) : [],
      ...(state.authUser ? { authUser: state.authUser } : {}),
    },
    files,
  };
}

function targetFromAdminUrl(url: string): Target {
  const p = parseConnectionUrl(url);
  return {
    listen: { host: p.host, port: p.port },
    adminUser: p.user,
    adminPassword: p.password ?? lookupPgpass(passfileFor(url), p.host, p.port, 'pgbouncer', p.user),
    pooledUser: undefined,
    aliases: undefined,
  };
}

/**
 * Reads SHOW POOLS/STATS/DATABASES/CONFIG on the admin console, sends one query through
 * every alias (all at once), and maps it all to findings and a Nagios status (see
 * mapCheckFindings). Read-only; done within `timeoutMs`. An admin console that refuses
 * connections is a CRITICAL finding, not an error.
 * Errors: PG_TIMEOUT (the admin console did not answer in time), PGBOUNCER_CHECK_FAILED
 * (nothing to check), USAGE_INVALID_OPTION, ABORTED.
 */
export async function checkPgbouncer(options: CheckPgbouncerOptions): Promise<PgbouncerCheckResult> {
  if (!options.dir && !options.adminUrl) {
    throw new CatdbError('USAGE_NO_TARGET', 'No PgBouncer to check: pass --dir or --admin-url (a check never starts one)', { hint: 'Pass --dir with the folder catdb pgbouncer init wrote, or --admin-url postgres://user@host:port/pgbouncer.' });
  }
  throwIfAborted(options.signal);
  const target = options.dir ? targetFromDir(options.dir) : targetFromAdminUrl(options.adminUrl!);
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const { listen } = target;

  let pools: AdminRow[] = [];
  let stats: AdminRow[] = [];
  let databases: AdminRow[] = [];
  const config: Record<string, string> = {};
  let adminError: string | undefined;
  try {
    const admin = await openAdminConsole(listen, target.adminUser, target.adminPassword, timeoutMs, options.signal);
    try {
      // Pools first: the probes below would otherwise show up as waiting clients themselves.
      pools = await admin.show('POOLS');
      stats = await admin.show('STATS');
      databases = await admin.show('DATABASES');
      for (const row of await admin.show('CONFIG')) config[String(row.key)] = String(row.value ?? '');
    } finally {
      await admin.end();
    }
  } catch (err) {
    // A console that accepts and never answers tells nothing about the pools: the check cannot judge.
    if (isCatdbError(err, 'PG_TIMEOUT') || isCatdbError(err, 'ABORTED')) throw err;
    adminError = err instanceof Error ? err.message : String(err);
  }
  throwIfAborted(options.signal);

  const aliases =
    target.aliases ??
    databases.filter((d) => d.name !== 'pgbouncer').map((d) => ({ alias: String(d.name), role: /_ro\d*$/.test(String(d.name)) ? ('replica' as const) : ('primary' as const) }));
  let user = target.pooledUser;
  let urlPassword: string | undefined;
  if (options.databaseUrl) {
    const p = parseConnectionUrl(options.databaseUrl);
    user = p.user;
    urlPassword = p.password;
  }
  const passfile = passfileFor(options.databaseUrl ?? '');
  // In parallel: each probe has what is left of the deadline, not a share of it.
  const probes: AliasProbe[] = await Promise.all(
    aliases.map(async ({ alias, role }): Promise<AliasProbe> => {
      const base = { alias, ...(role ? { role } : {}) };
      const password = urlPassword ?? (user ? lookupPgpass(passfile, listen.host, listen.port, alias, user) : undefined);
      if (!user || password === undefined) {
        return { ...base, skipped: `no password for ${user ?? 'a pooled user'}: set DATABASE_URL or --database-url (a password or ?passfile=), or add a passfile entry` };
      }
      try {
        const r = await probePooler(listen, alias, { user, password }, deadline - Date.now(), options.signal);
        return { ...base, result: { inRecovery: r.inRecovery, maxConnections: r.maxConnections } };
      } catch (err) {
        if (isCatdbError(err, 'ABORTED')) throw err;
        return { ...base, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );

  const report = mapCheckFindings({
    ...(adminError ? { adminError } : {}),
    pools,
    databases,
    config,
    probes,
    ...(target.userlist ? { userlist: target.userlist } : {}),
    ...(target.files ? { files: target.files } : {}),
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
  });
  return { ...report, listen, pools, stats, databases, config, probes };
}
