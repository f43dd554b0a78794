import { execFileSync } from 'node:child_process';
import { chownSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { childEnv } from './child-env.js';

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
  /** Home folder from the passwd entry (HOME of the processes run as this user). */
  home: string;
}

/**
 * PostgreSQL and PgBouncer refuse to run as root. When catdb runs as root it runs them
 * as this user instead (Debian's `postgres`), and returns undefined otherwise.
 */
export function serverOsUser(name = 'postgres'): OsUser | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  try {
    // name:password:uid:gid:gecos:home:shell
    const fields = execFileSync('getent', ['passwd', name], { encoding: 'utf8', env: childEnv(), stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(':');
    const [uid, gid] = [Number(fields[2]), Number(fields[3])];
    if (fields.length < 7 || !Number.isInteger(uid) || !Number.isInteger(gid)) return undefined;
    return { name, uid, gid, home: fields[5] || '/' };
  } catch {
    return undefined;
  }
}

/** Hand a path we created as root to the server user. */
export function chownTo(path: string, user: OsUser | undefined): void {
  if (user) chownSync(path, user.uid, user.gid);
}

/**
 * True when every folder above `dir` can be traversed by `user` (others-x, or the
 * user's own folder). A checkout under a private home is not, and the server would
 * fail with a bare "permission denied".
 */
export function isReachableBy(dir: string, user: OsUser | undefined): boolean {
  if (!user) return true;
  let current = resolve(dir);
  for (;;) {
    const parent = dirname(current);
    try {
      const st = statSync(current);
      const ok = st.uid === user.uid ? (st.mode & 0o100) !== 0 : st.gid === user.gid ? (st.mode & 0o010) !== 0 : (st.mode & 0o001) !== 0;
      if (!ok) return false;
    } catch {
      // Not created yet: what matters is the folder it will be created in.
    }
    if (parent === current) return true;
    current = parent;
  }
}
