import { readdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { OWNER_MARK_FILE, readOwnerMark } from '../fs/owner-mark.js';
import { removeOwnedDir } from '../fs/remove-owned-dir.js';
import { stopLocalServer } from './stop-local-server.js';

/** What destroyLocalServer stopped and removed. */
export interface DestroyLocalServerResult {
  dir: string;
  /** Whether the server was running and was stopped first. */
  stopped: boolean;
  /** 'removed' (catdb created the folder), 'emptied' (it adopted an empty one), 'absent'. */
  folder: 'removed' | 'emptied' | 'absent';
  /** Parent folders catdb had created for it and that held nothing else, removed too. */
  removedParents: string[];
}

/**
 * Stops catdb's local PostgreSQL and deletes its folder, databases included: only a folder
 * catdb created (its `.catdb-owned` mark), and of the parents it created along with it only
 * those now empty. Errors: FS_NOT_OWNED (nothing deleted; the server is stopped) for a folder
 * without catdb's mark.
 */
export async function destroyLocalServer(options: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<DestroyLocalServerResult> {
  const status = await stopLocalServer(options);
  const folder = removeOwnedDir(status.dir);
  const removedParents: string[] = [];
  if (folder === 'removed') {
    for (let p = dirname(status.dir); dirname(p) !== p; p = dirname(p)) {
      const mark = readOwnerMark(p);
      // Only what catdb made itself and what holds nothing but its mark: never a folder of someone else's.
      if (!mark || mark.adopted || readdirSync(p).some((e) => e !== OWNER_MARK_FILE)) break;
      rmSync(p, { recursive: true, force: true });
      removedParents.push(p);
    }
  }
  return { dir: status.dir, stopped: status.running, folder, removedParents };
}
