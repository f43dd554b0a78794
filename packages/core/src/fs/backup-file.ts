import { constants, copyFileSync } from 'node:fs';

/**
 * Copies `file` to `<file>.bak`, or to `<file>.bak.2`, `.bak.3`… when those exist: an earlier
 * backup is never overwritten. The copy keeps the file's mode. Returns the copy's path.
 */
export function backupFile(file: string): string {
  for (let n = 1; ; n++) {
    const copy = n === 1 ? `${file}.bak` : `${file}.bak.${n}`;
    try {
      // COPYFILE_EXCL: the existence test and the copy are one step, so a race cannot overwrite.
      copyFileSync(file, copy, constants.COPYFILE_EXCL);
      return copy;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
