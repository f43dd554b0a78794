import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CatdbError, isCatdbError, throwIfAborted } from '../errors.js';
import { connect, passwordFromPassfile } from '../pg/connect.js';
import { redactUrl } from '../pg/redact-url.js';
import { assertSafePath } from '../os/assert-safe-path.js';
import { chownTo, serverOsUser } from '../os/os-user.js';
import { lookupPgpass, writePgpassFile } from '../pg/pgpass.js';
import { applyAuthQuery } from './apply-auth-query.js';
import { findPgbouncerBin } from './find-pgbouncer-bin.js';
import { parseConnectionUrl } from '../pg/parse-connection-url.js';
import { parsePgbouncerIni } from './parse-pgbouncer-ini.js';
import { runningPgbouncerPid } from './pgbouncer-process.js';
import { probePooler, type PoolerCredentials } from './probe-pooler.js';
import { readRoleSecret } from './read-role-secret.js';
import { renderAuthFunctionSql, renderAuthQuery, renderAuthRoleSql } from './render-auth-query-sql.js';
import { renderPgbouncerConfig, type PgbouncerConfigInput, type RenderedFile } from './render-pgbouncer-config.js';
import { renderScramVerifier, scramVerifierMatches } from '../scram/render-scram-verifier.js';
import { secretType } from '../scram/secret-type.js';
import { isPrintablePassword, requirePrintablePassword } from './printable-password.js';
import { maskSecret, parseUserlist } from './render-userlist.js';
import { planPoolSizes } from './plan-pool-sizes.js';
import { pgbouncerLogTail, startPgbouncer } from './start-pgbouncer.js';
import { inspectPgbouncerDir } from './inspect-pgbouncer-dir.js';
import { preparePgbouncerDir, writePgbouncerFiles } from './write-pgbouncer-files.js';
import {
  PGBOUNCER_FILES,
  type ListenAddress,
  type PgbouncerAuthMode,
  type PgbouncerDatabase,
  type PgbouncerEventHandler,
  type PgbouncerState,
  type PoolMode,
  type UserlistEntry,
} from './types.js';

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

export const SCRAM_AUTH_QUERY_NOTICE =
  'auth-query mode: PgBouncer 1.18 logs in as the auth user on its own, with no client SCRAM exchange to pass through, ' +
  'so a SCRAM verifier is useless for that login. userlist.txt therefore holds the auth user\'s password itself ' +
  '(generated, 0600, for a role that can do nothing but run the lookup function). Pooled users still log in with SCRAM ' +
  'and no secret of theirs is stored on disk. Superusers are never served by the lookup function.';

function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

function listenOf(ini: string): string | undefined {
  const s = parsePgbouncerIni(ini).pgbouncer ?? {};
  return s.listen_addr === undefined ? undefined : `${s.listen_addr}:${s.listen_port}`;
}

/** `<db>_ro` for the first replica, `<db>_ro2`, `<db>_ro3`… for the next ones. */
export function replicaAlias(database: string, index: number): string {
  return index === 0 ? `${database}_ro` : `${database}_ro${index + 1}`;
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
  const replicas = (options.replicaUrls ?? []).map((u) => parseConnectionUrl(u));
  const osUser = serverOsUser();
  const binary = options.start && !dryRun ? (options.binary ?? findPgbouncerBin()) : undefined;
  const inspection = inspectPgbouncerDir(dir, { force: Boolean(options.force), osUser });
  const pool = planPoolSizes(options);
  for (const message of pool.notes) onEvent?.({ type: 'pgbouncer.notice', level: 'info', message });

  if (auth === 'auth-query') onEvent?.({ type: 'pgbouncer.notice', level: 'info', message: SCRAM_AUTH_QUERY_NOTICE });
  for (const [i, r] of replicas.entries()) {
    if (r.user !== primary.user) {
      onEvent?.({
        type: 'pgbouncer.notice',
        level: 'warning',
        message: `Replica URL ${i + 1} names user "${r.user}"; the alias is used by "${primary.user}" like the primary (a physical replica has the same roles).`,
      });
    }
  }
  const databases: PgbouncerDatabase[] = [
    { alias: primary.database, role: 'primary', host: primary.host, port: primary.port, dbname: primary.database },
    ...replicas.map((r, i) => ({ alias: replicaAlias(primary.database, i), role: 'replica' as const, host: r.host, port: r.port, dbname: r.database })),
  ];

  // What an earlier run left: reuse passwords so re-running changes nothing needlessly.
  const userlistPath = join(dir, PGBOUNCER_FILES.userlist);
  const adminPassfile = join(dir, PGBOUNCER_FILES.adminPassfile);
  const iniPath = join(dir, PGBOUNCER_FILES.ini);
  const oldEntries: UserlistEntry[] = existsSync(userlistPath) ? parseUserlist(readFileSync(userlistPath, 'utf8')) : [];
  const adminPassword = lookupPgpass(adminPassfile, listen.host, listen.port, 'pgbouncer', adminUser) ?? generatePassword();
  const oldAdmin = oldEntries.find((e) => e.user === adminUser);
  const adminVerifier = oldAdmin && isPrintablePassword(adminPassword) && scramVerifierMatches(adminPassword, oldAdmin.secret) ? oldAdmin.secret : renderScramVerifier(requirePrintablePassword(adminPassword));

  let configAuth: PgbouncerConfigInput['auth'];
  let sql: string[] = [];
  const superuserUrl = options.superuserUrl ?? options.databaseUrl;
  throwIfAborted(signal);
  if (auth === 'passthrough') {
    const client = await connect(superuserUrl, { signal });
    try {
      const secret = await readRoleSecret(client, primary.user);
      if (secret.superuser) {
        onEvent?.({ type: 'pgbouncer.notice', level: 'warning', message: `"${primary.user}" is a superuser; pool an application role instead where you can.` });
      }
      if (secret.secretType === 'md5') {
        onEvent?.({ type: 'pgbouncer.notice', level: 'warning', message: `"${primary.user}" has an md5 password; auth_type md5 is used. Reset it under password_encryption = scram-sha-256 to get SCRAM.` });
      }
      onEvent?.({ type: 'pgbouncer.secret-read', user: primary.user, secretType: secret.secretType, from: 'pg_authid' });
      configAuth = { mode: 'passthrough', users: [{ user: primary.user, secret: secret.secret }] };
    } finally {
      await client.end().catch(() => {});
    }
  } else {
    const oldAuth = oldEntries.find((e) => e.user === authUser && secretType(e.secret) === 'plain');
    const authPassword = oldAuth?.secret ?? generatePassword();
    const authVerifier = renderScramVerifier(requirePrintablePassword(authPassword));
    const client = await connect(superuserUrl, { signal });
    try {
      const { rows } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = $1', [primary.user]);
      if (!rows[0]) throw new CatdbError('PGBOUNCER_CONFIG', `The role "${primary.user}" does not exist on the server`, { details: { user: primary.user } });
      if (rows[0].rolsuper) {
        throw new CatdbError('PGBOUNCER_CONFIG', `"${primary.user}" is a superuser, and the auth_query lookup never hands out superuser secrets`, {
          hint: 'Put an application (non-superuser) role in DATABASE_URL, or use --auth passthrough.',
          details: { user: primary.user },
        });
      }
    } finally {
      await client.end().catch(() => {});
    }
    const pooledDbs = [...new Set(databases.filter((d) => d.role === 'primary').map((d) => d.dbname))];
    sql = [
      renderAuthRoleSql(authUser, maskSecret(authVerifier), false),
      ...pooledDbs.flatMap((db) => [`-- in database ${db}`, ...renderAuthFunctionSql(db, authUser)]),
    ];
    if (!dryRun) await applyAuthQuery({ superuserUrl, databases: pooledDbs, authUser, authVerifier, signal, ...(onEvent ? { onEvent } : {}) });
    configAuth = { mode: 'auth-query', authUser: { user: authUser, secret: authPassword }, authQuery: renderAuthQuery() };
  }

  const input: PgbouncerConfigInput = {
    dir,
    listen,
    poolMode: options.poolMode ?? 'transaction',
    ...pool.sizes,
    databases,
    admin: { user: adminUser, secret: adminVerifier },
    auth: configAuth,
  };
  const files = renderPgbouncerConfig(input);
  const masked = renderPgbouncerConfig(input, { mask: true });
  const result: InitPgbouncerResult = {
    dir,
    listen,
    auth,
    databases,
    pooledUser: primary.user,
    adminUser,
    adminPassfile,
    files: masked,
    sql,
    dryRun,
    backups: [],
  };
  if (dryRun) return result;

  const runningPid = runningPgbouncerPid(dir);
  if (runningPid !== undefined && existsSync(iniPath)) {
    const before = listenOf(readFileSync(iniPath, 'utf8'));
    if (before !== undefined && before !== `${listen.host}:${listen.port}`) {
      throw new CatdbError('PGBOUNCER_CONFIG', `PgBouncer (pid ${runningPid}) listens on ${before}; a reload cannot move it to ${listen.host}:${listen.port}`, {
        hint: `Run catdb pgbouncer stop --dir ${dir} first, or keep --listen ${before}.`,
        details: { dir, pid: runningPid },
      });
    }
  }
  throwIfAborted(signal);
  result.backups = preparePgbouncerDir(dir, osUser, inspection, onEvent);
  const state: PgbouncerState = { version: 1, auth, listen, adminUser, pooledUser: primary.user, ...(auth === 'auth-query' ? { authUser } : {}), databases };
  writePgbouncerFiles(dir, [...files, { name: PGBOUNCER_FILES.state, content: JSON.stringify(state, null, 2) + '\n', mode: 0o600 }], osUser, onEvent);
  writePgpassFile(adminPassfile, [{ host: listen.host, port: String(listen.port), database: 'pgbouncer', user: adminUser, password: adminPassword }]);
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
  for (const db of databases) {
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
