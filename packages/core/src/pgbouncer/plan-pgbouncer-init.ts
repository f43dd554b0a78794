import { CatdbError } from '../errors.js';
import type { ConnectionParams } from '../pg/parse-connection-url.js';
import { renderScramVerifier, scramVerifierMatches } from '../scram/render-scram-verifier.js';
import { secretType } from '../scram/secret-type.js';
import type { PgbouncerFacts } from './read-pgbouncer-facts.js';
import { isPrintablePassword, requirePrintablePassword } from './printable-password.js';
import type { PoolSizes } from './plan-pool-sizes.js';
import { renderAuthFunctionSql, renderAuthQuery, renderAuthRoleSql } from './render-auth-query-sql.js';
import { renderPgbouncerConfig, type PgbouncerConfigInput, type RenderedFile } from './render-pgbouncer-config.js';
import { maskSecret } from './render-userlist.js';
import type { ListenAddress, PgbouncerAuthMode, PgbouncerDatabase, PgbouncerEvent, PgbouncerState, PoolMode } from './types.js';

export const SCRAM_AUTH_QUERY_NOTICE =
  'auth-query mode: PgBouncer 1.18 logs in as the auth user on its own, with no client SCRAM exchange to pass through, ' +
  'so a SCRAM verifier is useless for that login. userlist.txt therefore holds the auth user\'s password itself ' +
  '(generated, 0600, for a role that can do nothing but run the lookup function). Pooled users still log in with SCRAM ' +
  'and no secret of theirs is stored on disk. Superusers are never served by the lookup function.';

/** What `initPgbouncer` was asked for, resolved to values. */
export interface PgbouncerInitSettings {
  dir: string;
  auth: PgbouncerAuthMode;
  listen: ListenAddress;
  poolMode: PoolMode;
  pool: { sizes: PoolSizes; notes: string[] };
  adminUser: string;
  authUser: string;
  primary: ConnectionParams;
  replicas: ConnectionParams[];
  /** Passwords and salts to use where nothing can be reused; given in so that planning stays pure. */
  fresh: { adminPassword: string; authPassword: string; adminSalt: Buffer; authSalt: Buffer };
}

export interface PgbouncerInitPlan {
  /** Notices and the secret-read event, in the order they are reported. */
  events: PgbouncerEvent[];
  /** Why nothing may be written (reported after `events`). */
  refusal: CatdbError | undefined;
  /** Why a running PgBouncer cannot just be reloaded with this configuration. */
  reloadConflict: CatdbError | undefined;
  databases: PgbouncerDatabase[];
  adminPassword: string;
  /** auth-query: the auth role's password and its verifier, for the SQL that creates the role. */
  authSecret: { password: string; verifier: string } | undefined;
  /** The files to write, secrets included, and the same files masked (safe to print). */
  files: RenderedFile[];
  masked: RenderedFile[];
  /** auth-query: the SQL to run on the primary, verifier masked. */
  sql: string[];
  state: PgbouncerState;
}

/** `<db>_ro` for the first replica, `<db>_ro2`, `<db>_ro3`… for the next ones. */
export function replicaAlias(database: string, index: number): string {
  return index === 0 ? `${database}_ro` : `${database}_ro${index + 1}`;
}

const notice = (level: 'info' | 'warning', message: string): PgbouncerEvent => ({ type: 'pgbouncer.notice', level, message });

/** Decides PgBouncer's configuration from the facts: which secrets to reuse, what to write, what to refuse. Pure. */
export function planPgbouncerInit(facts: PgbouncerFacts, s: PgbouncerInitSettings): PgbouncerInitPlan {
  const { primary, listen } = s;
  const events: PgbouncerEvent[] = s.pool.notes.map((m) => notice('info', m));
  if (s.auth === 'auth-query') events.push(notice('info', SCRAM_AUTH_QUERY_NOTICE));
  for (const [i, r] of s.replicas.entries()) {
    if (r.user !== primary.user) {
      events.push(notice('warning', `Replica URL ${i + 1} names user "${r.user}"; the alias is used by "${primary.user}" like the primary (a physical replica has the same roles).`));
    }
  }
  const databases: PgbouncerDatabase[] = [
    { alias: primary.database, role: 'primary', host: primary.host, port: primary.port, dbname: primary.database },
    ...s.replicas.map((r, i) => ({ alias: replicaAlias(primary.database, i), role: 'replica' as const, host: r.host, port: r.port, dbname: r.database })),
  ];

  // What an earlier run left: reuse passwords so re-running changes nothing needlessly.
  const adminPassword = facts.oldAdminPassword ?? s.fresh.adminPassword;
  const oldAdmin = facts.oldEntries.find((e) => e.user === s.adminUser);
  const adminVerifier =
    oldAdmin && isPrintablePassword(adminPassword) && scramVerifierMatches(adminPassword, oldAdmin.secret)
      ? oldAdmin.secret
      : renderScramVerifier(requirePrintablePassword(adminPassword), s.fresh.adminSalt);

  let refusal: CatdbError | undefined;
  let configAuth: PgbouncerConfigInput['auth'];
  let authSecret: PgbouncerInitPlan['authSecret'];
  let sql: string[] = [];
  const role = facts.pooledRole;
  if (role.mode === 'passthrough') {
    if (role.secret.superuser) events.push(notice('warning', `"${primary.user}" is a superuser; pool an application role instead where you can.`));
    if (role.secret.secretType === 'md5') {
      events.push(notice('warning', `"${primary.user}" has an md5 password; auth_type md5 is used. Reset it under password_encryption = scram-sha-256 to get SCRAM.`));
    }
    events.push({ type: 'pgbouncer.secret-read', user: primary.user, secretType: role.secret.secretType, from: 'pg_authid' });
    configAuth = { mode: 'passthrough', users: [{ user: primary.user, secret: role.secret.secret }] };
  } else {
    const oldAuth = facts.oldEntries.find((e) => e.user === s.authUser && secretType(e.secret) === 'plain');
    const password = oldAuth?.secret ?? s.fresh.authPassword;
    authSecret = { password, verifier: renderScramVerifier(requirePrintablePassword(password), s.fresh.authSalt) };
    if (!role.exists) refusal = new CatdbError('PGBOUNCER_CONFIG', `The role "${primary.user}" does not exist on the server`, { details: { user: primary.user } });
    else if (role.superuser) {
      refusal = new CatdbError('PGBOUNCER_CONFIG', `"${primary.user}" is a superuser, and the auth_query lookup never hands out superuser secrets`, {
        hint: 'Put an application (non-superuser) role in DATABASE_URL, or use --auth passthrough.',
        details: { user: primary.user },
      });
    }
    const pooledDbs = pooledDatabases(databases);
    sql = [renderAuthRoleSql(s.authUser, maskSecret(authSecret.verifier), false), ...pooledDbs.flatMap((db) => [`-- in database ${db}`, ...renderAuthFunctionSql(db, s.authUser)])];
    configAuth = { mode: 'auth-query', authUser: { user: s.authUser, secret: password }, authQuery: renderAuthQuery() };
  }

  const input: PgbouncerConfigInput = { dir: s.dir, listen, poolMode: s.poolMode, ...s.pool.sizes, databases, admin: { user: s.adminUser, secret: adminVerifier }, auth: configAuth };
  const running = facts.running;
  const listenText = `${listen.host}:${listen.port}`;
  const reloadConflict =
    running && running.listen !== undefined && running.listen !== listenText
      ? new CatdbError('PGBOUNCER_CONFIG', `PgBouncer (pid ${running.pid}) listens on ${running.listen}; a reload cannot move it to ${listenText}`, {
          hint: `Run catdb pgbouncer stop --dir ${s.dir} first, or keep --listen ${running.listen}.`,
          details: { dir: s.dir, pid: running.pid },
        })
      : undefined;
  const state: PgbouncerState = { version: 1, auth: s.auth, listen, adminUser: s.adminUser, pooledUser: primary.user, ...(s.auth === 'auth-query' ? { authUser: s.authUser } : {}), databases };
  return {
    events,
    refusal,
    reloadConflict,
    databases,
    adminPassword,
    authSecret,
    files: renderPgbouncerConfig(input),
    masked: renderPgbouncerConfig(input, { mask: true }),
    sql,
    state,
  };
}

/** The databases the auth_query lookup function is installed in: the primary's. */
export function pooledDatabases(databases: readonly PgbouncerDatabase[]): string[] {
  return [...new Set(databases.filter((d) => d.role === 'primary').map((d) => d.dbname))];
}
