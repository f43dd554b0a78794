import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dirModeError } from '../fs/set-owned-dir-mode.js';
import { isCatdbDir, notOwnedError } from '../fs/owner-mark.js';
import type { OsUser } from '../os/os-user.js';
import { PGBOUNCER_FILES } from './types.js';

/**
 * True when `dir` is catdb's: it holds the `.catdb-owned` mark, or the catdb-pgbouncer.json
 * that only catdb writes (a folder an earlier catdb, from before marks, made).
 */
export function isCatdbPgbouncerDir(dir: string): boolean {
  return isCatdbDir(dir) || existsSync(join(dir, PGBOUNCER_FILES.state));
}

/** What `pgbouncer init` found in its folder before writing anything. */
export interface PgbouncerDirInspection {
  /** True when the folder is absent or catdb's: nothing in it needs a backup. */
  owned: boolean;
  /** Files of catdb's names (pgbouncer.ini, userlist.txt…) that someone else wrote there. */
  foreignFiles: string[];
}

/**
 * Refuses, before anything is read from a server or written, to write PgBouncer's files into
 * a non-empty folder catdb did not create unless `force`, and even with `force` when the
 * folder's mode or owner is unsafe (catdb will not chmod/chown it). Errors: FS_NOT_OWNED.
 */
export function inspectPgbouncerDir(dir: string, options: { force: boolean; osUser: OsUser | undefined }): PgbouncerDirInspection {
  if (!existsSync(dir) || isCatdbPgbouncerDir(dir)) return { owned: true, foreignFiles: [] };
  if (!statSync(dir).isDirectory()) throw notOwnedError(dir, `${dir} exists and is not a folder`, 'Point --dir at a folder that does not exist yet.');
  const entries = readdirSync(dir);
  const foreignFiles = Object.values(PGBOUNCER_FILES).filter((name) => entries.includes(name));
  if (entries.length > 0 && !options.force) {
    const what = foreignFiles.length > 0 ? `holds ${foreignFiles.join(', ')} that catdb did not write` : 'is not empty';
    throw notOwnedError(dir, `${dir} is not a folder catdb created and ${what}; nothing was changed`, 'Point --dir at a new or empty folder, or pass --force to write there: each file catdb replaces is first copied to <name>.bak.', {
      foreignFiles,
    });
  }
  const unsafe = dirModeError(dir, 0o700, options.osUser);
  if (unsafe) throw unsafe;
  return { owned: false, foreignFiles: foreignFiles.map((name) => join(dir, name)) };
}
