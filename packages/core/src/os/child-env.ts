import { userInfo } from 'node:os';
import { isAbsolute } from 'node:path';
import type { OsUser } from './os-user.js';

const FALLBACK_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * The whole environment of every program catdb starts (initdb, postgres, pg_ctl,
 * pg_basebackup, pg_controldata, pg_config, pgbouncer, getent), built from nothing: a copy
 * of ours would hand the caller's PGPASSWORD or a DATABASE_URL with its password to a
 * long-lived postmaster or PgBouncer, readable in /proc/<pid>/environ, and PG* settings
 * would silently retarget the tools. libpq finds passwords through `passfile=`.
 *
 * - PATH: ours, absolute folders only (a relative entry would resolve in the child's cwd).
 * - LC_ALL=C: English messages, which the errors we raise quote; the cluster's own locale
 *   is set by initdb --locale and the control file, not by this.
 * - TZ, when set: initdb makes it the new cluster's timezone and log_timezone.
 * - HOME, USER, LOGNAME: those of the OS user the child runs as, from the passwd entry.
 * - PGPASSFILE: only a passfile catdb wrote for this child.
 */
export function childEnv(options: { user?: OsUser | undefined; passfile?: string | undefined } = {}, from: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const { user, passfile } = options;
  const path = (from.PATH ?? '').split(':').filter((dir) => dir !== '' && isAbsolute(dir));
  const self = user ?? currentUser();
  return {
    PATH: path.length ? path.join(':') : FALLBACK_PATH,
    LC_ALL: 'C',
    ...(from.TZ ? { TZ: from.TZ } : {}),
    ...(self ? { HOME: self.home, USER: self.name, LOGNAME: self.name } : {}),
    ...(passfile ? { PGPASSFILE: passfile } : {}),
  };
}

function currentUser(): Pick<OsUser, 'name' | 'home'> | undefined {
  try {
    const info = userInfo();
    return { name: info.username, home: info.homedir };
  } catch {
    // No passwd entry for our uid (some containers): leave them unset rather than guess.
    return undefined;
  }
}
