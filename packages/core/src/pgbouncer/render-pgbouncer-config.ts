import { join } from 'node:path';
import { CatdbError } from '../errors.js';
import { assertSafePath } from '../os/assert-safe-path.js';
import { renderUserlist } from './render-userlist.js';
import { secretType } from '../scram/secret-type.js';
import { PGBOUNCER_FILES, type ListenAddress, type PgbouncerAuthMode, type PgbouncerDatabase, type PoolMode, type UserlistEntry } from './types.js';

/** Everything `pgbouncer.ini` and `userlist.txt` are made of; secrets included, so never log it. */
export interface PgbouncerConfigInput {
  /** Absolute folder holding the config, pidfile, log and unix socket. */
  dir: string;
  listen: ListenAddress;
  poolMode: PoolMode;
  maxClientConn: number;
  defaultPoolSize: number;
  minPoolSize: number;
  reservePoolSize: number;
  databases: readonly PgbouncerDatabase[];
  /** PgBouncer-only admin/stats user and its SCRAM verifier. */
  admin: UserlistEntry;
  auth:
    | { mode: Extract<PgbouncerAuthMode, 'passthrough'>; users: readonly UserlistEntry[] }
    | { mode: Extract<PgbouncerAuthMode, 'auth-query'>; authUser: UserlistEntry; authQuery: string };
}

/** A file renderPgbouncerConfig produced: its name in the PgBouncer folder, its content and its mode. */
export interface RenderedFile {
  name: string;
  content: string;
  /** Always 0o600: even the ini reveals topology. */
  mode: number;
}

// PgBouncer reads [databases] values as libpq-style key=value lists; keeping names to a
// safe alphabet avoids quoting rules that differ between PgBouncer versions.
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const SAFE_HOST = /^[A-Za-z0-9_.:/-]+$/;

function checkName(value: string, what: string): void {
  if (!SAFE_NAME.test(value)) {
    throw new CatdbError('PGBOUNCER_CONFIG', `The ${what} "${value}" cannot be written to pgbouncer.ini as is`, {
      hint: 'Use names made of letters, digits, _ . and - for databases and aliases.',
      details: { [what]: value },
    });
  }
}

function checkIntegers(input: PgbouncerConfigInput): void {
  const numbers = {
    maxClientConn: input.maxClientConn,
    defaultPoolSize: input.defaultPoolSize,
    minPoolSize: input.minPoolSize,
    reservePoolSize: input.reservePoolSize,
    listenPort: input.listen.port,
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < 0) throw new CatdbError('USAGE_INVALID_OPTION', `${name} must be a whole number ≥ 0 (got ${value})`);
  }
  if (input.listen.port < 1 || input.listen.port > 65535) throw new CatdbError('USAGE_INVALID_OPTION', `Listen port ${input.listen.port} is out of range`);
  if (input.defaultPoolSize < 1) throw new CatdbError('USAGE_INVALID_OPTION', 'default pool size must be at least 1');
  if (input.minPoolSize > input.defaultPoolSize) {
    throw new CatdbError('USAGE_INVALID_OPTION', `min pool size (${input.minPoolSize}) is larger than the default pool size (${input.defaultPoolSize})`);
  }
}

/** `scram-sha-256` unless a pooled user only has an md5 hash (md5 mode still does SCRAM for SCRAM secrets). */
export function authTypeFor(input: Pick<PgbouncerConfigInput, 'auth'>): 'scram-sha-256' | 'md5' {
  if (input.auth.mode === 'passthrough' && input.auth.users.some((u) => secretType(u.secret) === 'md5')) return 'md5';
  return 'scram-sha-256';
}

/**
 * Renders `pgbouncer.ini` (never holds a secret: no password in any connection string)
 * and `userlist.txt`. Pure; `mask` replaces secrets for `--dry-run` output.
 * Errors: PGBOUNCER_CONFIG for names that cannot be written safely, USAGE_INVALID_OPTION for bad sizes,
 * USAGE_INVALID_PATH for a folder that cannot.
 */
export function renderPgbouncerConfig(input: PgbouncerConfigInput, options: { mask?: boolean } = {}): RenderedFile[] {
  checkIntegers(input);
  if (input.databases.length === 0) throw new CatdbError('PGBOUNCER_CONFIG', 'No database to pool');
  const aliases = new Set<string>();
  for (const db of input.databases) {
    checkName(db.alias, 'alias');
    checkName(db.dbname, 'database');
    if (!SAFE_HOST.test(db.host)) checkName(db.host, 'host');
    if (aliases.has(db.alias) || db.alias === 'pgbouncer') {
      throw new CatdbError('PGBOUNCER_CONFIG', `The alias "${db.alias}" is used twice or is reserved`, { details: { alias: db.alias } });
    }
    aliases.add(db.alias);
  }
  checkName(input.admin.user, 'admin user');
  if (!SAFE_HOST.test(input.listen.host)) checkName(input.listen.host, 'listen address');

  // Written unquoted: a newline in it would add settings of its own.
  const dir = assertSafePath(input.dir, 'PgBouncer folder');
  const databases = input.databases.map((db) => `${db.alias} = host=${db.host} port=${db.port} dbname=${db.dbname}`);
  const settings: [string, string | number][] = [
    ['listen_addr', input.listen.host],
    ['listen_port', input.listen.port],
    // A socket in our own 0700 folder instead of /var/run/postgresql, which may not exist or be shared.
    ['unix_socket_dir', dir],
    ['unix_socket_mode', '0700'],
    ['pidfile', join(dir, PGBOUNCER_FILES.pid)],
    ['logfile', join(dir, PGBOUNCER_FILES.log)],
    ['auth_type', authTypeFor(input)],
    ['auth_file', join(dir, PGBOUNCER_FILES.userlist)],
  ];
  if (input.auth.mode === 'auth-query') {
    checkName(input.auth.authUser.user, 'auth user');
    settings.push(['auth_user', input.auth.authUser.user], ['auth_query', input.auth.authQuery]);
  }
  settings.push(
    ['admin_users', input.admin.user],
    ['stats_users', input.admin.user],
    ['pool_mode', input.poolMode],
    ['max_client_conn', input.maxClientConn],
    ['default_pool_size', input.defaultPoolSize],
    ['min_pool_size', input.minPoolSize],
    ['reserve_pool_size', input.reservePoolSize],
    // JDBC sends extra_float_digits at startup; PgBouncer refuses unknown startup parameters.
    ['ignore_startup_parameters', 'extra_float_digits'],
  );
  const ini = [
    ';; Written by catdb pgbouncer init; re-run it instead of editing by hand.',
    ';; No secret lives here: passwords and SCRAM secrets are only in userlist.txt (0600).',
    '[databases]',
    ...databases,
    '',
    '[pgbouncer]',
    ...settings.map(([k, v]) => `${k} = ${v}`),
    '',
  ].join('\n');

  const users: UserlistEntry[] = input.auth.mode === 'passthrough' ? [...input.auth.users] : [input.auth.authUser];
  users.push(input.admin);
  const seen = new Set<string>();
  for (const u of users) {
    if (seen.has(u.user)) throw new CatdbError('PGBOUNCER_CONFIG', `The user "${u.user}" appears twice in userlist.txt`, { details: { user: u.user } });
    seen.add(u.user);
  }
  return [
    { name: PGBOUNCER_FILES.ini, content: ini, mode: 0o600 },
    { name: PGBOUNCER_FILES.userlist, content: renderUserlist(users, options), mode: 0o600 },
  ];
}
