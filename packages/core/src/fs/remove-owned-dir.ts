import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { notOwnedError, readOwnerMark } from './owner-mark.js';

/**
 * Deletes a folder catdb created, or empties one it adopted (which then stays, empty, as catdb
 * found it). `owner` is the folder's own mark by default; a data directory passes the mark's
 * `vouchesFor` of its side folder. Without either: FS_NOT_OWNED, and nothing is touched.
 * Returns what happened: 'removed', 'emptied', or 'absent' when there was nothing.
 */
export function removeOwnedDir(dir: string, owner: { adopted: boolean } | undefined = readOwnerMark(dir)): 'removed' | 'emptied' | 'absent' {
  if (!existsSync(dir)) return 'absent';
  if (!owner) {
    throw notOwnedError(dir, `${dir} is not a folder catdb created (it has no .catdb-owned mark), so catdb will not delete it`, `Delete ${dir} yourself if you no longer need it.`);
  }
  if (!owner.adopted) {
    rmSync(dir, { recursive: true, force: true });
    return 'removed';
  }
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
  return 'emptied';
}
