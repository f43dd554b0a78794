import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { throwIfAborted } from '../errors.js';
import { connect } from '../pg/connect.js';
import { lookupPgpass } from '../pg/pgpass.js';
import type { OsUser } from '../os/os-user.js';
import { inspectPgbouncerDir, type PgbouncerDirInspection } from './inspect-pgbouncer-dir.js';
import { parsePgbouncerIni } from './parse-pgbouncer-ini.js';
import { runningPgbouncerPid } from './pgbouncer-process.js';
import { readRoleSecret } from './read-role-secret.js';
import type { RoleSecret } from './types.js';
import { parseUserlist } from './render-userlist.js';
import { PGBOUNCER_FILES, type ListenAddress, type PgbouncerAuthMode, type UserlistEntry } from './types.js';

/** What `initPgbouncer` finds before it decides anything: the folder, an earlier run's secrets, the pooled role. */
export interface PgbouncerFacts {
  inspection: PgbouncerDirInspection;
  /** userlist.txt of an earlier run (its secrets are reused so a re-run changes nothing needlessly). */
  oldEntries: UserlistEntry[];
  /** The admin console password an earlier run left in admin.pgpass. */
  oldAdminPassword: string | undefined;
  /** passthrough: the pooled role's secret from pg_authid; auth-query: whether the role exists and is a superuser. */
  pooledRole: { mode: 'passthrough'; secret: RoleSecret } | { mode: 'auth-query'; exists: boolean; superuser: boolean };
  /** A PgBouncer already running from the folder, and the `host:port` its pgbouncer.ini listens on. */
  running: { pid: number; listen: string | undefined } | undefined;
}

export interface ReadPgbouncerFactsOptions {
  dir: string;
  force: boolean;
  osUser: OsUser | undefined;
  listen: ListenAddress;
  adminUser: string;
  auth: PgbouncerAuthMode;
  pooledUser: string;
  superuserUrl: string;
  signal?: AbortSignal | undefined;
}

function listenOf(ini: string): string | undefined {
  const s = parsePgbouncerIni(ini).pgbouncer ?? {};
  return s.listen_addr === undefined ? undefined : `${s.listen_addr}:${s.listen_port}`;
}

/**
 * Reads the PgBouncer folder (FS_NOT_OWNED first, before any server is contacted), the files
 * an earlier run wrote, and the pooled role on the primary. Changes nothing.
 */
export async function readPgbouncerFacts(o: ReadPgbouncerFactsOptions): Promise<PgbouncerFacts> {
  const inspection = inspectPgbouncerDir(o.dir, { force: o.force, osUser: o.osUser });
  const userlistPath = join(o.dir, PGBOUNCER_FILES.userlist);
  const oldEntries = existsSync(userlistPath) ? parseUserlist(readFileSync(userlistPath, 'utf8')) : [];
  const oldAdminPassword = lookupPgpass(join(o.dir, PGBOUNCER_FILES.adminPassfile), o.listen.host, o.listen.port, 'pgbouncer', o.adminUser);
  throwIfAborted(o.signal);
  const client = await connect(o.superuserUrl, { ...(o.signal ? { signal: o.signal } : {}) });
  let pooledRole: PgbouncerFacts['pooledRole'];
  try {
    if (o.auth === 'passthrough') {
      pooledRole = { mode: 'passthrough', secret: await readRoleSecret(client, o.pooledUser) };
    } else {
      const { rows } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = $1', [o.pooledUser]);
      pooledRole = { mode: 'auth-query', exists: rows[0] !== undefined, superuser: rows[0]?.rolsuper === true };
    }
  } finally {
    await client.end().catch(() => {});
  }
  const pid = runningPgbouncerPid(o.dir);
  const iniPath = join(o.dir, PGBOUNCER_FILES.ini);
  const running = pid === undefined ? undefined : { pid, listen: existsSync(iniPath) ? listenOf(readFileSync(iniPath, 'utf8')) : undefined };
  return { inspection, oldEntries, oldAdminPassword, pooledRole, running };
}
