import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError, isCatdbError, throwIfAborted } from '../errors.js';
import { passwordFromPassfile } from '../pg/connect.js';
import { redactUrl } from '../pg/redact-url.js';
import { assertSafePath } from '../os/assert-safe-path.js';
import { chownTo, serverOsUser } from '../os/os-user.js';
import { writePgpassFile } from '../pg/pgpass.js';
import { parseConnectionUrl } from '../pg/parse-connection-url.js';
import { applyAuthQuery } from './apply-auth-query.js';
import { findPgbouncerBin } from './find-pgbouncer-bin.js';
import { planPgbouncerInit, pooledDatabases } from './plan-pgbouncer-init.js';
import { probePooler, type PoolerCredentials } from './probe-pooler.js';
import { readPgbouncerFacts } from './read-pgbouncer-facts.js';
import type { RenderedFile } from './render-pgbouncer-config.js';
import { planPoolSizes } from './plan-pool-sizes.js';
import { pgbouncerLogTail, startPgbouncer } from './start-pgbouncer.js';
import { preparePgbouncerDir, writePgbouncerFiles } from './write-pgbouncer-files.js';
import { PGBOUNCER_FILES, type ListenAddress, type PgbouncerAuthMode, type PgbouncerDatabase, type PgbouncerEventHandler, type PoolMode } from './types.js';

export { replicaAlias, SCRAM_AUTH_QUERY_NOTICE } from './plan-pgbouncer-init.js';

/** Options of initPgbouncer. */
export interface InitPgbouncerOptions {
  /** The primary, as the application connects to it; its user is the pooled user. */
  databaseUrl: string;
  /**
   * Folder for pgbouncer.ini, userlist.txt, pidfile, log and socket; created 0700, marked
   * `.catdb-owned`. A folder catdb did not create must be empty (or see `force`) and already
   * 0700 and owned by the user PgBouncer runs as: catdb never chmods or chowns it.
   */
  dir: string;
  /** Write into a non-empty folder catdb did not create, copying each file it replaces to `<name>.bak` (`.bak.2`… if taken) first. */
  force?: boolean;
  /** Default 127.0.0.1:6432. */
  listen?: ListenAddress;
  /** Default `transaction`. */
  poolMode?: PoolMode;
  /** Default 1000. */
  maxClientConn?: number;
  /** Server connections per database/user pair; default 20 (raised to `minPoolSize` when only that is set). */
  defaultPoolSize?: number;
  /** Default 5 (lowered to `defaultPoolSize` when only that is set). */
  minPoolSize?: number;
  /** Default 0. */
  reservePoolSize?: number;
  /** Each becomes a read-only alias: `<db>_ro`, `<db>_ro2`, … in the given order. */
  replicaUrls?: readonly string[];
  /** Default `passthrough`. */
  auth?: PgbouncerAuthMode;
  /** A superuser for reading pg_authid / installing the lookup function; default databaseUrl. Never stored. */
  superuserUrl?: string;
  /** Role PgBouncer runs auth_query as (auth-query mode); default `catdb_pgbouncer_auth`. */
  authUser?: string;
  /** PgBouncer-only admin/stats user; default `pgbouncer_admin`. */
  adminUser?: string;
  /** Start (or reload) PgBouncer and wait until a query passes through it. */
  start?: boolean;
  /** Read what is needed, write and change nothing; the result's files are masked. */
  dryRun?: boolean;
  /** pgbouncer binary; default found on the machine. */
  binary?: string;
  /** Milliseconds to wait for the first query through PgBouncer; default 30000. */
  readyTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: PgbouncerEventHandler;
}

/** What initPgbouncer wrote (files, SQL, backups of replaced files) and whether it started or reloaded PgBouncer. */
export interface InitPgbouncerResult {
  dir: string;
  listen: ListenAddress;
  auth: PgbouncerAuthMode;
  databases: PgbouncerDatabase[];
  pooledUser: string;
  adminUser: string;
  /** libpq passfile with the admin console password (0600). */
  adminPassfile: string;
  /** The rendered files with every secret masked: safe to print. */
  files: RenderedFile[];
  /** auth-query mode: the SQL run (or, dry run, to be run) on the primary, verifier masked. */
  sql: string[];
  dryRun: boolean;
  /** Files someone else wrote that `force` replaced, and where each was copied first. */
  backups: { path: string; backup: string }[];
  process?: { action: 'started' | 'reloaded'; pid: number };
}

function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

async function resolvePassword(url: string): Promise<string | undefined> {
  const parsed = parseConnectionUrl(url);
  if (parsed.password !== undefined) return parsed.password;
  const fromFile = passwordFromPassfile(url);
  const value = fromFile ? await fromFile() : '';
  return value || undefined;
}

/**
 * Writes pgbouncer.ini, userlist.txt (0600, in a 0700 folder owned by the user PgBouncer
 * runs as) and the admin passfile; with `start`, starts PgBouncer or reloads the one
 * already running from `dir`, then waits until a query passes through every alias.
 *
 * passthrough: the pooled user's SCRAM secret is copied from pg_authid (needs a superuser).
 * auth-query: installs a SECURITY DEFINER lookup function in every pooled database and
 * an unprivileged auth role (see SCRAM_AUTH_QUERY_NOTICE).
 * Events never carry secrets. Errors: USAGE_INVALID_OPTION, USAGE_INVALID_PATH, PGBOUNCER_CONFIG,
 * PGBOUNCER_NOT_INSTALLED, PGBOUNCER_START_FAILED, PG_*, ABORTED, FS_NOT_OWNED (a folder
 * catdb did not create; checked first, dry run included, before any server is contacted).
 */
export async function initPgbouncer(options: InitPgbouncerOptions): Promise<InitPgbouncerResult> {
  const { signal, onEvent } = options;
  const dir = assertSafePath(resolve(options.dir), 'PgBouncer folder');
  const auth = options.auth ?? 'passthrough';
  const listen = options.listen ?? { host: '127.0.0.1', port: 6432 };
  const adminUser = options.adminUser ?? 'pgbouncer_admin';
  const authUser = options.authUser ?? 'catdb_pgbouncer_auth';
  const dryRun = Boolean(options.dryRun);
  const primary = parseConnectionUrl(options.databaseUrl);
  const osUser = serverOsUser();
  const binary = options.start && !dryRun ? (options.binary ?? findPgbouncerBin()) : undefined;
  const replicas = (options.replicaUrls ?? []).map((u) => parseConnectionUrl(u));
  const pool = planPoolSizes(options);
  const superuserUrl = options.superuserUrl ?? options.databaseUrl;
  const facts = await readPgbouncerFacts({ dir, force: Boolean(options.force), osUser, listen, adminUser, auth, pooledUser: primary.user, superuserUrl, signal });
  const plan = planPgbouncerInit(facts, {
    dir,
    auth,
    listen,
    poolMode: options.poolMode ?? 'transaction',
    pool,
    adminUser,
    authUser,
    primary,
    replicas,
    fresh: { adminPassword: generatePassword(), authPassword: generatePassword(), adminSalt: randomBytes(16), authSalt: randomBytes(16) },
  });
  for (const event of plan.events) onEvent?.(event);
  if (plan.refusal) throw plan.refusal;
  const adminPassfile = join(dir, PGBOUNCER_FILES.adminPassfile);
  const result: InitPgbouncerResult = {
    dir,
    listen,
    auth,
    databases: plan.databases,
    pooledUser: primary.user,
    adminUser,
    adminPassfile,
    files: plan.masked,
    sql: plan.sql,
    dryRun,
    backups: [],
  };
  if (dryRun) return result;

  if (plan.authSecret) {
    await applyAuthQuery({ superuserUrl, databases: pooledDatabases(plan.databases), authUser, authVerifier: plan.authSecret.verifier, signal, ...(onEvent ? { onEvent } : {}) });
  }
  if (plan.reloadConflict) throw plan.reloadConflict;
  throwIfAborted(signal);
  result.backups = preparePgbouncerDir(dir, osUser, facts.inspection, onEvent);
  writePgbouncerFiles(dir, [...plan.files, { name: PGBOUNCER_FILES.state, content: JSON.stringify(plan.state, null, 2) + '\n', mode: 0o600 }], osUser, onEvent);
  writePgpassFile(adminPassfile, [{ host: listen.host, port: String(listen.port), database: 'pgbouncer', user: adminUser, password: plan.adminPassword }]);
  chownTo(adminPassfile, osUser);
  onEvent?.({ type: 'pgbouncer.file-written', path: adminPassfile, mode: '0600' });

  if (!binary) return result;
  const proc = await startPgbouncer({ dir, binary, osUser, ...(signal ? { signal } : {}) });
  const listenText = `${listen.host}:${listen.port}`;
  onEvent?.(proc.action === 'started' ? { type: 'pgbouncer.started', pid: proc.pid, listen: listenText } : { type: 'pgbouncer.reloaded', pid: proc.pid, listen: listenText });
  result.process = proc;

  const password = await resolvePassword(options.databaseUrl);
  if (password === undefined) {
    onEvent?.({
      type: 'pgbouncer.notice',
      level: 'warning',
      message: `No password for "${primary.user}" in ${redactUrl(options.databaseUrl)} or a passfile, so no query was sent through PgBouncer; run catdb pgbouncer check with DATABASE_URL set.`,
    });
    return result;
  }
  const credentials: PoolerCredentials = { user: primary.user, password };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (const db of plan.databases) {
    for (;;) {
      throwIfAborted(signal);
      try {
        // A first query may wait for a new server login (and an auth_query lookup): it has what is left of the wait.
        const probe = await probePooler(listen, db.alias, credentials, Math.max(1000, deadline - Date.now()), signal);
        onEvent?.({ type: 'pgbouncer.ready', alias: db.alias, inRecovery: probe.inRecovery });
        if (db.role === 'replica' && !probe.inRecovery) {
          onEvent?.({ type: 'pgbouncer.notice', level: 'warning', message: `"${db.alias}" reaches a server that is not in recovery: it is not a replica.` });
        }
        break;
      } catch (err) {
        if (!isCatdbError(err, 'PG_UNREACHABLE') || Date.now() > deadline) {
          throw new CatdbError('PGBOUNCER_START_FAILED', `No query passed through PgBouncer to "${db.alias}": ${err instanceof Error ? err.message : String(err)}`, {
            hint: pgbouncerLogTail(dir) || 'Check the server behind the alias and pg_hba.conf.',
            details: { alias: db.alias, dir },
            cause: err,
          });
        }
        await sleep(200);
      }
    }
  }
  return result;
}
