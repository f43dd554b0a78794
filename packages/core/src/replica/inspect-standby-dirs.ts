import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirModeError } from '../fs/set-owned-dir-mode.js';
import { isCatdbDir, notOwnedError } from '../fs/owner-mark.js';
import type { OsUser } from '../os/os-user.js';
import { isCatdbStandby, standbySideDir } from './standby-files.js';

/**
 * Refuses, before a slot or a folder is created, what replica init may not use: an existing
 * `<dataDir>.catdb` that catdb did not create and that is not empty, and (fresh init) an existing
 * empty data directory or side folder without the mode and owner the server needs, since catdb
 * does not chmod or chown folders it did not create. Errors: FS_NOT_OWNED.
 */
export function inspectStandbyDirs(dataDir: string, mode: 'fresh' | 'resume', osUser: OsUser | undefined): void {
  const sideDir = standbySideDir(dataDir);
  if (existsSync(sideDir) && !isCatdbDir(sideDir) && !isCatdbStandby(dataDir)) {
    if (!statSync(sideDir).isDirectory() || readdirSync(sideDir).length > 0) {
      throw notOwnedError(sideDir, `${sideDir} is not a folder catdb created and it is not empty; catdb keeps the standby's passfile and log there`, `Move ${sideDir} away yourself, or choose another data directory.`);
    }
    const unsafe = dirModeError(sideDir, 0o700, osUser);
    if (unsafe) throw unsafe;
  }
  if (mode === 'fresh' && existsSync(dataDir)) {
    const unsafe = dirModeError(dataDir, 0o700, osUser);
    if (unsafe) throw unsafe;
  }
}
