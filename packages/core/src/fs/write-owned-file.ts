import { chmodSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isCatdbDir, notOwnedError } from './owner-mark.js';

/**
 * Writes `content` to `file` with `mode`. An existing file is replaced only in a folder that
 * holds catdb's mark (files catdb writes there are its own); in any other folder only a new
 * file is written, and an existing one is refused with FS_NOT_OWNED, unchanged.
 */
export function writeOwnedFile(file: string, content: string, mode: number): void {
  if (isCatdbDir(dirname(file))) {
    writeFileSync(file, content, { mode });
    // writeFileSync's mode applies only when it creates the file.
    chmodSync(file, mode);
    return;
  }
  try {
    writeFileSync(file, content, { mode, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw notOwnedError(file, `${file} already exists in a folder catdb did not create, so catdb will not overwrite it`, `Move ${file} away, or choose another folder.`);
  }
}
