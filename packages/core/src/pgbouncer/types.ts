/** How PgBouncer learns the secrets it checks client passwords against. */
export type PgbouncerAuthMode = 'passthrough' | 'auth-query';

/** PgBouncer's `pool_mode`: when a server connection goes back to the pool. */
export type PoolMode = 'session' | 'transaction' | 'statement';

export interface ListenAddress {
  host: string;
  port: number;
}

/** One entry of `[databases]`: the name clients use and the server it leads to. */
export interface PgbouncerDatabase {
  alias: string;
  role: 'primary' | 'replica';
  host: string;
  port: number;
  dbname: string;
}

/** One line of `userlist.txt`. */
export interface UserlistEntry {
  user: string;
  /** A SCRAM verifier, an md5 hash or (only for the auth_user) the password itself. */
  secret: string;
}

/** The kind of secret a userlist line holds, as PgBouncer sees it. */
export type SecretType = 'scram-sha-256' | 'md5' | 'plain';

/**
 * Progress of `initPgbouncer`, `checkPgbouncer` and `stopPgbouncer`. No event ever
 * carries a password, a verifier or a URL with its password.
 */
export type PgbouncerEvent =
  | { type: 'pgbouncer.notice'; level: 'info' | 'warning'; message: string }
  | { type: 'pgbouncer.secret-read'; user: string; secretType: SecretType; from: 'pg_authid' }
  | { type: 'pgbouncer.auth-user-ready'; user: string; created: boolean }
  | { type: 'pgbouncer.auth-function-installed'; database: string; function: string }
  | { type: 'pgbouncer.file-written'; path: string; mode: string }
  /** `--force` over a folder catdb did not create: `path` was copied to `backup` before being replaced. */
  | { type: 'pgbouncer.file-backed-up'; path: string; backup: string }
  | { type: 'pgbouncer.started'; pid: number; listen: string }
  | { type: 'pgbouncer.reloaded'; pid: number; listen: string }
  | { type: 'pgbouncer.ready'; alias: string; inRecovery: boolean }
  | { type: 'pgbouncer.stopped'; pid: number }
  /** PAUSE / RESUME / RELOAD sent to the admin console and answered. */
  | { type: 'pgbouncer.admin-command'; command: string }
  | { type: 'pgbouncer.repointed'; aliases: string[]; to: string };

/** Receives every PgbouncerEvent of an operation, in order. */
export type PgbouncerEventHandler = (event: PgbouncerEvent) => void;

/** File names inside the PgBouncer folder; one place so check/stop find what init wrote. */
export const PGBOUNCER_FILES = {
  ini: 'pgbouncer.ini',
  userlist: 'userlist.txt',
  pid: 'pgbouncer.pid',
  log: 'pgbouncer.log',
  /** libpq passfile with the admin console password. */
  adminPassfile: 'admin.pgpass',
  /** Non-secret facts `check` needs: aliases, pooled user, auth mode. */
  state: 'catdb-pgbouncer.json',
} as const;

/** What init records for check and stop; holds no secret. */
export interface PgbouncerState {
  version: 1;
  auth: PgbouncerAuthMode;
  listen: ListenAddress;
  adminUser: string;
  pooledUser: string;
  authUser?: string;
  databases: PgbouncerDatabase[];
}

/** A role's stored password secret (SCRAM verifier or md5 hash) and whether it is a superuser. */
export interface RoleSecret {
  user: string;
  secret: string;
  secretType: SecretType;
  superuser: boolean;
}
