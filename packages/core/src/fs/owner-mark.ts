import { lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatdbError } from '../errors.js';

/**
 * The file that marks a folder as catdb's. catdb deletes, overwrites, chmods or chowns only
 * what sits under such a mark; everything else it refuses with FS_NOT_OWNED.
 */
export const OWNER_MARK_FILE = '.catdb-owned';

/** What `.catdb-owned` holds (no secret; 0600 like everything else catdb writes). */
export interface OwnerMark {
  version: 1;
  /** The catdb operation that made the folder, e.g. `sandbox up`. */
  createdBy: string;
  /** ISO 8601 time the mark was written. */
  createdAt: string;
  /**
   * True when the folder existed before catdb (empty, or taken over with `--force`): what catdb
   * writes in it is catdb's, the folder itself is not, so it is never chmod-ed, chown-ed or
   * deleted, only emptied of catdb's files.
   */
  adopted: boolean;
  /**
   * A folder that cannot hold a mark of its own (a PostgreSQL data directory must stay exactly
   * as pg_basebackup made it), which catdb created (`adopted: false`) or filled while it was
   * empty (`adopted: true`).
   */
  vouchesFor?: { path: string; adopted: boolean };
}

/** The mark in `dir`, or undefined when there is none or it is not one catdb wrote (a symlink, bad JSON). Never throws. */
export function readOwnerMark(dir: string): OwnerMark | undefined {
  const file = join(dir, OWNER_MARK_FILE);
  try {
    // lstat: a symlink planted under the mark's name must not lend a foreign folder catdb's mark.
    if (!lstatSync(file).isFile()) return undefined;
    const mark = JSON.parse(readFileSync(file, 'utf8')) as Partial<OwnerMark>;
    if (mark.version !== 1 || typeof mark.createdBy !== 'string' || typeof mark.adopted !== 'boolean') return undefined;
    return mark as OwnerMark;
  } catch {
    return undefined;
  }
}

/** True when `dir` holds catdb's mark. */
export function isCatdbDir(dir: string): boolean {
  return readOwnerMark(dir) !== undefined;
}

/** Writes (or rewrites) the mark of a folder catdb created or adopted, 0600, through a rename. */
export function writeOwnerMark(dir: string, fields: Pick<OwnerMark, 'createdBy' | 'adopted'> & Pick<Partial<OwnerMark>, 'vouchesFor'>): OwnerMark {
  const mark: OwnerMark = { version: 1, createdBy: fields.createdBy, createdAt: new Date().toISOString(), adopted: fields.adopted, ...(fields.vouchesFor ? { vouchesFor: fields.vouchesFor } : {}) };
  const file = join(dir, OWNER_MARK_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(mark) + '\n', { mode: 0o600, flag: 'wx' });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  return mark;
}

/** The one error for "catdb did not create this": names the path and says what to do. */
export function notOwnedError(path: string, message: string, hint: string, details: Record<string, unknown> = {}): CatdbError {
  return new CatdbError('FS_NOT_OWNED', message, { hint, details: { path, ...details } });
}
