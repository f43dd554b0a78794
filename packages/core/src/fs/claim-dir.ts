import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { OsUser } from '../os/os-user.js';
import { notOwnedError, readOwnerMark, writeOwnerMark, type OwnerMark } from './owner-mark.js';
import { dirModeError, setOwnedDirMode } from './set-owned-dir-mode.js';

/** Options of claimDir. */
export interface ClaimDirOptions {
  /** Recorded in the mark: the catdb operation that made the folder, e.g. `sandbox up`. */
  createdBy: string;
  /** Mode of the folder when catdb creates it; default 0o700. Parents it creates get 0o755. */
  mode?: number;
  /**
   * The mode (and owner, when catdb runs as root) the folder must have for a server: set on a
   * folder catdb created, required as is of one it adopts (refused before anything is written).
   */
  settle?: { mode: number; osUser: OsUser | undefined };
  /**
   * Recognises a folder an earlier catdb made before marks existed, by the state files only
   * catdb writes; such a folder is marked on the spot and counts as created by catdb.
   */
  legacy?: (dir: string) => boolean;
  /** Take over a folder that is not catdb's and not empty (pgbouncer init --force). */
  force?: boolean;
  /** How to get out of a refusal; the default suggests a new or empty folder. */
  hint?: string;
}

/** The folder claimDir made catdb's: its path, its mark, and the topmost folder it created. */
export interface ClaimedDir {
  dir: string;
  mark: OwnerMark;
  /** The topmost folder this call created (missing parents included); undefined when `dir` existed. */
  created: string | undefined;
}

/**
 * Makes `dir` a folder catdb may write in: creates it (and its missing parents, each marked)
 * when absent, takes over an empty one (marked `adopted`), recognises a marked or legacy one,
 * and refuses any other with FS_NOT_OWNED naming it, having written nothing. Only `force`
 * takes over a non-empty foreign folder, still as `adopted`.
 */
export function claimDir(dir: string, options: ClaimDirOptions): ClaimedDir {
  const path = resolve(dir);
  const missing: string[] = [];
  for (let p = path; !existsSync(p) && dirname(p) !== p; p = dirname(p)) missing.unshift(p);
  let created: string | undefined;
  for (const p of missing) {
    try {
      mkdirSync(p, { mode: p === path ? (options.mode ?? 0o700) : 0o755 });
    } catch (err) {
      // Someone else made it meanwhile: then it is theirs, and the checks below treat it so.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    created ??= p;
    writeOwnerMark(p, { createdBy: options.createdBy, adopted: false });
  }
  if (!statSync(path).isDirectory()) {
    throw notOwnedError(path, `${path} exists and is not a folder`, 'Point catdb at a folder that does not exist yet.');
  }
  let mark = readOwnerMark(path);
  if (!mark && options.legacy?.(path)) {
    // Made by a catdb from before marks, which created and chmod-ed such folders itself: mark it
    // as catdb's from now on, so every later check is the same single test.
    mark = writeOwnerMark(path, { createdBy: `${options.createdBy} (found from an earlier catdb)`, adopted: false });
  }
  if (!mark) {
    const entries = readdirSync(path);
    if (entries.length > 0 && !options.force) {
      throw notOwnedError(
        path,
        `${path} is not a folder catdb created (it has no .catdb-owned mark) and it is not empty, so catdb will not write into it`,
        options.hint ?? 'Point catdb at a folder that does not exist yet or is empty, or move the files away yourself.',
        { entries: entries.slice(0, 10) },
      );
    }
    const problem = options.settle && dirModeError(path, options.settle.mode, options.settle.osUser);
    if (problem) throw problem;
    mark = writeOwnerMark(path, { createdBy: options.createdBy, adopted: true });
  }
  if (options.settle) setOwnedDirMode(path, options.settle.mode, options.settle.osUser, mark);
  return { dir: path, mark, created };
}
