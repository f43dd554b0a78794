import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CatdbError } from '../errors.js';
import { chownTo, type OsUser } from '../os/os-user.js';
import { notOwnedError, OWNER_MARK_FILE, readOwnerMark } from './owner-mark.js';

/** The refusal for a folder that lacks `mode`/owner and is not catdb's to change, or undefined when it has them. */
export function dirModeError(dir: string, mode: number, osUser: OsUser | undefined): CatdbError | undefined {
  const st = statSync(dir);
  const uid = osUser?.uid ?? process.getuid?.() ?? st.uid;
  if ((st.mode & 0o777) === mode && st.uid === uid) return undefined;
  const octal = (m: number): string => m.toString(8).padStart(4, '0');
  return notOwnedError(
    dir,
    `${dir} is mode ${octal(st.mode & 0o777)} owned by uid ${st.uid}; it needs ${octal(mode)} owned by ${osUser ? osUser.name : `uid ${uid}`}, and catdb does not change the mode or owner of a folder it did not create`,
    `Run chmod ${mode.toString(8)} ${dir}${osUser ? ` && chown ${osUser.name}: ${dir}` : ''} yourself, or point catdb at a folder that does not exist yet.`,
    { mode: st.mode & 0o777, uid: st.uid },
  );
}

/**
 * Gives `dir` the mode, and when catdb runs as root the owner (`osUser`), that a server needs
 * (PostgreSQL and PgBouncer refuse folders others can read). A folder that already has them
 * is left alone; one catdb created (`owner`, by default the folder's mark, not adopted) is
 * changed; any other is refused with FS_NOT_OWNED saying which chmod/chown would fix it.
 * The mark follows the folder's owner, so the server user owns everything in it.
 */
export function setOwnedDirMode(dir: string, mode: number, osUser: OsUser | undefined, owner: { adopted: boolean } | undefined = readOwnerMark(dir)): void {
  const problem = dirModeError(dir, mode, osUser);
  if (problem) {
    if (!owner || owner.adopted) throw problem;
    chmodSync(dir, mode);
    chownTo(dir, osUser);
  }
  if (readOwnerMark(dir)) chownTo(join(dir, OWNER_MARK_FILE), osUser);
}
